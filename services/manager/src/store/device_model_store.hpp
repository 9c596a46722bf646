// The 2.0.1 device model of each station, per component and variable: the attributes a station reports
// (NotifyReport) and the events it notifies (NotifyEvent, whose actualValue also updates the Actual attribute).
// Each message is written with one multi-row statement inside the caller's transaction; a repeated report
// or event changes nothing, and an older report never overwrites a newer one.
#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace recarga::manager {

struct VariableKey {
    std::string component;
    std::string component_instance; // "" when absent
    int evse_id = 0;                // 0 when absent
    int connector_id = 0;
    std::string variable;
    std::string variable_instance;
};

struct VariableAttributeRow {
    VariableKey key;
    std::string attribute_type = "Actual";
    std::optional<std::string> value;
    std::optional<std::string> mutability;
    std::optional<bool> persistent;
    std::optional<bool> constant;
};

struct DeviceEventRow {
    VariableKey key;
    std::int64_t event_id = 0;
    std::string timestamp;
    std::string trigger;
    std::string notification_type;
    std::optional<std::int64_t> cause;
    std::string actual_value;
    std::optional<std::string> tech_code;
    std::optional<std::string> tech_info;
    std::optional<bool> cleared;
    std::optional<std::string> transaction_id;
    std::optional<std::int64_t> monitoring_id;
};

class DeviceModelStore {
public:
    virtual ~DeviceModelStore() = default;
    virtual void record_attributes(const std::string& station, const std::string& generated_at,
                                   const std::vector<VariableAttributeRow>& rows) = 0;
    virtual void record_events(const std::string& station, const std::vector<DeviceEventRow>& events,
                               const std::string& trace_id) = 0;
};

class PgDeviceModelStore final : public DeviceModelStore {
public:
    explicit PgDeviceModelStore(pqxx::work& tx) : tx_(tx) {}
    void record_attributes(const std::string& station, const std::string& generated_at,
                           const std::vector<VariableAttributeRow>& rows) override;
    void record_events(const std::string& station, const std::vector<DeviceEventRow>& events,
                       const std::string& trace_id) override;

private:
    pqxx::work& tx_;
};

} // namespace recarga::manager
