// The first operator accounts: `recarga-manager create-admin`, and in development mode (RECARGA_DEV_MODE=1) an
// admin generated at start when no user exists, its password printed once.
#pragma once

#include <optional>
#include <pqxx/connection>
#include <string>

namespace recarga::manager {

// Creates an admin (or, when the name exists, makes it an enabled admin with the new password).
// Returns an error text, or nullopt on success.
std::optional<std::string> create_admin(pqxx::connection& db, const std::string& username, const std::string& password);

// Development mode: when there is no user at all, creates "admin" with a random password and returns that
// password (the caller prints it); nullopt when a user exists.
std::optional<std::string> ensure_dev_admin(pqxx::connection& db);

} // namespace recarga::manager
