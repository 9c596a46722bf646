// What stations reported about themselves, for the operator API: the 2.0.1 device-model variables
// (device_model_variables, written by store/device_model_store.hpp from NotifyReport and NotifyEvent) and the
// connector status history (status_events, written by store/station_store.hpp). OCPP 1.6 configuration keys
// are not stored by the manager (GetConfiguration answers go back to the caller only), so 1.6 stations have
// no variables here. Queries run in the caller's transaction.
#pragma once

#include "store/json_rows.hpp"

#include <cstdint>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace recarga::manager {

struct VariableFilter {
    std::optional<std::string> component;
    // cursor: {component, component_instance, evse_id, connector_id, variable, variable_instance, attribute_type}
    std::optional<std::vector<std::string>> after;
    long limit = 1000;
};

struct StatusEventFilter {
    std::optional<int> evse_id;
    // cursor: {reported_at in microseconds since the epoch, id}
    std::optional<std::pair<std::int64_t, std::int64_t>> before;
    long limit = 50;
};

class StationDataStore {
public:
    virtual ~StationDataStore() = default;
    virtual bool station_exists(const std::string& station) = 0;
    // Ordered by the primary key. Keys: the 7 parts of VariableFilter::after.
    virtual std::vector<JsonRow> variables(const std::string& station, const VariableFilter& filter) = 0;
    // Newest first by the station's time. Keys: {reported_at_us, id}.
    virtual std::vector<JsonRow> status_events(const std::string& station, const StatusEventFilter& filter) = 0;
};

class PgStationDataStore final : public StationDataStore {
public:
    explicit PgStationDataStore(pqxx::transaction_base& tx) : tx_(tx) {}
    bool station_exists(const std::string& station) override;
    std::vector<JsonRow> variables(const std::string& station, const VariableFilter& filter) override;
    std::vector<JsonRow> status_events(const std::string& station, const StatusEventFilter& filter) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
