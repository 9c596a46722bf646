// Operator authentication and authorization as free functions: argon2id password hashing, random bearer
// tokens and API keys (only their SHA-256 is stored), and the permission rules of roles and API-key scopes.
// No I/O here; the stores keep the hashes and the API layer decides with these rules.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace recarga::manager::auth {

enum class Role { Admin, Operator, Viewer };
// What a request needs and what a caller holds. A user's role grants a fixed set; an API key holds its scopes.
enum class Permission { Read, Command, Admin };
using Permissions = std::set<Permission>;

std::string_view to_string(Role role);
std::string_view to_string(Permission permission);
std::optional<Role> parse_role(std::string_view text);
std::optional<Permission> parse_permission(std::string_view text);

// viewer: read; operator: read and command; admin: read, command and admin.
Permissions permissions_of(Role role);
bool allows(const Permissions& held, Permission needed);

// argon2id (RFC 9106) in its PHC string encoding, with a random 16-byte salt. Empty string only when the
// library fails (out of memory), which callers treat as an internal error.
std::string hash_password(std::string_view password);
// True when `password` matches an encoded argon2id hash; false for a wrong password or a malformed hash.
bool verify_password(std::string_view password, const std::string& encoded);

// 32 random bytes from OpenSSL RAND_bytes, hex encoded, after a prefix that tells the kind apart
// ("rcs_" session token, "rck_" API key).
std::string new_session_token();
std::string new_api_key();
// Secret of a webhook ("rcw_" prefix), shown once when it is registered.
std::string new_webhook_secret();
// Lower-case hex SHA-256 of a token or key: what the database keeps and looks up.
std::string sha256_hex(std::string_view secret);
// Lower-case hex HMAC-SHA256 of `message` keyed with `key` (OpenSSL): the signature of webhook bodies.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Generated password for the development-mode admin: 20 characters from an unambiguous alphabet.
std::string random_password();

} // namespace recarga::manager::auth
