#include "api/stations_api.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <pqxx/transaction>

#include <optional>

#include <pqxx/pqxx>

namespace recarga::manager::api {

namespace json = boost::json;

Response problem(int status, std::string_view type, std::string_view title, std::string_view detail) {
    json::object o{{"type", "/api/problems/" + std::string(type)}, {"title", title}, {"status", status},
                   {"detail", detail}};
    return {status, json::serialize(o), "application/problem+json"};
}

namespace {

// The station as the API shows it, built by PostgreSQL (one round trip, no re-encoding).
constexpr const char* kStationJson = R"(json_build_object(
    'id', s.id, 'registrationStatus', s.registration_status, 'protocol', s.protocol, 'connected', s.connected,
    'gatewayId', s.gateway_id, 'remoteAddress', s.remote_address, 'lastSeen', iso_utc(s.last_seen),
    'connectionChangedAt', iso_utc(s.connection_changed_at),
    'boot', json_build_object('vendor', s.vendor, 'model', s.model, 'serialNumber', s.serial_number,
        'firmwareVersion', s.firmware_version, 'iccid', s.iccid, 'imsi', s.imsi, 'meterType', s.meter_type,
        'meterSerialNumber', s.meter_serial_number, 'reason', s.boot_reason, 'lastBootAt', iso_utc(s.last_boot_at)),
    'connectorStatuses', coalesce((SELECT json_agg(json_build_object('evseId', c.evse_id, 'connectorId', c.connector_id,
        'status', c.status, 'transactionActive', EXISTS (SELECT 1 FROM transactions t WHERE t.station_id = s.id
        AND t.state = 'Active' AND t.evse_id = c.evse_id)) ORDER BY c.evse_id, c.connector_id) FROM connectors c
        WHERE c.station_id = s.id AND c.evse_id > 0), '[]'::json),
    'createdAt', iso_utc(s.created_at), 'updatedAt', iso_utc(s.updated_at)))";

} // namespace

Response list_stations(pqxx::connection& db, const std::map<std::string, std::string>& query) {
    long limit = 50;
    if (auto it = query.find("limit"); it != query.end()) {
        try {
            std::size_t used = 0;
            limit = std::stol(it->second, &used);
            if (used != it->second.size()) {
                throw std::invalid_argument("trailing");
            }
        } catch (const std::exception&) {
            return problem(400, "invalid-parameter", "Invalid parameter", "limit must be an integer from 1 to 500");
        }
        if (limit < 1 || limit > 500) {
            return problem(400, "invalid-parameter", "Invalid parameter", "limit must be an integer from 1 to 500");
        }
    }
    std::optional<std::string> cursor, search;
    std::optional<bool> connected;
    if (auto it = query.find("cursor"); it != query.end()) {
        cursor = it->second;
    }
    if (auto it = query.find("q"); it != query.end() && !it->second.empty()) {
        search = it->second;
    }
    if (auto it = query.find("connected"); it != query.end()) {
        if (it->second != "true" && it->second != "false") {
            return problem(400, "invalid-parameter", "Invalid parameter", "connected must be true or false");
        }
        connected = it->second == "true";
    }
    for (const auto& [k, v] : query) {
        if (k != "limit" && k != "cursor" && k != "q" && k != "connected") {
            return problem(400, "invalid-parameter", "Invalid parameter", "unknown query parameter " + k);
        }
    }
    pqxx::read_transaction tx(db);
    auto rows = tx.exec_params(std::string("SELECT s.id, ") + kStationJson +
                                   " FROM stations s WHERE ($1::text IS NULL OR s.id > $1) "
                                   "AND ($2::boolean IS NULL OR s.connected = $2) "
                                   "AND ($3::text IS NULL OR strpos(lower(s.id), lower($3)) > 0 "
                                   "  OR strpos(lower(coalesce(s.model, '')), lower($3)) > 0 "
                                   "  OR strpos(lower(coalesce(s.vendor, '')), lower($3)) > 0) "
                                   "ORDER BY s.id LIMIT $4",
                               cursor, connected ? std::optional<std::string>(*connected ? "true" : "false")
                                                 : std::optional<std::string>(),
                               search, limit + 1);
    std::string body = "{\"items\":[";
    const auto n = std::min<long>(static_cast<long>(rows.size()), limit);
    for (long i = 0; i < n; ++i) {
        if (i > 0) {
            body += ',';
        }
        body += rows[static_cast<int>(i)][1].c_str();
    }
    body += "],\"nextCursor\":";
    if (static_cast<long>(rows.size()) > limit) {
        body += json::serialize(json::value(rows[static_cast<int>(limit - 1)][0].c_str()));
    } else {
        body += "null";
    }
    body += '}';
    return {200, std::move(body)};
}

Response get_station(pqxx::connection& db, const std::string& id) {
    pqxx::read_transaction tx(db);
    auto rows = tx.exec_params(
        std::string("SELECT ") + kStationJson +
            "::jsonb || jsonb_build_object('evses', coalesce((SELECT jsonb_agg(e ORDER BY (e->>'evseId')::int) FROM ("
            "  SELECT jsonb_build_object('evseId', c.evse_id, 'connectors', jsonb_agg(jsonb_build_object("
            "    'connectorId', c.connector_id, 'status', c.status, 'errorCode', c.error_code, 'info', c.info, "
            "    'vendorErrorCode', c.vendor_error_code, 'statusAt', iso_utc(c.status_at)) ORDER BY c.connector_id)) e"
            "  FROM connectors c WHERE c.station_id = s.id GROUP BY c.evse_id) x), '[]'::jsonb))"
            " FROM stations s WHERE s.id = $1",
        id);
    if (rows.empty()) {
        return problem(404, "not-found", "Station not found", "no station with id " + id);
    }
    return {200, rows[0][0].c_str()};
}

} // namespace recarga::manager::api
