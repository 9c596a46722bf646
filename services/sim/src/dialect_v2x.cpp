// OCPP 2.0.1 and 2.1 payloads of the simulated station (Boost.JSON; to be replaced by the generated types).
//
// The simulator models each EVSE with one connector (connectorId 1). The messages it uses have the same
// shape in 2.0.1 and 2.1; where 2.1 differs (Reset types), the version decides.
#include "dialect_impl.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <fmt/format.h>
#include <recarga/ocpp/codec.hpp>
#include <recarga/ocpp/v201/SetChargingProfile.hpp>

namespace recarga::sim::detail {
namespace {

namespace json = boost::json;

std::string_view connector_status(ConnectorState s) {
    switch (s) {
    case ConnectorState::Available:
        return "Available";
    case ConnectorState::Preparing:
    case ConnectorState::Charging:
    case ConnectorState::Finishing:
        return "Occupied";
    case ConnectorState::Unavailable:
        return "Unavailable";
    case ConnectorState::Faulted:
        return "Faulted";
    }
    return "Available";
}

std::string_view stopped_reason(StopReason r) {
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

json::object sampled(double value, std::string_view context, std::string_view measurand, std::string_view unit,
                     std::string_view location = "Outlet") {
    return json::object{{"value", value},
                        {"context", context},
                        {"measurand", measurand},
                        {"location", location},
                        {"unitOfMeasure", json::object{{"unit", unit}}}};
}

json::array meter_value(const MeterReading& m, std::string_view context, Clock::time_point at) {
    json::array values;
    values.push_back(sampled(m.energy_wh, context, "Energy.Active.Import.Register", "Wh"));
    values.push_back(sampled(m.power_w, context, "Power.Active.Import", "W"));
    values.push_back(sampled(m.current_a, context, "Current.Import", "A"));
    values.push_back(sampled(m.voltage_v, context, "Voltage", "V"));
    values.push_back(sampled(m.soc_percent, context, "SoC", "Percent", "EV"));
    return json::array{json::object{{"timestamp", iso8601(at)}, {"sampledValue", std::move(values)}}};
}

json::object id_token(std::string_view token) {
    return json::object{{"idToken", token.substr(0, 36)}, {"type", "ISO14443"}};
}

json::object transaction_event(TxContext& tx, std::string_view event_type, std::string_view trigger,
                               Clock::time_point at) {
    json::object info{{"transactionId", std::string_view(tx.transaction_id).substr(0, 36)}};
    json::object p{{"eventType", event_type},
                   {"timestamp", iso8601(at)},
                   {"triggerReason", trigger},
                   {"seqNo", tx.seq_no++},
                   {"transactionInfo", std::move(info)}};
    return p;
}

std::string_view variable_name(const json::object& entry) {
    const auto* v = entry.if_contains("variable");
    return v && v->is_object() ? get_string(v->get_object(), "name") : std::string_view();
}

std::string_view component_name(const json::object& entry) {
    const auto* c = entry.if_contains("component");
    return c && c->is_object() ? get_string(c->get_object(), "name") : std::string_view();
}

// The device-model variables the simulator knows: (component, variable).
struct Variable {
    std::string_view component;
    std::string_view variable;
    bool readonly;
};
constexpr std::array kVariables{
    Variable{"OCPPCommCtrlr", "HeartbeatInterval", false},
    Variable{"SampledDataCtrlr", "TxUpdatedInterval", false},
    Variable{"SampledDataCtrlr", "TxUpdatedMeasurands", false},
    Variable{"AuthCtrlr", "AuthorizeRemoteStart", false},
    Variable{"ChargingStation", "Model", true},
    Variable{"ChargingStation", "VendorName", true},
};

const Variable* find_variable(std::string_view component, std::string_view variable) {
    auto it = std::find_if(kVariables.begin(), kVariables.end(),
                           [&](const Variable& v) { return v.component == component && v.variable == variable; });
    return it == kVariables.end() ? nullptr : &*it;
}

bool known_component(std::string_view component) {
    return std::any_of(kVariables.begin(), kVariables.end(),
                       [&](const Variable& v) { return v.component == component; });
}

std::string variable_value(const Variable& v, const StationView& st) {
    if (v.variable == "HeartbeatInterval") {
        return std::to_string(st.heartbeat_interval_s);
    }
    if (v.variable == "TxUpdatedInterval") {
        return std::to_string(st.meter_interval_s);
    }
    if (v.variable == "TxUpdatedMeasurands") {
        return "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC";
    }
    if (v.variable == "AuthorizeRemoteStart") {
        return "false";
    }
    if (v.variable == "Model") {
        return st.identity ? st.identity->model : "";
    }
    return st.identity ? st.identity->vendor : "";
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

// Copies the component and variable of a request entry into a result entry.
void echo_component_variable(const json::object& from, json::object& to) {
    if (const auto* c = from.if_contains("component")) {
        to["component"] = *c;
    }
    if (const auto* v = from.if_contains("variable")) {
        to["variable"] = *v;
    }
    if (const auto* t = from.if_contains("attributeType")) {
        to["attributeType"] = *t;
    }
}

// --- one handler per CSMS-initiated action -------------------------------------------------------------

IncomingReply request_start(const json::object& p, const StationView& st) {
    const auto* token = p.if_contains("idToken");
    if (!token || !token->is_object() || !p.contains("remoteStartId")) {
        return reply_error(ocpp::ErrorKind::OccurrenceConstraintViolation, "idToken and remoteStartId are required");
    }
    const auto evse = get_int(p, "evseId", 0);
    const bool busy = evse == 0 ? st.transactions.size() >= static_cast<std::size_t>(st.connectors)
                                : std::any_of(st.transactions.begin(), st.transactions.end(),
                                              [&](const TxContext* tx) { return tx->evse_id == evse; });
    if (evse < 0 || evse > st.connectors || busy) {
        return reply_status("Rejected");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::RemoteStart;
    e.connector_id = static_cast<int>(evse);
    e.id_token = std::string(get_string(token->get_object(), "idToken"));
    e.remote_start_id = static_cast<int>(get_int(p, "remoteStartId", 0));
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply request_stop(const json::object& p, const StationView& st) {
    const auto id = get_string(p, "transactionId");
    const bool known = std::any_of(st.transactions.begin(), st.transactions.end(),
                                   [&](const TxContext* tx) { return tx->transaction_id == id; });
    if (!known) {
        return reply_status("Rejected");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::RemoteStop;
    e.transaction_id = std::string(id);
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply reset(const json::object& p, const StationView&) {
    const auto type = get_string(p, "type");
    if (type != "Immediate" && type != "OnIdle" && type != "ImmediateAndResume") {
        return reply_error(ocpp::ErrorKind::PropertyConstraintViolation, "unknown reset type");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::Reset;
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply set_variables(const json::object& p, const StationView&) {
    const auto* data = p.if_contains("setVariableData");
    if (!data || !data->is_array()) {
        return reply_error(ocpp::ErrorKind::OccurrenceConstraintViolation, "setVariableData is required");
    }
    IncomingReply r;
    json::array results;
    for (const auto& item : data->get_array()) {
        if (!item.is_object()) {
            continue;
        }
        const auto& entry = item.get_object();
        json::object out;
        echo_component_variable(entry, out);
        const auto* known = find_variable(component_name(entry), variable_name(entry));
        std::string_view status = "Accepted";
        if (!known) {
            status = known_component(component_name(entry)) ? "UnknownVariable" : "UnknownComponent";
        } else if (known->readonly) {
            status = "Rejected";
        } else if (known->variable == "HeartbeatInterval" || known->variable == "TxUpdatedInterval") {
            const auto seconds = parse_seconds(get_string(entry, "attributeValue"));
            if (!seconds) {
                status = "Rejected";
            } else {
                Effect e;
                e.kind = known->variable == "HeartbeatInterval" ? Effect::Kind::SetHeartbeatInterval
                                                                : Effect::Kind::SetMeterInterval;
                e.value = *seconds;
                r.effects.push_back(std::move(e));
            }
        }
        out["attributeStatus"] = status;
        results.push_back(std::move(out));
    }
    r.result["setVariableResult"] = std::move(results);
    return r;
}

IncomingReply get_variables(const json::object& p, const StationView& st) {
    const auto* data = p.if_contains("getVariableData");
    if (!data || !data->is_array()) {
        return reply_error(ocpp::ErrorKind::OccurrenceConstraintViolation, "getVariableData is required");
    }
    IncomingReply r;
    json::array results;
    for (const auto& item : data->get_array()) {
        if (!item.is_object()) {
            continue;
        }
        const auto& entry = item.get_object();
        json::object out;
        echo_component_variable(entry, out);
        if (const auto* known = find_variable(component_name(entry), variable_name(entry))) {
            out["attributeStatus"] = "Accepted";
            out["attributeValue"] = variable_value(*known, st);
        } else {
            out["attributeStatus"] = known_component(component_name(entry)) ? "UnknownVariable" : "UnknownComponent";
        }
        results.push_back(std::move(out));
    }
    r.result["getVariableResult"] = std::move(results);
    return r;
}

IncomingReply trigger_message(const json::object& p, const StationView&) {
    const auto what = get_string(p, "requestedMessage");
    if (what != "BootNotification" && what != "Heartbeat" && what != "StatusNotification" && what != "MeterValues" &&
        what != "TransactionEvent") {
        return reply_status("NotImplemented");
    }
    auto r = reply_status("Accepted");
    Effect e;
    e.kind = Effect::Kind::Trigger;
    e.action = std::string(what);
    if (const auto* evse = p.if_contains("evse"); evse && evse->is_object()) {
        e.connector_id = static_cast<int>(get_int(evse->get_object(), "id", 0));
    }
    r.effects.push_back(std::move(e));
    return r;
}

IncomingReply get_transaction_status(const json::object& p, const StationView& st) {
    IncomingReply r;
    r.result["messagesInQueue"] = false;
    const auto id = get_string(p, "transactionId");
    if (!id.empty()) {
        r.result["ongoingIndicator"] = std::any_of(st.transactions.begin(), st.transactions.end(),
                                                   [&](const TxContext* tx) { return tx->transaction_id == id; });
    }
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
IncomingReply get_base_report(const json::object&, const StationView&) {
    return reply_status("NotSupported");
}
IncomingReply send_local_list(const json::object&, const StationView&) {
    return reply_status("Failed");
}
IncomingReply reserve_now(const json::object&, const StationView&) {
    return reply_status("Rejected");
}
IncomingReply cancel_reservation(const json::object&, const StationView&) {
    return reply_status("Rejected");
}
// 2.1 stations take the 2.0.1 form of a profile; what only 2.1 can say (new purposes, V2X) is refused.
IncomingReply set_charging_profile(const json::object& p, const StationView& st) {
    ocpp::v201::SetChargingProfileRequest req;
    try {
        req = ocpp::decode<ocpp::v201::SetChargingProfileRequest>(p);
    } catch (const ocpp::DecodeError&) {
        return reply_status("Rejected");
    }
    return install_profile(smart::from_v201(req.chargingProfile), static_cast<int>(req.evseId), st,
                           ocpp::Version::v201);
}
IncomingReply clear_charging_profile(const json::object& p, const StationView& st) {
    const auto* criteria = p.if_contains("chargingProfileCriteria");
    return clear_profiles(p, "chargingProfileId", criteria && criteria->is_object() ? &criteria->get_object() : nullptr,
                          "evseId", st);
}
IncomingReply get_composite_schedule(const json::object& p, const StationView& st) {
    const auto schedule = composite_of(p, "evseId", st);
    if (!schedule)
        return reply_status("Rejected");
    auto r = reply_status("Accepted");
    r.result["schedule"] = json::object{{"evseId", get_int(p, "evseId", 0)},
                                        {"duration", schedule->duration},
                                        {"scheduleStart", smart::format_time(schedule->start)},
                                        {"chargingRateUnit", smart::to_string(schedule->unit)},
                                        {"chargingSchedulePeriod", periods_json(*schedule)}};
    return r;
}
IncomingReply get_local_list_version(const json::object&, const StationView&) {
    IncomingReply r;
    r.result["versionNumber"] = 0;
    return r;
}

using Handler = IncomingReply (*)(const json::object&, const StationView&);
struct Route {
    std::string_view action;
    Handler handler;
};

// Routing of CSMS-initiated CALLs in 2.0.1 and 2.1: action -> handler.
constexpr std::array kRoutes{
    Route{"RequestStartTransaction", request_start},
    Route{"RequestStopTransaction", request_stop},
    Route{"Reset", reset},
    Route{"SetVariables", set_variables},
    Route{"GetVariables", get_variables},
    Route{"TriggerMessage", trigger_message},
    Route{"GetTransactionStatus", get_transaction_status},
    Route{"ChangeAvailability", change_availability},
    Route{"UnlockConnector", unlock_connector},
    Route{"ClearCache", clear_cache},
    Route{"DataTransfer", data_transfer},
    Route{"GetBaseReport", get_base_report},
    Route{"GetLocalListVersion", get_local_list_version},
    Route{"SendLocalList", send_local_list},
    Route{"ReserveNow", reserve_now},
    Route{"CancelReservation", cancel_reservation},
    Route{"SetChargingProfile", set_charging_profile},
    Route{"ClearChargingProfile", clear_charging_profile},
    Route{"GetCompositeSchedule", get_composite_schedule},
};

class DialectV2x final : public Dialect {
public:
    explicit DialectV2x(ocpp::Version v) : version_(v) {}

    ocpp::Version version() const noexcept override { return version_; }

    OutCall boot_notification(const StationIdentity& s) const override {
        json::object station{{"model", s.model.substr(0, 20)},
                             {"vendorName", s.vendor.substr(0, 50)},
                             {"firmwareVersion", s.firmware.substr(0, 50)}};
        if (!s.serial.empty()) {
            station["serialNumber"] = s.serial.substr(0, 25);
        }
        return {"BootNotification", json::object{{"reason", "PowerUp"}, {"chargingStation", std::move(station)}}};
    }

    OutCall heartbeat() const override { return {"Heartbeat", json::object{}}; }

    OutCall status_notification(int evse_id, int connector_id, ConnectorState state,
                                Clock::time_point at) const override {
        return {"StatusNotification", json::object{{"timestamp", iso8601(at)},
                                                   {"connectorStatus", connector_status(state)},
                                                   {"evseId", evse_id},
                                                   {"connectorId", connector_id}}};
    }

    OutCall authorize(std::string_view token) const override {
        return {"Authorize", json::object{{"idToken", id_token(token)}}};
    }

    OutCall transaction_started(TxContext& tx, const MeterReading& m, Clock::time_point at) const override {
        auto p = transaction_event(tx, "Started", tx.remote ? "RemoteStart" : "Authorized", at);
        auto& info = p["transactionInfo"].as_object();
        info["chargingState"] = "Charging";
        if (tx.remote_start_id) {
            info["remoteStartId"] = *tx.remote_start_id;
        }
        p["idToken"] = id_token(tx.id_token);
        p["evse"] = json::object{{"id", tx.evse_id}, {"connectorId", tx.connector_id}};
        p["meterValue"] = meter_value(m, "Transaction.Begin", at);
        return {"TransactionEvent", std::move(p)};
    }

    OutCall transaction_meter(TxContext& tx, const MeterReading& m, Clock::time_point at) const override {
        auto p = transaction_event(tx, "Updated", "MeterValuePeriodic", at);
        p["meterValue"] = meter_value(m, "Sample.Periodic", at);
        return {"TransactionEvent", std::move(p)};
    }

    OutCall transaction_limit_changed(TxContext& tx, const MeterReading& m, Clock::time_point at) const override {
        auto p = transaction_event(tx, "Updated", "ChargingRateChanged", at);
        p["meterValue"] = meter_value(m, "Other", at);
        return {"TransactionEvent", std::move(p)};
    }

    OutCall meter_values(int evse_id, int, const MeterReading& m, Clock::time_point at) const override {
        return {"MeterValues", json::object{{"evseId", evse_id}, {"meterValue", meter_value(m, "Trigger", at)}}};
    }

    OutCall transaction_ended(TxContext& tx, const MeterReading& m, StopReason reason,
                              Clock::time_point at) const override {
        const std::string_view trigger = reason == StopReason::Remote           ? "RemoteStop"
                                         : reason == StopReason::EVDisconnected ? "EVDeparted"
                                         : reason == StopReason::Reboot         ? "ResetCommand"
                                                                                : "StopAuthorized";
        auto p = transaction_event(tx, "Ended", trigger, at);
        auto& info = p["transactionInfo"].as_object();
        info["chargingState"] = "Idle";
        info["stoppedReason"] = stopped_reason(reason);
        p["meterValue"] = meter_value(m, "Transaction.End", at);
        return {"TransactionEvent", std::move(p)};
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
        const auto* info = r.if_contains("idTokenInfo");
        return info && info->is_object() && get_string(info->get_object(), "status") == "Accepted";
    }

    bool read_transaction_started(const json::object& r, TxContext&) const override {
        // idTokenInfo is optional in a TransactionEventResponse; absent means no objection.
        const auto* info = r.if_contains("idTokenInfo");
        return !info || (info->is_object() && get_string(info->get_object(), "status") == "Accepted");
    }

    IncomingReply answer(std::string_view action, const json::object& payload,
                         const StationView& station) const override {
        if (action == "Reset" && version_ == ocpp::Version::v201 &&
            get_string(payload, "type") == "ImmediateAndResume") {
            return reply_error(ocpp::ErrorKind::PropertyConstraintViolation, "ImmediateAndResume exists only in 2.1");
        }
        for (const auto& route : kRoutes) {
            if (route.action == action) {
                return route.handler(payload, station);
            }
        }
        return reply_error(ocpp::ErrorKind::NotImplemented,
                           fmt::format("{} is not implemented by the simulator", action.substr(0, 60)));
    }

private:
    ocpp::Version version_;
};

} // namespace

const Dialect& dialect_v201() {
    static const DialectV2x instance(ocpp::Version::v201);
    return instance;
}

const Dialect& dialect_v21() {
    static const DialectV2x instance(ocpp::Version::v21);
    return instance;
}

} // namespace recarga::sim::detail
