// Applies the numbered SQL migrations of db/migrations (embedded in the binary) in order, each once, in
// its own transaction. Several managers may start together: an advisory lock serialises them.
#pragma once

#include <string>
#include <vector>

#include <pqxx/connection>

namespace recarga::manager {

// Returns the names of the migrations applied by this call.
std::vector<std::string> apply_migrations(pqxx::connection& conn);

// Creates the monthly partitions of meter_values from last month to `months_ahead` months ahead; returns how
// many it created. Safe to call from several managers at once.
int ensure_partitions(pqxx::connection& conn, int months_ahead = 3);

} // namespace recarga::manager
