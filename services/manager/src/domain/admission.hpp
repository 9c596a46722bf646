// Connection admission (security profiles 0-3): whether a station may open its WebSocket with the credentials
// and transport it offers, decided from its stored security settings. Pure; the password check is passed in so
// that argon2 stays out of the decision (and its tests).
//
// Profiles: 0 none (development, the default of a station without settings), 1 HTTP Basic over ws://,
// 2 TLS + HTTP Basic, 3 mutual TLS. A station may connect with a higher profile than it requires, never lower.
#pragma once

#include <functional>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager {

struct StationSecurity {
    int required_profile = 0;
    std::optional<std::string> password_hash; // argon2id encoded
    bool blocked = false;                     // too many failures recently
};

enum class Verdict { Accepted, Unauthorized, BelowProfile, Blocked, CertificateMismatch };
std::string_view to_string(Verdict v) noexcept;

struct AdmissionDecision {
    Verdict verdict = Verdict::Unauthorized;
    int profile = 0;            // the profile the station is admitted under
    bool count_failure = false; // wrong credentials: counts towards the rate limit
    bool reset_failures = false;
};

inline constexpr int kMaxAuthFailures = 5;      // failures in a row before the station is blocked
inline constexpr int kAuthBlockSeconds = 60;    // how long a blocked station is refused

// `station`: nullopt for an unknown station; `unknown_allowed`: the manager registers unknown stations.
// `offered_profile`: 0 (ws:// without credentials), 1 (ws:// with Basic), 2 (wss:// with Basic), 3 (mTLS).
// `minimum_profile`: the deployment's floor, raising every station's required profile (0: none).
// `certificate_matches`: with profile 3, the client certificate (verified against the operator's CA by the
// gateway) names this station in its CN or a subjectAltName; only such a certificate vouches for a station.
AdmissionDecision decide_admission(const std::optional<StationSecurity>& station, bool unknown_allowed,
                                   int offered_profile, const std::optional<std::string>& password,
                                   const std::function<bool(const std::string& hash, const std::string& pw)>& verify,
                                   int minimum_profile = 0, bool certificate_matches = false);

// Whether one of a certificate's names (CN and subjectAltNames) is exactly the station id.
bool certificate_names_station(const std::vector<std::string>& names, std::string_view station);

// argon2id: an encoded hash of `password` with a fresh salt, and its verification.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& encoded, const std::string& password);

// verify_password with a memory of recent successes, so that a reconnect wave (thousands of stations after a
// gateway loss) costs one argon2id verification per station and process, not one per attempt. It remembers,
// per station and encoded hash (its salt changes with every new password), a SHA-256 of the password under a key
// drawn at process start; a wrong password never matches and is always verified in full. Thread-safe, bounded.
class VerifiedPasswordCache {
public:
    explicit VerifiedPasswordCache(std::size_t capacity = 200000);
    bool verify(const std::string& station, const std::string& encoded, const std::string& password,
                const std::function<bool(const std::string&, const std::string&)>& slow = verify_password);
    std::size_t size() const;

private:
    std::string digest(const std::string& encoded, const std::string& password) const;
    std::string key_;
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::string> verified_; // station and encoded hash -> digest of the password
};

} // namespace recarga::manager
