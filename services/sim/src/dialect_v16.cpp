// OCPP 1.6J payloads of the simulated station (Boost.JSON; to be replaced by the generated 1.6 types).
#include "dialect_impl.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <cmath>
#include <fmt/format.h>
#include <recarga/ocpp/codec.hpp>
#include <recarga/ocpp/v16/SetChargingProfile.hpp>

namespace recarga::sim::detail {
namespace {

namespace json = boost::json;

std::string_view status_name(ConnectorState s) {
    switch (s) {
    case ConnectorState::Available:
        return "Available";
    case ConnectorState::Preparing:
        return "Preparing";
    case ConnectorState::Charging:
        return "Charging";
    case ConnectorState::Finishing:
        return "Finishing";
    case ConnectorState::Unavailable:
        return "Unavailable";
    case ConnectorState::Faulted:
        return "Faulted";
    }
    return "Available";
}

std::string_view stop_reason_name(StopReason r) {
    switch (r) {
    case StopReason::Local:
        return "Local";
    case StopReason::Remote:
        return "Remote";
    case StopReason::EVDisconnected:
        return "EVDisconnected";
    case StopReason::Reboot:
        return "Reboot";
    case StopReason::Other:
        return "Other";
    }
    return "Other";
}

json::object sampled(std::string value, std::string_view context, std::string_view measurand, std::string_view unit,
                     std::string_view location = "Outlet") {
    return json::object{{"value", std::move(value)},
                        {"context", context},
                        {"measurand", measurand},
                        {"location", location},
                        {"unit", unit}};
}

json::array meter_value(const MeterReading& m, std::string_view context, Clock::time_point at) {
    json::array values;
    values.push_back(sampled(fmt::format("{:.1f}", m.energy_wh), context, "Energy.Active.Import.Register", "Wh"));
    values.push_back(sampled(fmt::format("{:.1f}", m.power_w), context, "Power.Active.Import", "W"));
    values.push_back(sampled(fmt::format("{:.2f}", m.current_a), context, "Current.Import", "A"));
    values.push_back(sampled(fmt::format("{:.1f}", m.voltage_v), context, "Voltage", "V"));
    values.push_back(sampled(fmt::format("{:.1f}", m.soc_percent), context, "SoC", "Percent", "EV"));
    return json::array{json::object{{"timestamp", iso8601(at)}, {"sampledValue", std::move(values)}}};
}

long long register_wh(const MeterReading& m) {
    return std::llround(m.energy_wh);
}

// The 1.6 configuration keys the simulator knows (GetConfiguration / ChangeConfiguration).
struct ConfigKey {
    std::string_view key;
    bool readonly;
};
constexpr std::array kConfigKeys{
    ConfigKey{"HeartbeatInterval", false},         ConfigKey{"MeterValueSampleInterval", false},
    ConfigKey{"NumberOfConnectors", true},         ConfigKey{"MeterValuesSampledData", false},
    ConfigKey{"AuthorizeRemoteTxRequests", false}, ConfigKey{"ConnectionTimeOut", false},
    ConfigKey{"SupportedFeatureProfiles", true},
};

std::string config_value(std::string_view key, const StationView& st) {
    if (key == "HeartbeatInterval") {
        return std::to_string(st.heartbeat_interval_s);
    }
    if (key == "MeterValueSampleInterval") {
        return std::to_string(st.meter_interval_s);
    }
    if (key == "NumberOfConnectors") {
        return std::to_string(st.connectors);
    }
    if (key == "MeterValuesSampledData") {
        return "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC";
    }
    if (key == "AuthorizeRemoteTxRequests") {
        return "false";
    }
    if (key == "ConnectionTimeOut") {
        return "60";
    }
    return "Core,RemoteTrigger";
}

const ConfigKey* find_key(std::string_view key) {
    auto it = std::find_if(kConfigKeys.begin(), kConfigKeys.end(), [&](const ConfigKey& k) { return k.key == key; });
    return it == kConfigKeys.end() ? nullptr : &*it;
}

std::optional<int> parse_seconds(std::string_view text) {
    int value = 0;
    if (text.empty() || text.size() > 9) {
        return std::nullopt;
    }
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// --- one handler per CSMS-initiated action -------------------------------------------------------------

IncomingReply remote_start(const json::object& p, const StationView& st) {
    const auto id_tag = get_string(p, "idTag");
    const auto connector = get_int(p, "connectorId", 0);
    if (id_tag.empty()) {
        return reply_error(ocpp::ErrorKind::OccurrenceConstraintViolation, "idTag is required");
    }
    const bool busy = connector == 0 ? st.transactions.size() >= static_cast<std::size_t>(st.connectors)
                                     : std::any_of(st.transactions.begin(), st.transactions.end(),
                                                   [&](const TxContext* tx) { return tx->connector_id == connector; });
    if (connector < 0 || connector > st.connectors || busy) {
        return reply_status("Rejected");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::RemoteStart;
    e.connector_id = static_cast<int>(connector);
    e.id_token = std::string(id_tag);
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply remote_stop(const json::object& p, const StationView& st) {
    const auto id = std::to_string(get_int(p, "transactionId", -1));
    const bool known = std::any_of(st.transactions.begin(), st.transactions.end(),
                                   [&](const TxContext* tx) { return tx->transaction_id == id; });
    if (!known) {
        return reply_status("Rejected");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::RemoteStop;
    e.transaction_id = id;
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply reset(const json::object& p, const StationView&) {
    const auto type = get_string(p, "type");
    if (type != "Hard" && type != "Soft") {
        return reply_error(ocpp::ErrorKind::PropertyConstraintViolation, "type must be Hard or Soft");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::Reset;
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply change_configuration(const json::object& p, const StationView&) {
    const auto key = get_string(p, "key");
    const auto value = get_string(p, "value");
    const auto* known = find_key(key);
    if (!known) {
        return reply_status("NotSupported");
    }
    if (known->readonly) {
        return reply_status("Rejected");
    }
    if (key == "HeartbeatInterval" || key == "MeterValueSampleInterval") {
        const auto seconds = parse_seconds(value);
        if (!seconds) {
            return reply_status("Rejected");
        }
        auto r = reply_status("Accepted");
        Effect e;
        e.kind = key == "HeartbeatInterval" ? Effect::Kind::SetHeartbeatInterval : Effect::Kind::SetMeterInterval;
        e.value = *seconds;
        r.effects.push_back(std::move(e));
        return r;
    }
    return reply_status("Accepted");
}

IncomingReply get_configuration(const json::object& p, const StationView& st) {
    json::array found;
    json::array unknown;
    auto add = [&](const ConfigKey& k) {
        found.push_back(json::object{{"key", k.key}, {"readonly", k.readonly}, {"value", config_value(k.key, st)}});
    };
    const auto* keys = p.if_contains("key");
    if (keys && keys->is_array() && !keys->get_array().empty()) {
        for (const auto& k : keys->get_array()) {
            const std::string_view name = k.is_string() ? std::string_view(k.get_string()) : std::string_view();
            if (const auto* known = find_key(name)) {
                add(*known);
            } else {
                unknown.push_back(json::string(name.substr(0, 50)));
            }
        }
    } else {
        for (const auto& k : kConfigKeys) {
            add(k);
        }
    }
    IncomingReply r;
    r.result["configurationKey"] = std::move(found);
    if (!unknown.empty()) {
        r.result["unknownKey"] = std::move(unknown);
    }
    return r;
}

IncomingReply trigger_message(const json::object& p, const StationView&) {
    const auto what = get_string(p, "requestedMessage");
    if (what != "BootNotification" && what != "Heartbeat" && what != "StatusNotification" && what != "MeterValues") {
        return reply_status("NotImplemented");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::Trigger;
    e.action = std::string(what);
    e.connector_id = static_cast<int>(get_int(p, "connectorId", 0));
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply change_availability(const json::object&, const StationView&) {
    return reply_status("Accepted");
}
IncomingReply unlock_connector(const json::object&, const StationView&) {
    return reply_status("Unlocked");
}
IncomingReply clear_cache(const json::object&, const StationView&) {
    return reply_status("Accepted");
}
IncomingReply data_transfer(const json::object&, const StationView&) {
    return reply_status("UnknownVendorId");
}
IncomingReply send_local_list(const json::object&, const StationView&) {
    return reply_status("NotSupported");
}
IncomingReply reserve_now(const json::object&, const StationView&) {
    return reply_status("Rejected");
}
IncomingReply cancel_reservation(const json::object&, const StationView&) {
    return reply_status("Rejected");
}
IncomingReply set_charging_profile(const json::object& p, const StationView& st) {
    ocpp::v16::SetChargingProfileRequest req;
    try {
        req = ocpp::decode<ocpp::v16::SetChargingProfileRequest>(p);
    } catch (const ocpp::DecodeError& e) {
        return reply_error(e.kind(), e.what());
    }
    return install_profile(smart::from_v16(req.csChargingProfiles), static_cast<int>(req.connectorId), st,
                           ocpp::Version::v16);
}
IncomingReply clear_charging_profile(const json::object& p, const StationView& st) {
    return clear_profiles(p, "id", &p, "connectorId", st);
}
IncomingReply get_composite_schedule(const json::object& p, const StationView& st) {
    const auto schedule = composite_of(p, "connectorId", st);
    if (!schedule)
        return reply_status("Rejected");
    auto r = reply_status("Accepted");
    r.result["connectorId"] = get_int(p, "connectorId", 0);
    r.result["scheduleStart"] = smart::format_time(schedule->start);
    r.result["chargingSchedule"] = json::object{{"duration", schedule->duration},
                                                {"startSchedule", smart::format_time(schedule->start)},
                                                {"chargingRateUnit", smart::to_string(schedule->unit)},
                                                {"chargingSchedulePeriod", periods_json(*schedule)}};
    return r;
}
IncomingReply get_local_list_version(const json::object&, const StationView&) {
    IncomingReply r;
    r.result["listVersion"] = 0;
    return r;
}
IncomingReply empty_result(const json::object&, const StationView&) {
    return IncomingReply{};
}

using Handler = IncomingReply (*)(const json::object&, const StationView&);
struct Route {
    std::string_view action;
    Handler handler;
};

// Routing of CSMS-initiated CALLs in 1.6: action -> handler.
constexpr std::array kRoutes{
    Route{"RemoteStartTransaction", remote_start},
    Route{"RemoteStopTransaction", remote_stop},
    Route{"Reset", reset},
    Route{"ChangeConfiguration", change_configuration},
    Route{"GetConfiguration", get_configuration},
    Route{"TriggerMessage", trigger_message},
    Route{"ChangeAvailability", change_availability},
    Route{"UnlockConnector", unlock_connector},
    Route{"ClearCache", clear_cache},
    Route{"DataTransfer", data_transfer},
    Route{"GetLocalListVersion", get_local_list_version},
    Route{"SendLocalList", send_local_list},
    Route{"ReserveNow", reserve_now},
    Route{"CancelReservation", cancel_reservation},
    Route{"SetChargingProfile", set_charging_profile},
    Route{"ClearChargingProfile", clear_charging_profile},
    Route{"GetCompositeSchedule", get_composite_schedule},
    Route{"GetDiagnostics", empty_result},
    Route{"UpdateFirmware", empty_result},
};

class DialectV16 final : public Dialect {
public:
    ocpp::Version version() const noexcept override { return ocpp::Version::v16; }

    OutCall boot_notification(const StationIdentity& s) const override {
        json::object p{{"chargePointVendor", s.vendor.substr(0, 20)},
                       {"chargePointModel", s.model.substr(0, 20)},
                       {"firmwareVersion", s.firmware.substr(0, 50)}};
        if (!s.serial.empty()) {
            p["chargePointSerialNumber"] = s.serial.substr(0, 25);
        }
        return {"BootNotification", std::move(p)};
    }

    OutCall heartbeat() const override { return {"Heartbeat", json::object{}}; }

    OutCall status_notification(int, int connector_id, ConnectorState state, Clock::time_point at) const override {
        return {"StatusNotification",
                json::object{{"connectorId", connector_id},
                             {"errorCode", state == ConnectorState::Faulted ? "OtherError" : "NoError"},
                             {"status", status_name(state)},
                             {"timestamp", iso8601(at)}}};
    }

    OutCall authorize(std::string_view id_token) const override {
        return {"Authorize", json::object{{"idTag", id_token.substr(0, 20)}}};
    }

    OutCall transaction_started(TxContext& tx, const MeterReading& m, Clock::time_point at) const override {
        return {"StartTransaction", json::object{{"connectorId", tx.connector_id},
                                                 {"idTag", std::string_view(tx.id_token).substr(0, 20)},
                                                 {"meterStart", register_wh(m)},
                                                 {"timestamp", iso8601(at)}}};
    }

    OutCall transaction_meter(TxContext& tx, const MeterReading& m, Clock::time_point at) const override {
        json::object p{{"connectorId", tx.connector_id}, {"meterValue", meter_value(m, "Sample.Periodic", at)}};
        if (!tx.transaction_id.empty()) {
            p["transactionId"] = std::stoll(tx.transaction_id);
        }
        return {"MeterValues", std::move(p)};
    }

    OutCall transaction_limit_changed(TxContext& tx, const MeterReading& m, Clock::time_point at) const override {
        auto call = transaction_meter(tx, m, at);
        call.payload["meterValue"] = meter_value(m, "Other", at);
        return call;
    }

    OutCall meter_values(int, int connector_id, const MeterReading& m, Clock::time_point at) const override {
        return {"MeterValues",
                json::object{{"connectorId", connector_id}, {"meterValue", meter_value(m, "Trigger", at)}}};
    }

    OutCall transaction_ended(TxContext& tx, const MeterReading& m, StopReason reason,
                              Clock::time_point at) const override {
        json::object p{{"transactionId", tx.transaction_id.empty() ? 0 : std::stoll(tx.transaction_id)},
                       {"meterStop", register_wh(m)},
                       {"timestamp", iso8601(at)},
                       {"reason", stop_reason_name(reason)},
                       {"idTag", std::string_view(tx.id_token).substr(0, 20)},
                       {"transactionData", meter_value(m, "Transaction.End", at)}};
        return {"StopTransaction", std::move(p)};
    }

    BootAnswer read_boot(const json::object& r) const override {
        BootAnswer a;
        const auto status = get_string(r, "status");
        a.status = status == "Accepted"   ? BootStatus::Accepted
                   : status == "Pending"  ? BootStatus::Pending
                   : status == "Rejected" ? BootStatus::Rejected
                                          : BootStatus::Unknown;
        a.interval_s = static_cast<int>(get_int(r, "interval", 0));
        return a;
    }

    bool read_authorize(const json::object& r) const override {
        const auto* info = r.if_contains("idTagInfo");
        return info && info->is_object() && get_string(info->get_object(), "status") == "Accepted";
    }

    bool read_transaction_started(const json::object& r, TxContext& tx) const override {
        const auto id = get_int(r, "transactionId", -1);
        if (id >= 0 || r.contains("transactionId")) {
            tx.transaction_id = std::to_string(id);
        }
        return read_authorize(r);
    }

    IncomingReply answer(std::string_view action, const json::object& payload,
                         const StationView& station) const override {
        for (const auto& route : kRoutes) {
            if (route.action == action) {
                return route.handler(payload, station);
            }
        }
        return reply_error(ocpp::ErrorKind::NotImplemented,
                           fmt::format("{} is not implemented by the simulator", action.substr(0, 60)));
    }
};

} // namespace

const Dialect& dialect_v16() {
    static const DialectV16 instance;
    return instance;
}

} // namespace recarga::sim::detail
