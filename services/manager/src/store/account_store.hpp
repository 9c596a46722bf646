// The accounts aggregate: users, their login sessions and API keys. Only hashes of secrets are kept (argon2id
// for passwords, SHA-256 for session tokens and API keys; see domain/auth.hpp). Every call runs inside the
// caller's transaction, so a change and its audit row commit together.
#pragma once

#include "domain/auth.hpp"

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace recarga::manager {

struct UserRecord {
    std::string id;
    std::string username;
    std::optional<std::string> email;
    std::string role;
    std::string password_hash;
    bool disabled = false;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> last_login_at;
};

struct UserPatch {
    std::optional<std::optional<std::string>> email; // set to null when the inner optional is empty
    std::optional<std::string> role;
    std::optional<std::string> password_hash;
    std::optional<bool> disabled;
};

struct ApiKeyRecord {
    std::string id;
    std::string name;
    std::string prefix;
    std::vector<std::string> scopes;
    std::optional<std::string> created_by;
    std::string created_at;
    std::optional<std::string> expires_at;
    std::optional<std::string> revoked_at;
    std::optional<std::string> last_used_at;
};

// Who is calling: a user (through a session token) or an API key.
struct Principal {
    enum class Kind { User, ApiKey } kind = Kind::User;
    std::string id;
    std::string name;
    std::optional<auth::Role> role; // users only
    auth::Permissions permissions;
    std::string session_hash; // users only: the session this request came with
};

class AccountStore {
public:
    virtual ~AccountStore() = default;
    virtual long count_users() = 0;
    virtual std::optional<UserRecord> find_user_by_name(const std::string& username) = 0;
    virtual std::optional<UserRecord> find_user(const std::string& id) = 0;
    // Users ordered by lower(username) after `after` (a previous page's last name).
    virtual std::vector<UserRecord> list_users(const std::optional<std::string>& after, long limit) = 0;
    // Throws pqxx::unique_violation when the name or e-mail address is taken.
    virtual UserRecord create_user(const std::string& username, const std::optional<std::string>& email,
                                   const std::string& role, const std::string& password_hash) = 0;
    virtual std::optional<UserRecord> update_user(const std::string& id, const UserPatch& patch) = 0;
    virtual bool delete_user(const std::string& id) = 0;
    // Enabled admins other than `id`.
    virtual long count_other_enabled_admins(const std::string& id) = 0;
    virtual void record_login(const std::string& user_id) = 0;

    // Returns the expiry (RFC 3339).
    virtual std::string create_session(const std::string& token_hash, const std::string& user_id, long ttl_s,
                                       const std::string& remote) = 0;
    virtual void delete_session(const std::string& token_hash) = 0;
    virtual void delete_sessions_of(const std::string& user_id) = 0;
    virtual std::optional<Principal> principal_for_session(const std::string& token_hash) = 0;

    virtual ApiKeyRecord create_api_key(const std::string& name, const std::string& key_hash, const std::string& prefix,
                                        const std::vector<std::string>& scopes,
                                        const std::optional<std::string>& created_by,
                                        const std::optional<std::string>& expires_at) = 0;
    // Keys newest first, after the key `after` (a previous page's last id).
    virtual std::vector<ApiKeyRecord> list_api_keys(const std::optional<std::string>& after, long limit) = 0;
    virtual std::optional<ApiKeyRecord> find_api_key(const std::string& id) = 0;
    virtual bool revoke_api_key(const std::string& id) = 0;
    // A valid (not revoked, not expired) key; marks it used.
    virtual std::optional<Principal> principal_for_api_key(const std::string& key_hash) = 0;
};

class PgAccountStore final : public AccountStore {
public:
    explicit PgAccountStore(pqxx::transaction_base& tx) : tx_(tx) {}
    long count_users() override;
    std::optional<UserRecord> find_user_by_name(const std::string& username) override;
    std::optional<UserRecord> find_user(const std::string& id) override;
    std::vector<UserRecord> list_users(const std::optional<std::string>& after, long limit) override;
    UserRecord create_user(const std::string& username, const std::optional<std::string>& email,
                           const std::string& role, const std::string& password_hash) override;
    std::optional<UserRecord> update_user(const std::string& id, const UserPatch& patch) override;
    bool delete_user(const std::string& id) override;
    long count_other_enabled_admins(const std::string& id) override;
    void record_login(const std::string& user_id) override;
    std::string create_session(const std::string& token_hash, const std::string& user_id, long ttl_s,
                               const std::string& remote) override;
    void delete_session(const std::string& token_hash) override;
    void delete_sessions_of(const std::string& user_id) override;
    std::optional<Principal> principal_for_session(const std::string& token_hash) override;
    ApiKeyRecord create_api_key(const std::string& name, const std::string& key_hash, const std::string& prefix,
                                const std::vector<std::string>& scopes, const std::optional<std::string>& created_by,
                                const std::optional<std::string>& expires_at) override;
    std::vector<ApiKeyRecord> list_api_keys(const std::optional<std::string>& after, long limit) override;
    std::optional<ApiKeyRecord> find_api_key(const std::string& id) override;
    bool revoke_api_key(const std::string& id) override;
    std::optional<Principal> principal_for_api_key(const std::string& key_hash) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
