#include "db/migrate.hpp"

#include <algorithm>
#include <cstdlib>

#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "recarga/common/embedded.hpp"

namespace recarga::embedded {
extern const recarga::common::EmbeddedFile migrations[];
extern const std::size_t migrations_count;
} // namespace recarga::embedded

namespace recarga::manager {

std::vector<std::string> apply_migrations(pqxx::connection& conn) {
    constexpr long kLockKey = 0x7265636172676131; // "recarga1"
    {
        pqxx::nontransaction nt(conn);
        nt.exec("SELECT pg_advisory_lock(" + std::to_string(kLockKey) + ")");
        nt.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
                "applied_at timestamptz NOT NULL DEFAULT now())");
    }
    std::vector<common::EmbeddedFile> files(embedded::migrations, embedded::migrations + embedded::migrations_count);
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<std::string> applied;
    try {
        for (const auto& f : files) {
            const int version = std::atoi(std::string(f.name.substr(0, 4)).c_str());
            pqxx::work tx(conn);
            auto done = tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", version);
            if (!done.empty()) {
                continue;
            }
            tx.exec(std::string(f.content));
            tx.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version,
                           std::string(f.name));
            tx.commit();
            spdlog::info("applied migration {}", f.name);
            applied.emplace_back(f.name);
        }
    } catch (...) {
        pqxx::nontransaction nt(conn);
        nt.exec("SELECT pg_advisory_unlock(" + std::to_string(kLockKey) + ")");
        throw;
    }
    pqxx::nontransaction nt(conn);
    nt.exec("SELECT pg_advisory_unlock(" + std::to_string(kLockKey) + ")");
    return applied;
}

int ensure_partitions(pqxx::connection& conn, int months_ahead) {
    pqxx::work tx(conn);
    auto r = tx.exec_params("SELECT ensure_meter_value_partitions($1)", months_ahead);
    tx.commit();
    return r[0][0].as<int>();
}

} // namespace recarga::manager
