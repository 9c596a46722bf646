#include "store/audit_store.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

void PgAuditStore::append(const AuditEntry& e) {
    tx_.exec_params("INSERT INTO audit_log (actor_kind, actor_id, actor_name, method, path, resource, status, "
                    "outcome, remote) VALUES ($1, $2::uuid, $3, $4, $5, $6, $7, $8, $9)",
                    e.actor_kind, e.actor_id, e.actor_name, e.method, e.path, e.resource, e.status,
                    e.status < 400 ? "success" : "failure", e.remote);
}

std::vector<std::pair<long long, std::string>> PgAuditStore::list(const AuditFilter& f) {
    auto r = tx_.exec_params(
        "SELECT id, json_build_object('id', id, 'at', iso_utc(at), 'actor', json_build_object('kind', actor_kind, "
        "'id', actor_id, 'name', actor_name), 'method', method, 'path', path, 'resource', resource, "
        "'status', status, 'outcome', outcome, 'remoteAddress', remote)::text FROM audit_log "
        "WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR actor_name = $2) "
        "AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4) "
        "ORDER BY id DESC LIMIT $5",
        f.before_id, f.actor, f.since, f.until, f.limit);
    std::vector<std::pair<long long, std::string>> out;
    for (const auto& row : r) {
        out.emplace_back(row[0].as<long long>(), row[1].c_str());
    }
    return out;
}

} // namespace recarga::manager
