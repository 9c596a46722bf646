#include "store/station_store.hpp"

#include "store/sql_list.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

std::optional<std::string> PgStationStore::registration_status(const std::string& station) {
    auto r = tx_.exec_params("SELECT registration_status FROM stations WHERE id = $1", station);
    if (r.empty()) {
        return std::nullopt;
    }
    return r[0][0].as<std::string>();
}

std::map<std::string, std::string> PgStationStore::registration_statuses(const std::vector<std::string>& stations) {
    std::map<std::string, std::string> out;
    if (stations.empty()) {
        return out;
    }
    std::string sql = "SELECT id, registration_status FROM stations WHERE id IN (";
    sql += quoted_list(tx_, stations) + ')';
    for (const auto& row : tx_.exec(sql)) {
        out.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    }
    return out;
}

void PgStationStore::register_station(const std::string& station, const std::string& status) {
    tx_.exec_params("INSERT INTO stations (id, registration_status) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
                    station, status);
}

void PgStationStore::record_boot(const std::string& station, const BootInfo& b, const std::string& trace_id) {
    tx_.exec_params("UPDATE stations SET protocol = $2, vendor = $3, model = $4, serial_number = $5, "
                    "firmware_version = $6, iccid = $7, imsi = $8, meter_type = $9, meter_serial_number = $10, "
                    "boot_reason = $11, last_boot_at = now(), last_seen = now(), last_trace_id = $12, "
                    "updated_at = now() WHERE id = $1",
                    station, b.protocol, b.vendor, b.model, b.serial_number, b.firmware_version, b.iccid, b.imsi,
                    b.meter_type, b.meter_serial_number, b.reason, trace_id);
}

void PgStationStore::touch(const std::string& station, const std::string& trace_id) {
    tx_.exec_params("UPDATE stations SET last_seen = now(), last_trace_id = $2 WHERE id = $1", station, trace_id);
}

void PgStationStore::record_status(const std::string& station, const ConnectorStatus& s,
                                   const std::string& message_id, const std::string& trace_id) {
    // Reports may arrive out of order (retries, several managers): the newest station timestamp wins.
    tx_.exec_params(
        "WITH ts AS (SELECT COALESCE($9::timestamptz, now()) AS at), "
        "ev AS (INSERT INTO status_events (station_id, evse_id, connector_id, status, error_code, info, reported_at, "
        "  message_id, trace_id) SELECT $1, $2, $3, $4, $5, $6, at, $10, $11 FROM ts "
        "  ON CONFLICT DO NOTHING) "
        "INSERT INTO connectors (station_id, evse_id, connector_id, status, error_code, info, vendor_id, "
        "  vendor_error_code, status_at) SELECT $1, $2, $3, $4, $5, $6, $7, $8, at FROM ts "
        "ON CONFLICT (station_id, evse_id, connector_id) DO UPDATE SET status = EXCLUDED.status, "
        "  error_code = EXCLUDED.error_code, info = EXCLUDED.info, vendor_id = EXCLUDED.vendor_id, "
        "  vendor_error_code = EXCLUDED.vendor_error_code, status_at = EXCLUDED.status_at, updated_at = now() "
        "WHERE connectors.status_at <= EXCLUDED.status_at",
        station, s.evse_id, s.connector_id, s.status, s.error_code, s.info, s.vendor_id, s.vendor_error_code,
        s.timestamp, message_id, trace_id);
}

void PgStationStore::record_connection(const envelope::Envelope& e) {
    // One statement (one round trip): the owner update as a data-modifying WITH, which PostgreSQL runs whether
    // or not the INSERT reads it, then the connection history row.
    const std::string at = std::to_string(e.at_us);
    const auto connection = static_cast<std::int64_t>(e.connection);
    if (e.kind == envelope::Kind::Connected) {
        tx_.exec_params("WITH owner AS (UPDATE stations SET connected = true, gateway_id = $2, connection_id = $3, "
                        "protocol = $4, remote_address = $5, connection_changed_at = to_timestamp($6::bigint / 1e6), "
                        "last_seen = now(), updated_at = now() "
                        // An offline station takes any connect: a station that moved gateways may have its
                        // old gateway's disconnect (stamped later) processed before the new connect.
                        "WHERE id = $1 AND (connection_changed_at IS NULL OR NOT connected OR "
                        "connection_changed_at <= to_timestamp($6::bigint / 1e6))) "
                        "INSERT INTO station_connections (station_id, gateway_id, connection_id, event, at, remote, "
                        "reason, trace_id) SELECT $1, $2, $3, 'connected', to_timestamp($6::bigint / 1e6), $5, $7, $8 "
                        "WHERE EXISTS (SELECT 1 FROM stations WHERE id = $1)",
                        e.station, e.gateway, connection, e.protocol, e.remote, at, e.error_description, e.trace_id);
    } else {
        tx_.exec_params("WITH owner AS (UPDATE stations SET connected = false, "
                        "connection_changed_at = to_timestamp($4::bigint / 1e6), updated_at = now() "
                        "WHERE id = $1 AND gateway_id = $2 AND connection_id = $3) "
                        "INSERT INTO station_connections (station_id, gateway_id, connection_id, event, at, remote, "
                        "reason, trace_id) SELECT $1, $2, $3, 'disconnected', to_timestamp($4::bigint / 1e6), $5, $6, "
                        "$7 WHERE EXISTS (SELECT 1 FROM stations WHERE id = $1)",
                        e.station, e.gateway, connection, at, e.remote, e.error_description, e.trace_id);
    }
}

} // namespace recarga::manager
