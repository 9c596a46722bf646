#include "domain/admission.hpp"

#include <argon2.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

namespace recarga::manager {

std::string_view to_string(Verdict v) noexcept {
    switch (v) {
    case Verdict::Accepted:
        return "accepted";
    case Verdict::Unauthorized:
        return "unauthorized";
    case Verdict::BelowProfile:
        return "below-profile";
    case Verdict::Blocked:
        return "blocked";
    case Verdict::CertificateMismatch:
        return "certificate-mismatch";
    }
    return "";
}

AdmissionDecision decide_admission(const std::optional<StationSecurity>& station, bool unknown_allowed,
                                   int offered_profile, const std::optional<std::string>& password,
                                   const std::function<bool(const std::string&, const std::string&)>& verify,
                                   int minimum_profile, bool certificate_matches) {
    if (offered_profile == 3 && !certificate_matches) {
        // A valid certificate issued for another station is no credential for this one.
        return {Verdict::CertificateMismatch, 0, false, false};
    }
    const int required = std::max(station ? station->required_profile : 0, minimum_profile);
    if (station && station->blocked) {
        return {Verdict::Blocked, 0, false, false};
    }
    if (!station && required == 0) {
        // Nothing is known to check credentials against: the unknown-station policy decides.
        return {unknown_allowed ? Verdict::Accepted : Verdict::Unauthorized, 0, false, false};
    }
    if (required == 0) {
        return {Verdict::Accepted, 0, false, false};
    }
    if (offered_profile < required) {
        // Missing credentials on a profile 1 station is a 401 (the station may retry with them); a transport
        // weaker than required is refused whatever the password.
        if (offered_profile == 0 && required == 1) {
            return {Verdict::Unauthorized, 0, false, false};
        }
        return {Verdict::BelowProfile, 0, false, false};
    }
    if (offered_profile == 3) {
        // The certificate was verified by TLS and names the station. An unknown station it vouches for still
        // follows the unknown-station policy.
        if (!station && !unknown_allowed) {
            return {Verdict::Unauthorized, 0, false, false};
        }
        return {Verdict::Accepted, 3, false, station.has_value()};
    }
    if (!station) {
        return {Verdict::Unauthorized, 0, false, false}; // no password to compare with
    }
    if (!password || !station->password_hash || !verify(*station->password_hash, *password)) {
        return {Verdict::Unauthorized, 0, password.has_value(), false};
    }
    return {Verdict::Accepted, offered_profile, false, true};
}

bool certificate_names_station(const std::vector<std::string>& names, std::string_view station) {
    return !station.empty() && std::find(names.begin(), names.end(), station) != names.end();
}

std::string hash_password(const std::string& password) {
    // OWASP's argon2id minimum: m=19 MiB, t=2, p=1.
    constexpr std::uint32_t t = 2, m = 19 * 1024, p = 1, hashlen = 32, saltlen = 16;
    std::vector<std::uint8_t> salt(saltlen);
    std::random_device rd;
    for (auto& b : salt) {
        b = static_cast<std::uint8_t>(rd());
    }
    std::string encoded(argon2_encodedlen(t, m, p, saltlen, hashlen, Argon2_id), '\0');
    const int rc = argon2id_hash_encoded(t, m, p, password.data(), password.size(), salt.data(), salt.size(),
                                         hashlen, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) {
        throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
    }
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify_password(const std::string& encoded, const std::string& password) {
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

VerifiedPasswordCache::VerifiedPasswordCache(std::size_t capacity) : key_(32, '\0'), capacity_(capacity) {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(key_.data()), static_cast<int>(key_.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
}

std::string VerifiedPasswordCache::digest(const std::string& encoded, const std::string& password) const {
    const std::string input = key_ + encoded + '\0' + password;
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int len = 0;
    EVP_Digest(input.data(), input.size(), reinterpret_cast<unsigned char*>(out.data()), &len, EVP_sha256(),
               nullptr);
    out.resize(len);
    return out;
}

bool VerifiedPasswordCache::verify(const std::string& station, const std::string& encoded, const std::string& password,
                                   const std::function<bool(const std::string&, const std::string&)>& slow) {
    const auto d = digest(encoded, password);
    const auto key = station + '\0' + encoded;
    {
        std::lock_guard lock(mutex_);
        if (auto it = verified_.find(key); it != verified_.end() && it->second == d) {
            return true;
        }
    }
    if (!slow(encoded, password)) {
        return false;
    }
    std::lock_guard lock(mutex_);
    if (verified_.size() >= capacity_) {
        verified_.clear();
    }
    verified_[key] = d;
    return true;
}

std::size_t VerifiedPasswordCache::size() const {
    std::lock_guard lock(mutex_);
    return verified_.size();
}

} // namespace recarga::manager
