#include "api/accounts_api.hpp"

#include "api/spec_validator.hpp"
#include "config.hpp"
#include "domain/auth.hpp"
#include "domain/login_throttle.hpp"
#include "store/audit_store.hpp"

#include <boost/json/serialize.hpp>
#include <cctype>
#include <mutex>
#include <pqxx/pqxx>

namespace recarga::manager::api {

namespace json = boost::json;

namespace {

json::value opt_json(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

std::optional<std::string> opt_string(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    if (v == nullptr || !v->is_string()) {
        return std::nullopt;
    }
    return std::string(v->as_string());
}

Response ok(int status, const json::value& v) {
    return {status, json::serialize(v)};
}

// A hash of a fixed password, so that an unknown user name costs as much time as a wrong password.
const std::string& dummy_hash() {
    static const std::string h = auth::hash_password("recarga-dummy-password");
    return h;
}

template <class T, class Id>
Response page(const std::vector<T>& rows, long limit, Id last_id, json::object (*to_json)(const T&)) {
    json::array items;
    const auto n = std::min<long>(static_cast<long>(rows.size()), limit);
    for (long i = 0; i < n; ++i) {
        items.push_back(to_json(rows[static_cast<std::size_t>(i)]));
    }
    json::value next = nullptr;
    if (static_cast<long>(rows.size()) > limit) {
        next = json::value(last_id(rows[static_cast<std::size_t>(limit - 1)]));
    }
    return ok(200, json::object{{"items", std::move(items)}, {"nextCursor", next}});
}

std::optional<std::string> query(const Call& c, const std::string& key) {
    auto it = c.req.query.find(key);
    if (it == c.req.query.end()) {
        return std::nullopt;
    }
    return it->second;
}

} // namespace

long page_limit(const Call& c) {
    auto v = query(c, "limit");
    return v ? std::stol(*v) : 50; // the spec validator has checked 1..500
}

json::object user_json(const UserRecord& u) {
    return {{"id", u.id},
            {"username", u.username},
            {"email", opt_json(u.email)},
            {"role", u.role},
            {"disabled", u.disabled},
            {"createdAt", u.created_at},
            {"updatedAt", u.updated_at},
            {"lastLoginAt", opt_json(u.last_login_at)}};
}

json::object api_key_json(const ApiKeyRecord& k) {
    json::array scopes;
    for (const auto& s : k.scopes) {
        scopes.emplace_back(s);
    }
    return {{"id", k.id},
            {"name", k.name},
            {"prefix", k.prefix},
            {"scopes", std::move(scopes)},
            {"createdBy", opt_json(k.created_by)},
            {"createdAt", k.created_at},
            {"expiresAt", opt_json(k.expires_at)},
            {"revokedAt", opt_json(k.revoked_at)},
            {"lastUsedAt", opt_json(k.last_used_at)}};
}

// --- auth ---

Response login(Call& c) {
    // One throttle per process, shared by the API's request threads (http_server.cpp), under its own lock.
    static auth::LoginThrottle throttle;
    static std::mutex throttle_mutex;
    const auto& body = c.body.as_object();
    const std::string username(body.at("username").as_string());
    const std::string password(body.at("password").as_string());
    c.attempted_actor = username;
    std::string key = username;
    for (auto& ch : key) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    const auto now = auth::LoginThrottle::Clock::now();
    std::unique_lock throttled(throttle_mutex);
    if (auto wait = throttle.retry_after(key, now); wait.count() > 0) {
        auto r = problem(429, "too-many-attempts", "Too many attempts",
                         "too many failed logins for this user; try again later");
        r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
        return r;
    }
    throttled.unlock(); // not held over the database and the password hash
    PgAccountStore store(*c.tx);
    auto user = store.find_user_by_name(username);
    const bool verified = auth::verify_password(password, user ? user->password_hash : dummy_hash());
    if (!user || !verified || user->disabled) {
        throttled.lock();
        throttle.record_failure(key, now);
        return problem(401, "invalid-credentials", "Invalid credentials", "the user name or password is wrong");
    }
    throttled.lock();
    throttle.record_success(key);
    throttled.unlock();
    const std::string token = auth::new_session_token();
    const auto expires = store.create_session(auth::sha256_hex(token), user->id, c.config.session_ttl_s, c.req.remote);
    store.record_login(user->id);
    Principal p;
    p.kind = Principal::Kind::User;
    p.id = user->id;
    p.name = user->username;
    p.role = auth::parse_role(user->role);
    c.principal = p;
    c.resource = "sessions";
    auto refreshed = store.find_user(user->id);
    return ok(200, json::object{{"token", token},
                                {"tokenType", "Bearer"},
                                {"expiresAt", expires},
                                {"user", user_json(refreshed ? *refreshed : *user)}});
}

Response logout(Call& c) {
    if (c.principal->kind != Principal::Kind::User) {
        return problem(400, "not-a-session", "Not a session",
                       "logout ends a bearer token's session; API keys are revoked");
    }
    PgAccountStore(*c.tx).delete_session(c.principal->session_hash);
    c.resource = "sessions";
    return {204, ""};
}

Response get_me(Call& c) {
    const auto& p = *c.principal;
    json::array permissions;
    for (auto perm : p.permissions) {
        permissions.emplace_back(auth::to_string(perm));
    }
    return ok(200, json::object{{"kind", p.kind == Principal::Kind::User ? "user" : "apiKey"},
                                {"id", p.id},
                                {"name", p.name},
                                {"role", p.role ? json::value(auth::to_string(*p.role)) : json::value(nullptr)},
                                {"permissions", std::move(permissions)}});
}

// --- users ---

Response list_users(Call& c) {
    const long limit = page_limit(c);
    pqxx::read_transaction tx(c.db);
    auto rows = PgAccountStore(tx).list_users(query(c, "cursor"), limit + 1);
    return page<UserRecord>(
        rows, limit, [](const UserRecord& u) { return u.username; }, &user_json);
}

Response create_user(Call& c) {
    const auto& body = c.body.as_object();
    const std::string username(body.at("username").as_string());
    PgAccountStore store(*c.tx);
    if (store.find_user_by_name(username)) {
        return problem(409, "conflict", "User exists", "a user named " + username + " exists");
    }
    const auto hash = auth::hash_password(body.at("password").as_string());
    if (hash.empty()) {
        return problem(503, "unavailable", "Service unavailable", "the password could not be hashed");
    }
    auto user = store.create_user(username, opt_string(body, "email"), std::string(body.at("role").as_string()), hash);
    c.resource = "users/" + user.id;
    auto res = ok(201, user_json(user));
    res.headers.emplace_back("Location", "/api/v1/users/" + user.id);
    return res;
}

Response get_user(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto user = PgAccountStore(tx).find_user(c.params.at("userId"));
    if (!user) {
        return problem(404, "not-found", "User not found", "no user with id " + c.params.at("userId"));
    }
    return ok(200, user_json(*user));
}

Response update_user(Call& c) {
    const auto& id = c.params.at("userId");
    const auto& body = c.body.as_object();
    c.resource = "users/" + id;
    PgAccountStore store(*c.tx);
    auto user = store.find_user(id);
    if (!user) {
        return problem(404, "not-found", "User not found", "no user with id " + id);
    }
    UserPatch patch;
    if (auto* e = body.if_contains("email")) {
        patch.email = e->is_string() ? std::optional<std::string>(std::string(e->as_string())) : std::nullopt;
    }
    patch.role = opt_string(body, "role");
    if (auto* d = body.if_contains("disabled"); d && d->is_bool()) {
        patch.disabled = d->as_bool();
    }
    if (auto pw = opt_string(body, "password")) {
        patch.password_hash = auth::hash_password(*pw);
        if (patch.password_hash->empty()) {
            return problem(503, "unavailable", "Service unavailable", "the password could not be hashed");
        }
    }
    const bool stays_admin = patch.role.value_or(user->role) == "admin" && !patch.disabled.value_or(user->disabled);
    if (user->role == "admin" && !user->disabled && !stays_admin && store.count_other_enabled_admins(id) == 0) {
        return problem(409, "last-admin", "Last admin", "the last enabled admin can be neither demoted nor disabled");
    }
    auto updated = store.update_user(id, patch);
    if (patch.password_hash || patch.disabled.value_or(false)) {
        store.delete_sessions_of(id); // a new password or a disabled account ends every session
    }
    return ok(200, user_json(*updated));
}

Response delete_user(Call& c) {
    const auto& id = c.params.at("userId");
    c.resource = "users/" + id;
    PgAccountStore store(*c.tx);
    auto user = store.find_user(id);
    if (!user) {
        return problem(404, "not-found", "User not found", "no user with id " + id);
    }
    if (user->role == "admin" && !user->disabled && store.count_other_enabled_admins(id) == 0) {
        return problem(409, "last-admin", "Last admin", "the last enabled admin cannot be deleted");
    }
    store.delete_user(id);
    return {204, ""};
}

// --- API keys ---

Response list_api_keys(Call& c) {
    const long limit = page_limit(c);
    auto cursor = query(c, "cursor");
    if (cursor && !is_uuid(*cursor)) {
        return problem(400, "invalid-parameter", "Invalid parameter", "cursor is not one this server gave");
    }
    pqxx::read_transaction tx(c.db);
    auto rows = PgAccountStore(tx).list_api_keys(cursor, limit + 1);
    return page<ApiKeyRecord>(
        rows, limit, [](const ApiKeyRecord& k) { return k.id; }, &api_key_json);
}

Response create_api_key(Call& c) {
    const auto& body = c.body.as_object();
    std::vector<std::string> scopes;
    for (const auto& s : body.at("scopes").as_array()) {
        scopes.emplace_back(s.as_string());
    }
    const std::string key = auth::new_api_key();
    PgAccountStore store(*c.tx);
    auto record = store.create_api_key(std::string(body.at("name").as_string()), auth::sha256_hex(key),
                                       key.substr(0, 12), scopes, c.principal->name, opt_string(body, "expiresAt"));
    c.resource = "api-keys/" + record.id;
    auto out = api_key_json(record);
    out["key"] = key; // shown this once; only its hash is stored
    auto res = ok(201, out);
    res.headers.emplace_back("Location", "/api/v1/api-keys/" + record.id);
    return res;
}

Response get_api_key(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto key = PgAccountStore(tx).find_api_key(c.params.at("keyId"));
    if (!key) {
        return problem(404, "not-found", "API key not found", "no API key with id " + c.params.at("keyId"));
    }
    return ok(200, api_key_json(*key));
}

Response revoke_api_key(Call& c) {
    const auto& id = c.params.at("keyId");
    c.resource = "api-keys/" + id;
    if (!PgAccountStore(*c.tx).revoke_api_key(id)) {
        return problem(404, "not-found", "API key not found", "no API key with id " + id);
    }
    return {204, ""};
}

// --- audit ---

Response list_audit(Call& c) {
    AuditFilter f;
    f.limit = page_limit(c);
    if (auto cursor = query(c, "cursor")) {
        const bool digits =
            !cursor->empty() && cursor->size() <= 18 && cursor->find_first_not_of("0123456789") == std::string::npos;
        if (!digits) {
            return problem(400, "invalid-parameter", "Invalid parameter", "cursor is not one this server gave");
        }
        f.before_id = std::stoll(*cursor);
    }
    f.actor = query(c, "actor");
    f.since = query(c, "since"); // date-time format checked by the spec validator
    f.until = query(c, "until");
    const long limit = f.limit;
    f.limit = limit + 1;
    pqxx::read_transaction tx(c.db);
    auto rows = PgAuditStore(tx).list(f);
    return json_text_page(rows, limit, [](const auto& row) { return std::to_string(row.first); });
}

} // namespace recarga::manager::api
