#include "store/command_store.hpp"

#include "store/sql_list.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

// A pending outbox command past its expiry shows as expired even before the deliverer marks it so.
constexpr const char* kCommandJson = R"(json_build_object(
    'id', c.id::text, 'stationId', c.station_id, 'command', c.command, 'action', c.action, 'request', c.request,
    'status', CASE WHEN c.status = 'pending' AND c.expires_at <= now() THEN 'expired' ELSE c.status END,
    'outbox', c.outbox, 'createdBy', c.created_by, 'createdAt', iso_utc(c.created_at),
    'sentAt', iso_utc(c.sent_at), 'answeredAt', iso_utc(c.answered_at), 'expiresAt', iso_utc(c.expires_at),
    'httpStatus', c.http_status, 'answer', c.answer))";

} // namespace

std::int64_t PgCommandStore::next_id() {
    return tx_.exec1("SELECT nextval('command_ids')")[0].as<std::int64_t>();
}

void PgCommandStore::insert(const NewCommand& c, std::string_view status) {
    tx_.exec_params("INSERT INTO commands (id, station_id, command, action, request, status, outbox, timeout_ms, "
                    "created_by, expires_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, "
                    "CASE WHEN $10::bigint IS NULL THEN NULL ELSE now() + make_interval(secs => $10::bigint) END)",
                    c.id, c.station, c.command, c.action, c.request, std::string(status), c.outbox, c.timeout_ms,
                    c.created_by, c.expires_in_s);
}

void PgCommandStore::mark_sent(std::int64_t id, const std::string& action) {
    tx_.exec_params("UPDATE commands SET status = 'sent', action = $2, sent_at = now() WHERE id = $1", id, action);
}

void PgCommandStore::finish(std::int64_t id, std::string_view status, int http_status, const std::string& answer) {
    tx_.exec_params("UPDATE commands SET status = $2, http_status = $3, answer = $4::jsonb, answered_at = now() "
                    "WHERE id = $1",
                    id, std::string(status), http_status, answer);
}

void PgCommandStore::requeue(std::int64_t id) {
    tx_.exec_params("UPDATE commands SET status = 'pending', sent_at = NULL WHERE id = $1", id);
}

std::optional<std::string> PgCommandStore::get(std::int64_t id) {
    auto rows = tx_.exec_params(std::string("SELECT ") + kCommandJson + " FROM commands c WHERE c.id = $1", id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return rows[0][0].as<std::string>();
}

std::vector<JsonRow> PgCommandStore::list(const CommandFilter& f) {
    auto rows = tx_.exec_params(
        std::string("SELECT c.id, ") + kCommandJson +
            " FROM commands c WHERE ($1::text IS NULL OR c.station_id = $1) "
            "AND ($2::text IS NULL OR (CASE WHEN c.status = 'pending' AND c.expires_at <= now() THEN 'expired' "
            "ELSE c.status END) = $2) AND ($3::bigint IS NULL OR c.id < $3) ORDER BY c.id DESC LIMIT $4",
        f.station, f.status, f.before_id, f.limit);
    std::vector<JsonRow> out;
    for (const auto& r : rows) {
        out.push_back(JsonRow{{r[0].as<std::string>()}, r[1].as<std::string>(), {}});
    }
    return out;
}

long PgCommandStore::expire_outbox(const std::string& station) {
    auto r = tx_.exec_params("UPDATE commands SET status = 'expired' WHERE station_id = $1 AND outbox "
                             "AND status = 'pending' AND expires_at <= now()",
                             station);
    return static_cast<long>(r.affected_rows());
}

std::optional<QueuedCommand> PgCommandStore::take_next(const std::string& station) {
    auto rows = tx_.exec_params("SELECT id, command, request::text, timeout_ms FROM commands WHERE station_id = $1 "
                                "AND outbox AND status = 'pending' AND (expires_at IS NULL OR expires_at > now()) "
                                "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                                station);
    if (rows.empty()) {
        return std::nullopt;
    }
    QueuedCommand q{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>(),
                    rows[0][3].as<std::int64_t>()};
    tx_.exec_params("UPDATE commands SET status = 'sent', sent_at = now() WHERE id = $1", q.id);
    return q;
}

bool PgCommandStore::has_pending(const std::string& station) {
    return tx_
        .exec_params("SELECT EXISTS (SELECT 1 FROM commands WHERE station_id = $1 AND outbox AND status = 'pending')",
                     station)[0][0]
        .as<bool>();
}

std::set<std::string> PgCommandStore::pending_among(const std::vector<std::string>& stations) {
    std::set<std::string> out;
    if (stations.empty()) {
        return out;
    }
    std::string sql = "SELECT DISTINCT station_id FROM commands WHERE outbox AND status = 'pending' AND station_id IN (";
    sql += quoted_list(tx_, stations) + ')';
    for (const auto& row : tx_.exec(sql)) {
        out.insert(row[0].as<std::string>());
    }
    return out;
}

} // namespace recarga::manager
