#include "store/device_model_store.hpp"

#include <fmt/format.h>
#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

template <class T> std::string sql_opt(pqxx::work& tx, const std::optional<T>& v) {
    if (!v) {
        return "NULL";
    }
    if constexpr (std::is_same_v<T, std::string>) {
        return tx.quote(*v);
    } else if constexpr (std::is_same_v<T, bool>) {
        return *v ? "true" : "false";
    } else {
        return std::to_string(*v);
    }
}

std::string key_values(pqxx::work& tx, const VariableKey& k) {
    return fmt::format("{},{},{},{},{},{}", tx.quote(k.component), tx.quote(k.component_instance), k.evse_id,
                       k.connector_id, tx.quote(k.variable), tx.quote(k.variable_instance));
}

constexpr const char* kUpsertTail =
    " ON CONFLICT (station_id, component, component_instance, evse_id, connector_id, variable, variable_instance, "
    "attribute_type) DO UPDATE SET value = EXCLUDED.value, "
    "mutability = COALESCE(EXCLUDED.mutability, device_model_variables.mutability), "
    "persistent = COALESCE(EXCLUDED.persistent, device_model_variables.persistent), "
    "constant = COALESCE(EXCLUDED.constant, device_model_variables.constant), "
    "reported_at = EXCLUDED.reported_at, updated_at = now() "
    "WHERE device_model_variables.reported_at <= EXCLUDED.reported_at";

} // namespace

void PgDeviceModelStore::record_attributes(const std::string& station, const std::string& generated_at,
                                           const std::vector<VariableAttributeRow>& rows) {
    if (rows.empty()) {
        return;
    }
    // A report may name the same attribute twice; ON CONFLICT DO UPDATE may touch a row once per statement.
    std::string sql = "INSERT INTO device_model_variables (station_id, component, component_instance, evse_id, "
                      "connector_id, variable, variable_instance, attribute_type, value, mutability, persistent, "
                      "constant, reported_at) SELECT DISTINCT ON (2, 3, 4, 5, 6, 7, 8) * FROM (VALUES ";
    const std::string st = tx_.quote(station);
    const std::string at = tx_.quote(generated_at);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        sql += fmt::format("{}({},{},{},{}::text,{}::text,{}::boolean,{}::boolean,{}::timestamptz)", i ? "," : "", st,
                           key_values(tx_, r.key), tx_.quote(r.attribute_type), sql_opt(tx_, r.value),
                           sql_opt(tx_, r.mutability), sql_opt(tx_, r.persistent), sql_opt(tx_, r.constant), at);
    }
    sql += ") v";
    sql += kUpsertTail;
    tx_.exec(sql);
}

void PgDeviceModelStore::record_events(const std::string& station, const std::vector<DeviceEventRow>& events,
                                       const std::string& trace_id) {
    if (events.empty()) {
        return;
    }
    const std::string st = tx_.quote(station);
    std::string ev = "INSERT INTO device_model_events (station_id, component, component_instance, evse_id, "
                     "connector_id, variable, variable_instance, event_id, event_at, trigger, notification_type, "
                     "cause, actual_value, tech_code, tech_info, cleared, transaction_id, monitoring_id, trace_id) "
                     "VALUES ";
    std::string actual = "INSERT INTO device_model_variables (station_id, component, component_instance, evse_id, "
                         "connector_id, variable, variable_instance, attribute_type, value, reported_at) "
                         "SELECT DISTINCT ON (2, 3, 4, 5, 6, 7) * FROM (VALUES ";
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        const std::string key = key_values(tx_, e.key);
        ev += fmt::format("{}({},{},{},{}::timestamptz,{},{},{},{},{},{},{},{},{},{})", i ? "," : "", st, key,
                          e.event_id, tx_.quote(e.timestamp), tx_.quote(e.trigger), tx_.quote(e.notification_type),
                          sql_opt(tx_, e.cause), tx_.quote(e.actual_value), sql_opt(tx_, e.tech_code),
                          sql_opt(tx_, e.tech_info), sql_opt(tx_, e.cleared), sql_opt(tx_, e.transaction_id),
                          sql_opt(tx_, e.monitoring_id), tx_.quote(trace_id));
        actual += fmt::format("{}({},{},'Actual',{},{}::timestamptz)", i ? "," : "", st, key, tx_.quote(e.actual_value),
                              tx_.quote(e.timestamp));
    }
    ev += " ON CONFLICT DO NOTHING";
    // The newest event of a variable gives its Actual value.
    actual += ") v (s, c, ci, e, cn, va, vi, t, val, at) ORDER BY 2, 3, 4, 5, 6, 7, at DESC";
    tx_.exec(ev);
    tx_.exec(actual + kUpsertTail);
}

} // namespace recarga::manager
