#include "domain/auth.hpp"

#include <argon2.h>
#include <array>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace recarga::manager::auth {

namespace {

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~20 ms here, affordable per login.
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr std::size_t kSaltLen = 16;
constexpr std::size_t kHashLen = 32;

void random_bytes(unsigned char* out, std::size_t n) {
    if (RAND_bytes(out, static_cast<int>(n)) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
}

std::string hex(const unsigned char* data, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 0xF];
    }
    return out;
}

std::string random_token(std::string_view prefix) {
    std::array<unsigned char, 32> bytes{};
    random_bytes(bytes.data(), bytes.size());
    return std::string(prefix) + hex(bytes.data(), bytes.size());
}

} // namespace

std::string_view to_string(Role role) {
    switch (role) {
    case Role::Admin:
        return "admin";
    case Role::Operator:
        return "operator";
    case Role::Viewer:
        return "viewer";
    }
    return "viewer";
}

std::string_view to_string(Permission permission) {
    switch (permission) {
    case Permission::Read:
        return "read";
    case Permission::Command:
        return "command";
    case Permission::Admin:
        return "admin";
    }
    return "read";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "admin") {
        return Role::Admin;
    }
    if (text == "operator") {
        return Role::Operator;
    }
    if (text == "viewer") {
        return Role::Viewer;
    }
    return std::nullopt;
}

std::optional<Permission> parse_permission(std::string_view text) {
    if (text == "read") {
        return Permission::Read;
    }
    if (text == "command") {
        return Permission::Command;
    }
    if (text == "admin") {
        return Permission::Admin;
    }
    return std::nullopt;
}

Permissions permissions_of(Role role) {
    switch (role) {
    case Role::Admin:
        return {Permission::Read, Permission::Command, Permission::Admin};
    case Role::Operator:
        return {Permission::Read, Permission::Command};
    case Role::Viewer:
        return {Permission::Read};
    }
    return {};
}

bool allows(const Permissions& held, Permission needed) {
    return held.contains(needed);
}

std::string hash_password(std::string_view password) {
    std::array<unsigned char, kSaltLen> salt{};
    random_bytes(salt.data(), salt.size());
    const std::size_t len = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltLen, kHashLen, Argon2_id);
    std::string encoded(len, '\0');
    int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                                   salt.size(), kHashLen, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) {
        return {};
    }
    encoded.resize(encoded.find('\0') == std::string::npos ? encoded.size() : encoded.find('\0'));
    return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded) {
    if (!encoded.starts_with("$argon2id$")) {
        return false;
    }
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string new_session_token() {
    return random_token("rcs_");
}
std::string new_api_key() {
    return random_token("rck_");
}
std::string new_webhook_secret() {
    return random_token("rcw_");
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int n = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &n) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    return hex(mac.data(), n);
}

std::string sha256_hex(std::string_view secret) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int n = 0;
    if (EVP_Digest(secret.data(), secret.size(), md.data(), &n, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return hex(md.data(), n);
}

std::string random_password() {
    static constexpr std::string_view alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::array<unsigned char, 20> bytes{};
    random_bytes(bytes.data(), bytes.size());
    std::string out;
    for (auto b : bytes) {
        out += alphabet[b % alphabet.size()]; // 256 % 56 bias is irrelevant for a development password
    }
    return out;
}

} // namespace recarga::manager::auth
