#include "store/account_store.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

constexpr const char* kUserColumns =
    "id::text, username, email, role, password_hash, disabled, iso_utc(created_at), iso_utc(updated_at), "
    "iso_utc(last_login_at)";

constexpr const char* kKeyColumns =
    "id::text, name, prefix, array_to_string(scopes, ','), created_by, iso_utc(created_at), iso_utc(expires_at), "
    "iso_utc(revoked_at), iso_utc(last_used_at)";

std::optional<std::string> opt(const pqxx::field& f) {
    if (f.is_null()) {
        return std::nullopt;
    }
    return std::string(f.c_str());
}

UserRecord user_from(const pqxx::row& r) {
    return {r[0].c_str(),    r[1].c_str(), opt(r[2]),    r[3].c_str(), r[4].c_str(),
            r[5].as<bool>(), r[6].c_str(), r[7].c_str(), opt(r[8])};
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size() && !s.empty()) {
        auto comma = s.find(',', start);
        out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

ApiKeyRecord key_from(const pqxx::row& r) {
    return {r[0].c_str(), r[1].c_str(), r[2].c_str(), split(r[3].c_str()), opt(r[4]), r[5].c_str(),
            opt(r[6]),    opt(r[7]),    opt(r[8])};
}

std::string pg_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? "," : "") + items[i]; // scopes are validated words (read, command, admin)
    }
    return out + "}";
}

auth::Permissions permissions_from(const std::vector<std::string>& scopes) {
    auth::Permissions out;
    for (const auto& s : scopes) {
        if (auto p = auth::parse_permission(s)) {
            out.insert(*p);
        }
    }
    return out;
}

} // namespace

long PgAccountStore::count_users() {
    return tx_.exec("SELECT count(*) FROM users")[0][0].as<long>();
}

std::optional<UserRecord> PgAccountStore::find_user_by_name(const std::string& username) {
    auto r = tx_.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE lower(username) = lower($1)",
                             username);
    if (r.empty()) {
        return std::nullopt;
    }
    return user_from(r[0]);
}

std::optional<UserRecord> PgAccountStore::find_user(const std::string& id) {
    auto r = tx_.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1::uuid", id);
    if (r.empty()) {
        return std::nullopt;
    }
    return user_from(r[0]);
}

std::vector<UserRecord> PgAccountStore::list_users(const std::optional<std::string>& after, long limit) {
    auto r = tx_.exec_params(std::string("SELECT ") + kUserColumns +
                                 " FROM users WHERE ($1::text IS NULL OR lower(username) > lower($1)) "
                                 "ORDER BY lower(username) LIMIT $2",
                             after, limit);
    std::vector<UserRecord> out;
    for (const auto& row : r) {
        out.push_back(user_from(row));
    }
    return out;
}

UserRecord PgAccountStore::create_user(const std::string& username, const std::optional<std::string>& email,
                                       const std::string& role, const std::string& password_hash) {
    auto r = tx_.exec_params(std::string("INSERT INTO users (username, email, role, password_hash) "
                                         "VALUES ($1, $2, $3, $4) RETURNING ") +
                                 kUserColumns,
                             username, email, role, password_hash);
    return user_from(r[0]);
}

std::optional<UserRecord> PgAccountStore::update_user(const std::string& id, const UserPatch& p) {
    const bool set_email = p.email.has_value();
    std::optional<std::string> email = set_email ? *p.email : std::nullopt;
    auto r = tx_.exec_params(
        std::string("UPDATE users SET email = CASE WHEN $2 THEN $3 ELSE email END, role = coalesce($4, role), "
                    "password_hash = coalesce($5, password_hash), disabled = coalesce($6, disabled), "
                    "updated_at = now() WHERE id = $1::uuid RETURNING ") +
            kUserColumns,
        id, set_email, email, p.role, p.password_hash, p.disabled);
    if (r.empty()) {
        return std::nullopt;
    }
    return user_from(r[0]);
}

bool PgAccountStore::delete_user(const std::string& id) {
    return tx_.exec_params("DELETE FROM users WHERE id = $1::uuid", id).affected_rows() > 0;
}

long PgAccountStore::count_other_enabled_admins(const std::string& id) {
    return tx_
        .exec_params("SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1::uuid", id)[0][0]
        .as<long>();
}

void PgAccountStore::record_login(const std::string& user_id) {
    tx_.exec_params("UPDATE users SET last_login_at = now() WHERE id = $1::uuid", user_id);
}

std::string PgAccountStore::create_session(const std::string& token_hash, const std::string& user_id, long ttl_s,
                                           const std::string& remote) {
    // Expired sessions of anyone go at each login, so the table stays small without a sweeper.
    tx_.exec("DELETE FROM sessions WHERE expires_at < now()");
    auto r =
        tx_.exec_params("INSERT INTO sessions (token_hash, user_id, expires_at, remote) "
                        "VALUES ($1, $2::uuid, now() + make_interval(secs => $3), $4) RETURNING iso_utc(expires_at)",
                        token_hash, user_id, ttl_s, remote);
    return r[0][0].c_str();
}

void PgAccountStore::delete_session(const std::string& token_hash) {
    tx_.exec_params("DELETE FROM sessions WHERE token_hash = $1", token_hash);
}

void PgAccountStore::delete_sessions_of(const std::string& user_id) {
    tx_.exec_params("DELETE FROM sessions WHERE user_id = $1::uuid", user_id);
}

std::optional<Principal> PgAccountStore::principal_for_session(const std::string& token_hash) {
    auto r = tx_.exec_params("SELECT u.id::text, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id "
                             "WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled",
                             token_hash);
    if (r.empty()) {
        return std::nullopt;
    }
    Principal p;
    p.kind = Principal::Kind::User;
    p.id = r[0][0].c_str();
    p.name = r[0][1].c_str();
    p.role = auth::parse_role(r[0][2].c_str());
    p.permissions = p.role ? auth::permissions_of(*p.role) : auth::Permissions{};
    p.session_hash = token_hash;
    return p;
}

ApiKeyRecord PgAccountStore::create_api_key(const std::string& name, const std::string& key_hash,
                                            const std::string& prefix, const std::vector<std::string>& scopes,
                                            const std::optional<std::string>& created_by,
                                            const std::optional<std::string>& expires_at) {
    auto r =
        tx_.exec_params(std::string("INSERT INTO api_keys (name, key_hash, prefix, scopes, created_by, "
                                    "expires_at) VALUES ($1, $2, $3, $4::text[], $5, $6::timestamptz) RETURNING ") +
                            kKeyColumns,
                        name, key_hash, prefix, pg_array(scopes), created_by, expires_at);
    return key_from(r[0]);
}

std::vector<ApiKeyRecord> PgAccountStore::list_api_keys(const std::optional<std::string>& after, long limit) {
    auto r = tx_.exec_params(std::string("SELECT ") + kKeyColumns +
                                 " FROM api_keys WHERE ($1::uuid IS NULL OR (created_at, id) < "
                                 "(SELECT created_at, id FROM api_keys WHERE id = $1::uuid)) "
                                 "ORDER BY created_at DESC, id DESC LIMIT $2",
                             after, limit);
    std::vector<ApiKeyRecord> out;
    for (const auto& row : r) {
        out.push_back(key_from(row));
    }
    return out;
}

std::optional<ApiKeyRecord> PgAccountStore::find_api_key(const std::string& id) {
    auto r = tx_.exec_params(std::string("SELECT ") + kKeyColumns + " FROM api_keys WHERE id = $1::uuid", id);
    if (r.empty()) {
        return std::nullopt;
    }
    return key_from(r[0]);
}

bool PgAccountStore::revoke_api_key(const std::string& id) {
    return tx_.exec_params("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1::uuid", id)
               .affected_rows() > 0;
}

std::optional<Principal> PgAccountStore::principal_for_api_key(const std::string& key_hash) {
    auto r = tx_.exec_params(
        "UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL "
        "AND (expires_at IS NULL OR expires_at > now()) RETURNING id::text, name, array_to_string(scopes, ',')",
        key_hash);
    if (r.empty()) {
        return std::nullopt;
    }
    Principal p;
    p.kind = Principal::Kind::ApiKey;
    p.id = r[0][0].c_str();
    p.name = r[0][1].c_str();
    p.permissions = permissions_from(split(r[0][2].c_str()));
    return p;
}

} // namespace recarga::manager
