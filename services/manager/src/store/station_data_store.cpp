#include "store/station_data_store.hpp"

#include <pqxx/pqxx>

namespace recarga::manager {

bool PgStationDataStore::station_exists(const std::string& station) {
    return !tx_.exec_params("SELECT 1 FROM stations WHERE id = $1", station).empty();
}

std::vector<JsonRow> PgStationDataStore::variables(const std::string& station, const VariableFilter& f) {
    auto after = [&f](std::size_t i) { return f.after ? std::optional<std::string>(f.after->at(i)) : std::nullopt; };
    auto rows = tx_.exec_params(
        "SELECT component, component_instance, evse_id::text, connector_id::text, variable, variable_instance, "
        "  attribute_type, json_build_object('component', component, 'componentInstance', nullif(component_instance, "
        "  ''), 'evseId', nullif(evse_id, 0), 'connectorId', nullif(connector_id, 0), 'variable', variable, "
        "  'variableInstance', nullif(variable_instance, ''), 'attributeType', attribute_type, 'value', value, "
        "  'readonly', coalesce(mutability = 'ReadOnly', false), 'updatedAt', iso_utc(updated_at))::text "
        "FROM device_model_variables WHERE station_id = $1 AND ($2::text IS NULL OR component = $2) "
        "AND ($3::text IS NULL OR (component, component_instance, evse_id, connector_id, variable, variable_instance, "
        "  attribute_type) > ($3, $4, $5::integer, $6::integer, $7, $8, $9)) "
        "ORDER BY component, component_instance, evse_id, connector_id, variable, variable_instance, attribute_type "
        "LIMIT $10",
        station, f.component, after(0), after(1), after(2), after(3), after(4), after(5), after(6), f.limit);
    std::vector<JsonRow> out;
    for (const auto& row : rows) {
        JsonRow r;
        for (int i = 0; i < 7; ++i) {
            r.key.emplace_back(row[i].c_str());
        }
        r.json = row[7].c_str();
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<JsonRow> PgStationDataStore::status_events(const std::string& station, const StatusEventFilter& f) {
    std::optional<std::int64_t> before_us, before_id;
    if (f.before) {
        before_us = f.before->first;
        before_id = f.before->second;
    }
    // status_events_station_time (station_id, reported_at DESC) serves the order and the cursor.
    auto rows = tx_.exec_params(
        "SELECT (extract(epoch FROM reported_at) * 1000000)::bigint::text, id::text, json_build_object("
        "  'evseId', evse_id, 'connectorId', connector_id, 'status', status, 'errorCode', error_code, 'info', info, "
        "  'reportedAt', iso_utc(reported_at), 'receivedAt', iso_utc(received_at))::text "
        "FROM status_events WHERE station_id = $1 AND ($2::integer IS NULL OR evse_id = $2) "
        "AND ($3::bigint IS NULL OR (reported_at, id) < ('epoch'::timestamptz + $3 * interval '1 microsecond', $4)) "
        "ORDER BY reported_at DESC, id DESC LIMIT $5",
        station, f.evse_id, before_us, before_id, f.limit);
    std::vector<JsonRow> out;
    for (const auto& row : rows) {
        out.push_back(JsonRow{{row[0].c_str(), row[1].c_str()}, row[2].c_str(), {}});
    }
    return out;
}

} // namespace recarga::manager
