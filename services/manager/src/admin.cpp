#include "admin.hpp"

#include "domain/auth.hpp"
#include "store/account_store.hpp"
#include "store/audit_store.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

void audit_cli(pqxx::work& tx, const std::string& user_id, const std::string& what) {
    PgAuditStore(tx).append(
        AuditEntry{"anonymous", std::nullopt, what, "CLI", "create-admin", "users/" + user_id, 201, std::nullopt});
}

} // namespace

std::optional<std::string> create_admin(pqxx::connection& db, const std::string& username,
                                        const std::string& password) {
    if (password.size() < 8) {
        return "the password must have at least 8 characters";
    }
    if (username.empty() || username.size() > 64 ||
        username.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-") !=
            std::string::npos) {
        return "the user name must be 1-64 characters of A-Z a-z 0-9 . _ @ -";
    }
    const auto hash = auth::hash_password(password);
    if (hash.empty()) {
        return "the password could not be hashed";
    }
    pqxx::work tx(db);
    PgAccountStore store(tx);
    std::string id;
    if (auto existing = store.find_user_by_name(username)) {
        UserPatch patch;
        patch.role = "admin";
        patch.password_hash = hash;
        patch.disabled = false;
        id = store.update_user(existing->id, patch)->id;
        store.delete_sessions_of(id);
    } else {
        id = store.create_user(username, std::nullopt, "admin", hash).id;
    }
    audit_cli(tx, id, "recarga-manager create-admin");
    tx.commit();
    return std::nullopt;
}

std::optional<std::string> ensure_dev_admin(pqxx::connection& db) {
    pqxx::work tx(db);
    tx.exec("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"); // two managers starting together create one admin
    PgAccountStore store(tx);
    if (store.count_users() > 0) {
        return std::nullopt;
    }
    const auto password = auth::random_password();
    const auto user = store.create_user("admin", std::nullopt, "admin", auth::hash_password(password));
    audit_cli(tx, user.id, "development mode");
    tx.commit();
    return password;
}

} // namespace recarga::manager
