#include "commands/translate.hpp"

#include "domain/smart_charging/charging_profile.hpp"

#include <array>
#include <charconv>
#include <initializer_list>

namespace recarga::manager::commands {

namespace json = boost::json;
using ocpp::Version;

namespace {

struct Name {
    Neutral command;
    std::string_view kebab;
};

constexpr std::array kNames{
    Name{Neutral::StartCharging, "start-charging"},
    Name{Neutral::StopCharging, "stop-charging"},
    Name{Neutral::Reset, "reset"},
    Name{Neutral::UnlockConnector, "unlock-connector"},
    Name{Neutral::ChangeAvailability, "change-availability"},
    Name{Neutral::GetConfiguration, "get-configuration"},
    Name{Neutral::SetConfiguration, "set-configuration"},
    Name{Neutral::TriggerMessage, "trigger-message"},
    Name{Neutral::ClearCache, "clear-cache"},
    Name{Neutral::DataTransfer, "data-transfer"},
    Name{Neutral::UploadDiagnostics, "upload-diagnostics"},
    Name{Neutral::UpdateFirmware, "update-firmware"},
    Name{Neutral::SendLocalList, "send-local-list"},
    Name{Neutral::GetLocalListVersion, "get-local-list-version"},
    Name{Neutral::Reserve, "reserve"},
    Name{Neutral::CancelReservation, "cancel-reservation"},
    Name{Neutral::SetChargingProfile, "set-charging-profile"},
    Name{Neutral::ClearChargingProfile, "clear-charging-profile"},
    Name{Neutral::GetCompositeSchedule, "get-composite-schedule"},
};

// A translation step that may fail: the reason, or nothing.
using Fail = std::optional<Untranslatable>;

Fail fail(std::string detail) {
    return Untranslatable{std::move(detail)};
}

std::string version_name(Version v) {
    switch (v) {
    case Version::v16:
        return "OCPP 1.6";
    case Version::v201:
        return "OCPP 2.0.1";
    case Version::v21:
        return "OCPP 2.1";
    }
    return "OCPP";
}

Fail no_equivalent(std::string_view field, Version v, std::string_view hint = {}) {
    std::string d = std::string(field) + " has no equivalent in " + version_name(v);
    if (!hint.empty()) {
        d += ": " + std::string(hint);
    }
    return fail(std::move(d));
}

const json::value* member(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return (v == nullptr || v->is_null()) ? nullptr : v;
}

std::optional<std::int64_t> int_member(const json::object& o, std::string_view key) {
    auto* v = member(o, key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->is_int64()) {
        return v->as_int64();
    }
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v->as_uint64());
    }
    return std::nullopt;
}

std::optional<std::string> string_member(const json::object& o, std::string_view key) {
    auto* v = member(o, key);
    if (v == nullptr || !v->is_string()) {
        return std::nullopt;
    }
    return std::string(v->as_string());
}

const json::object* object_member(const json::object& o, std::string_view key) {
    auto* v = member(o, key);
    return (v != nullptr && v->is_object()) ? &v->as_object() : nullptr;
}

// Copies `from` (when present) into `to` under `as`.
void copy(const json::object& from, std::string_view key, json::object& to, std::string_view as) {
    if (auto* v = member(from, key)) {
        to[as] = *v;
    }
}

// Copies each present member of `from` named first in a pair into `to` under the second name.
void copy(const json::object& from, json::object& to,
          std::initializer_list<std::pair<std::string_view, std::string_view>> names) {
    for (const auto& [key, as] : names) {
        copy(from, key, to, as);
    }
}

Fail require(const json::object& o, std::string_view key) {
    if (member(o, key) == nullptr) {
        return fail(std::string(key) + " is required");
    }
    return std::nullopt;
}

// The 1.6 connectorId of a neutral (evseId, connectorId) pair (see the header's convention).
std::variant<std::optional<std::int64_t>, Untranslatable> v16_connector(const json::object& body) {
    const auto evse = int_member(body, "evseId");
    const auto connector = int_member(body, "connectorId");
    if (connector && *connector != 1) {
        return Untranslatable{"connectorId " + std::to_string(*connector) +
                              " has no equivalent in OCPP 1.6, where a connector is an EVSE with one connector "
                              "(connectorId 1); address it by evseId"};
    }
    if (connector && !evse) {
        return Untranslatable{"connectorId without evseId has no equivalent in OCPP 1.6; give evseId"};
    }
    return evse;
}

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) {
        return std::nullopt;
    }
    return v;
}

// 1.6 idTag from a neutral IdToken {idToken, type?}: 1.6 has no token types.
Fail v16_id_tag(const json::object& token, std::string_view field, std::string& out) {
    auto id = string_member(token, "idToken");
    if (!id) {
        return fail(std::string(field) + ".idToken is required");
    }
    if (member(token, "type") != nullptr) {
        return no_equivalent(std::string(field) + ".type", Version::v16, "1.6 id tags carry no type; leave it out");
    }
    out = *id;
    return std::nullopt;
}

json::object v2x_id_token(const json::object& token, std::string_view default_type) {
    json::object t{{"idToken", string_member(token, "idToken").value_or("")}};
    t["type"] = string_member(token, "type").value_or(std::string(default_type));
    return t;
}

// The API's ChargingProfile (api/openapi.yaml) in the neutral model of domain/smart_charging: the one model the
// load manager, the store and recarga-sim use, so that a profile is checked and shaped by one set of rules.
std::variant<smart::ChargingProfile, Untranslatable> neutral_profile(const json::object& p) {
    for (auto key : {"id", "stackLevel", "purpose", "kind", "schedule"}) {
        if (auto f = require(p, key)) {
            return Untranslatable{"chargingProfile." + f->detail};
        }
    }
    const auto* schedule = object_member(p, "schedule");
    if (schedule == nullptr) {
        return Untranslatable{"chargingProfile.schedule must be an object"};
    }
    auto bad = [](std::string_view field, std::string_view why) {
        return Untranslatable{"chargingProfile." + std::string(field) + " " + std::string(why)};
    };
    auto number = [](const json::object& o, std::string_view key) -> std::optional<std::int64_t> {
        const auto* v = member(o, key);
        return v != nullptr && v->is_number() ? smart::number_to_tenths(v->to_number<double>()) : std::nullopt;
    };
    auto time = [&](const json::object& o, std::string_view key, std::optional<smart::TimePoint>& out) -> bool {
        if (member(o, key) == nullptr)
            return true;
        auto text = string_member(o, key);
        out = text ? smart::parse_time(*text) : std::nullopt;
        return out.has_value();
    };
    smart::ChargingProfile out;
    out.id = int_member(p, "id").value_or(0);
    out.stack_level = int_member(p, "stackLevel").value_or(-1);
    if (!smart::from_string(string_member(p, "purpose").value_or(""), out.purpose))
        return bad("purpose", "is not a charging profile purpose");
    if (!smart::from_string(string_member(p, "kind").value_or(""), out.kind))
        return bad("kind", "is not Absolute, Recurring or Relative");
    if (member(p, "recurrency") != nullptr) {
        out.recurrency.emplace();
        if (!smart::from_string(string_member(p, "recurrency").value_or(""), *out.recurrency))
            return bad("recurrency", "is not Daily or Weekly");
    }
    if (!time(p, "validFrom", out.valid_from))
        return bad("validFrom", "is not an RFC 3339 date-time");
    if (!time(p, "validTo", out.valid_to))
        return bad("validTo", "is not an RFC 3339 date-time");
    out.transaction_id = string_member(p, "transactionId");
    auto& s = out.schedule;
    s.id = int_member(*schedule, "id").value_or(1);
    if (!smart::from_string(string_member(*schedule, "chargingRateUnit").value_or(""), s.unit))
        return bad("schedule.chargingRateUnit", "is not A or W");
    s.duration = int_member(*schedule, "duration");
    if (!time(*schedule, "startSchedule", s.start))
        return bad("schedule.startSchedule", "is not an RFC 3339 date-time");
    if (member(*schedule, "minChargingRate") != nullptr && !(s.min_rate_tenths = number(*schedule, "minChargingRate")))
        return bad("schedule.minChargingRate", "is not a non-negative number");
    const auto* periods = member(*schedule, "periods");
    if (periods == nullptr || !periods->is_array())
        return bad("schedule.periods", "must be an array");
    for (const auto& pv : periods->as_array()) {
        if (!pv.is_object())
            return bad("schedule.periods", "must hold objects");
        const auto& po = pv.as_object();
        smart::SchedulePeriod period;
        period.start = int_member(po, "startPeriod").value_or(-1);
        auto limit = number(po, "limit");
        if (!limit)
            return bad("schedule.periods.limit", "is not a non-negative number");
        period.limit_tenths = *limit;
        if (auto phases = int_member(po, "numberPhases"))
            period.phases = static_cast<int>(*phases);
        s.periods.push_back(period);
    }
    return out;
}

Untranslatable refusal(const std::vector<smart::Problem>& problems) {
    const auto& first = problems.front();
    return Untranslatable{"chargingProfile" + first.field + ": " + first.detail};
}

// A neutral charging profile in the version's shape (1.6 csChargingProfiles, 2.x ChargingProfileType), checked by
// smart::validate for `evse_id`. `in_remote_start`: the profile of a remote start, which names no transaction yet
// (2.0.1 F01: the station gives the TxProfile the transaction it starts).
std::variant<json::object, Untranslatable> charging_profile(const json::object& p, Version v, std::int64_t evse_id,
                                                           bool in_remote_start = false) {
    if (v == Version::v16) {
        if (const auto* schedule = object_member(p, "schedule"); schedule && member(*schedule, "id") != nullptr) {
            return Untranslatable{"chargingProfile.schedule.id has no equivalent in OCPP 1.6; leave it out"};
        }
    }
    auto profile = neutral_profile(p);
    if (auto* u = std::get_if<Untranslatable>(&profile)) {
        return *u;
    }
    auto& neutral = std::get<smart::ChargingProfile>(profile);
    const int evse = static_cast<int>(evse_id);
    const bool placeholder = in_remote_start && !neutral.transaction_id && neutral.purpose == smart::Purpose::Tx;
    if (placeholder) {
        neutral.transaction_id = "0"; // checked as if named; the name is left out of the payload
    }
    auto shape = [&](auto translated, auto member) -> std::variant<json::object, Untranslatable> {
        if (!translated.value) {
            return refusal(translated.problems);
        }
        auto& cp = (*translated.value).*member;
        if (placeholder) {
            cp.transactionId.reset();
        }
        auto shaped = to_json(cp); // the version's generated to_json, found by argument-dependent lookup
        return std::move(shaped.as_object());
    };
    if (v == Version::v16) {
        return shape(smart::to_v16(neutral, evse), &ocpp::v16::SetChargingProfileRequest::csChargingProfiles);
    }
    return shape(smart::to_v201(neutral, evse), &ocpp::v201::SetChargingProfileRequest::chargingProfile);
}

// The 2.x message names the neutral trigger-message names map to, per version ("" = none).
struct Trigger {
    std::string_view neutral, v16, v2x;
};
constexpr std::array kTriggers{
    Trigger{"BootNotification", "BootNotification", "BootNotification"},
    Trigger{"Heartbeat", "Heartbeat", "Heartbeat"},
    Trigger{"MeterValues", "MeterValues", "MeterValues"},
    Trigger{"StatusNotification", "StatusNotification", "StatusNotification"},
    Trigger{"FirmwareStatusNotification", "FirmwareStatusNotification", "FirmwareStatusNotification"},
    Trigger{"LogStatusNotification", "DiagnosticsStatusNotification", "LogStatusNotification"},
    Trigger{"TransactionEvent", "", "TransactionEvent"},
    Trigger{"SignChargingStationCertificate", "", "SignChargingStationCertificate"},
};

Translation start_charging(const json::object& b, Version v, const TranslateContext& ctx) {
    const auto* token = object_member(b, "idToken");
    if (token == nullptr) {
        return Untranslatable{"idToken is required"};
    }
    json::object out;
    if (v == Version::v16) {
        auto c = v16_connector(b);
        if (auto* u = std::get_if<Untranslatable>(&c)) {
            return *u;
        }
        if (auto n = std::get<std::optional<std::int64_t>>(c)) {
            out["connectorId"] = *n;
        }
        std::string tag;
        if (auto f = v16_id_tag(*token, "idToken", tag)) {
            return *f;
        }
        out["idTag"] = tag;
    } else {
        if (member(b, "connectorId") != nullptr) {
            return *no_equivalent("connectorId", v, "RequestStartTransaction names an EVSE only; give evseId");
        }
        copy(b, "evseId", out, "evseId");
        out["idToken"] = v2x_id_token(*token, "Central");
        out["remoteStartId"] = ctx.request_id;
    }
    if (const auto* p = object_member(b, "chargingProfile")) {
        // 1.6 connector 0 / 2.x without an EVSE: the station picks one; the profile is checked as for EVSE 1.
        auto profile = charging_profile(*p, v, int_member(b, "evseId").value_or(1), true);
        if (auto* u = std::get_if<Untranslatable>(&profile)) {
            return *u;
        }
        out["chargingProfile"] = std::get<json::object>(std::move(profile));
    }
    return OcppCall{v == Version::v16 ? "RemoteStartTransaction" : "RequestStartTransaction", std::move(out)};
}

Translation stop_charging(const json::object& b, Version v) {
    auto tx = string_member(b, "transactionId");
    if (!tx) {
        return Untranslatable{"transactionId is required"};
    }
    if (v == Version::v16) {
        auto n = parse_int(*tx);
        if (!n) {
            return Untranslatable{"transactionId '" + *tx +
                                  "' has no equivalent in OCPP 1.6, whose transaction ids are integers"};
        }
        return OcppCall{"RemoteStopTransaction", json::object{{"transactionId", *n}}};
    }
    return OcppCall{"RequestStopTransaction", json::object{{"transactionId", *tx}}};
}

Translation reset(const json::object& b, Version v) {
    auto type = string_member(b, "type").value_or("");
    if (type != "Immediate" && type != "OnIdle") {
        return Untranslatable{"type must be Immediate or OnIdle"};
    }
    if (v == Version::v16) {
        if (member(b, "evseId") != nullptr) {
            return *no_equivalent("evseId", v, "a 1.6 Reset restarts the whole charge point");
        }
        // 1.6 Hard: restart now, ending transactions abruptly; Soft: stop transactions gracefully first.
        return OcppCall{"Reset", json::object{{"type", type == "Immediate" ? "Hard" : "Soft"}}};
    }
    json::object out{{"type", type}};
    copy(b, "evseId", out, "evseId");
    return OcppCall{"Reset", std::move(out)};
}

Translation unlock_connector(const json::object& b, Version v) {
    if (auto f = require(b, "evseId")) {
        return *f;
    }
    if (v == Version::v16) {
        auto c = v16_connector(b);
        if (auto* u = std::get_if<Untranslatable>(&c)) {
            return *u;
        }
        return OcppCall{"UnlockConnector", json::object{{"connectorId", *int_member(b, "evseId")}}};
    }
    return OcppCall{"UnlockConnector", json::object{{"evseId", *int_member(b, "evseId")},
                                                    {"connectorId", int_member(b, "connectorId").value_or(1)}}};
}

Translation change_availability(const json::object& b, Version v) {
    auto* op = member(b, "operational");
    if (op == nullptr || !op->is_bool()) {
        return Untranslatable{"operational (true or false) is required"};
    }
    const bool operational = op->as_bool();
    if (v == Version::v16) {
        auto c = v16_connector(b);
        if (auto* u = std::get_if<Untranslatable>(&c)) {
            return *u;
        }
        return OcppCall{"ChangeAvailability",
                        json::object{{"connectorId", std::get<std::optional<std::int64_t>>(c).value_or(0)},
                                     {"type", operational ? "Operative" : "Inoperative"}}};
    }
    json::object out{{"operationalStatus", operational ? "Operative" : "Inoperative"}};
    if (auto evse = int_member(b, "evseId")) {
        json::object e{{"id", *evse}};
        copy(b, "connectorId", e, "connectorId");
        out["evse"] = std::move(e);
    } else if (member(b, "connectorId") != nullptr) {
        return Untranslatable{"connectorId without evseId has no equivalent in " + version_name(v) + "; give evseId"};
    }
    return OcppCall{"ChangeAvailability", std::move(out)};
}

// A 2.x configuration key "Component/Variable" (as GET /stations/{id}/variables shows them).
std::optional<std::pair<std::string, std::string>> split_key(std::string_view key) {
    auto slash = key.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == key.size() ||
        key.find('/', slash + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    return std::pair{std::string(key.substr(0, slash)), std::string(key.substr(slash + 1))};
}

json::object component_variable(const std::pair<std::string, std::string>& cv) {
    return json::object{{"component", json::object{{"name", cv.first}}},
                        {"variable", json::object{{"name", cv.second}}}};
}

Untranslatable bad_key(std::string_view key, Version v) {
    return Untranslatable{
        "key '" + std::string(key) + "' has no equivalent in " + version_name(v) +
        ": name a device-model variable as Component/Variable (e.g. OCPPCommCtrlr/HeartbeatInterval)"};
}

Translation get_configuration(const json::object& b, Version v) {
    const auto* keys = member(b, "keys");
    if (keys != nullptr && !keys->is_array()) {
        return Untranslatable{"keys must be an array of strings"};
    }
    if (v == Version::v16) {
        json::object out;
        if (keys != nullptr) {
            out["key"] = *keys;
        }
        return OcppCall{"GetConfiguration", std::move(out)};
    }
    if (keys == nullptr || keys->as_array().empty()) {
        return Untranslatable{"asking for all keys has no equivalent in " + version_name(v) +
                              " GetVariables: name the keys (Component/Variable)"};
    }
    json::array data;
    for (const auto& k : keys->as_array()) {
        if (!k.is_string()) {
            return Untranslatable{"keys must be an array of strings"};
        }
        auto cv = split_key(k.as_string());
        if (!cv) {
            return bad_key(k.as_string(), v);
        }
        data.push_back(component_variable(*cv));
    }
    return OcppCall{"GetVariables", json::object{{"getVariableData", std::move(data)}}};
}

Translation set_configuration(const json::object& b, Version v) {
    auto key = string_member(b, "key");
    auto value = string_member(b, "value");
    if (!key || !value) {
        return Untranslatable{"key and value are required"};
    }
    if (v == Version::v16) {
        return OcppCall{"ChangeConfiguration", json::object{{"key", *key}, {"value", *value}}};
    }
    auto cv = split_key(*key);
    if (!cv) {
        return bad_key(*key, v);
    }
    auto item = component_variable(*cv);
    item["attributeValue"] = *value;
    return OcppCall{"SetVariables", json::object{{"setVariableData", json::array{std::move(item)}}}};
}

Translation trigger_message(const json::object& b, Version v) {
    auto message = string_member(b, "message").value_or("");
    const auto* t =
        std::find_if(kTriggers.begin(), kTriggers.end(), [&](const Trigger& x) { return x.neutral == message; });
    if (t == kTriggers.end()) {
        return Untranslatable{"message '" + message + "' is not a message a station can be asked for"};
    }
    const auto name = v == Version::v16 ? t->v16 : t->v2x;
    if (name.empty()) {
        return *no_equivalent("message " + message, v);
    }
    json::object out{{"requestedMessage", name}};
    if (v == Version::v16) {
        auto c = v16_connector(b);
        if (auto* u = std::get_if<Untranslatable>(&c)) {
            return *u;
        }
        if (auto n = std::get<std::optional<std::int64_t>>(c)) {
            out["connectorId"] = *n;
        }
    } else if (auto evse = int_member(b, "evseId")) {
        json::object e{{"id", *evse}};
        copy(b, "connectorId", e, "connectorId");
        out["evse"] = std::move(e);
    } else if (member(b, "connectorId") != nullptr) {
        return Untranslatable{"connectorId without evseId has no equivalent in " + version_name(v) + "; give evseId"};
    }
    return OcppCall{"TriggerMessage", std::move(out)};
}

Translation data_transfer(const json::object& b, Version v) {
    if (auto f = require(b, "vendorId")) {
        return *f;
    }
    json::object out;
    copy(b, out, {{"vendorId", "vendorId"}, {"messageId", "messageId"}});
    if (auto* data = member(b, "data")) {
        if (v == Version::v16 && !data->is_string()) {
            return Untranslatable{"data that is not a string has no equivalent in OCPP 1.6, whose DataTransfer "
                                  "data is text; send it serialized"};
        }
        out["data"] = *data;
    }
    return OcppCall{"DataTransfer", std::move(out)};
}

Translation upload_diagnostics(const json::object& b, Version v, const TranslateContext& ctx) {
    if (auto f = require(b, "location")) {
        return *f;
    }
    if (v == Version::v16) {
        if (auto type = string_member(b, "logType"); type && *type != "DiagnosticsLog") {
            return *no_equivalent("logType " + *type, v, "1.6 GetDiagnostics uploads diagnostics only");
        }
        json::object out;
        copy(b, out,
             {{"location", "location"},
              {"retries", "retries"},
              {"retryInterval", "retryInterval"},
              {"from", "startTime"},
              {"to", "stopTime"}});
        return OcppCall{"GetDiagnostics", std::move(out)};
    }
    json::object log;
    copy(b, log, {{"location", "remoteLocation"}, {"from", "oldestTimestamp"}, {"to", "latestTimestamp"}});
    json::object out{{"logType", string_member(b, "logType").value_or("DiagnosticsLog")},
                     {"requestId", ctx.request_id},
                     {"log", std::move(log)}};
    copy(b, out, {{"retries", "retries"}, {"retryInterval", "retryInterval"}});
    return OcppCall{"GetLog", std::move(out)};
}

Translation update_firmware(const json::object& b, Version v, const TranslateContext& ctx) {
    for (auto key : {"location", "retrieveAt"}) {
        if (auto f = require(b, key)) {
            return *f;
        }
    }
    if (v == Version::v16) {
        for (auto key : {"installAt", "signingCertificate", "signature"}) {
            if (member(b, key) != nullptr) {
                return *no_equivalent(key, v,
                                      "1.6 UpdateFirmware takes location, retrieveAt, retries and retryInterval");
            }
        }
        json::object out;
        copy(b, out,
             {{"location", "location"},
              {"retrieveAt", "retrieveDate"},
              {"retries", "retries"},
              {"retryInterval", "retryInterval"}});
        return OcppCall{"UpdateFirmware", std::move(out)};
    }
    json::object fw;
    copy(b, fw,
         {{"location", "location"},
          {"retrieveAt", "retrieveDateTime"},
          {"installAt", "installDateTime"},
          {"signingCertificate", "signingCertificate"},
          {"signature", "signature"}});
    json::object out{{"requestId", ctx.request_id}, {"firmware", std::move(fw)}};
    copy(b, out, {{"retries", "retries"}, {"retryInterval", "retryInterval"}});
    return OcppCall{"UpdateFirmware", std::move(out)};
}

Translation send_local_list(const json::object& b, Version v) {
    for (auto key : {"listVersion", "updateType"}) {
        if (auto f = require(b, key)) {
            return *f;
        }
    }
    json::array list;
    if (auto* entries = member(b, "entries")) {
        if (!entries->is_array()) {
            return Untranslatable{"entries must be an array"};
        }
        for (const auto& ev : entries->as_array()) {
            const auto* token = ev.is_object() ? object_member(ev.as_object(), "idToken") : nullptr;
            if (token == nullptr) {
                return Untranslatable{"every entry needs an idToken"};
            }
            const auto& e = ev.as_object();
            const auto* group = object_member(e, "groupIdToken");
            json::object item, info;
            if (v == Version::v16) {
                std::string tag, parent;
                if (auto f = v16_id_tag(*token, "entries[].idToken", tag)) {
                    return *f;
                }
                item["idTag"] = tag;
                if (group != nullptr) {
                    if (auto f = v16_id_tag(*group, "entries[].groupIdToken", parent)) {
                        return *f;
                    }
                    info["parentIdTag"] = parent;
                }
                copy(e, "expiresAt", info, "expiryDate");
            } else {
                item["idToken"] = v2x_id_token(*token, "ISO14443");
                if (group != nullptr) {
                    info["groupIdToken"] = v2x_id_token(*group, "Central");
                }
                copy(e, "expiresAt", info, "cacheExpiryDateTime");
            }
            if (member(e, "status") == nullptr) {
                if (!info.empty()) {
                    return Untranslatable{"an entry without status (a removal) can carry no expiresAt or groupIdToken"};
                }
            } else {
                copy(e, "status", info, "status");
                item[v == Version::v16 ? "idTagInfo" : "idTokenInfo"] = std::move(info);
            }
            list.push_back(std::move(item));
        }
    }
    json::object out;
    copy(b, "listVersion", out, v == Version::v16 ? "listVersion" : "versionNumber");
    copy(b, "updateType", out, "updateType");
    if (!list.empty() || v != Version::v16) {
        out["localAuthorizationList"] = std::move(list);
    }
    return OcppCall{"SendLocalList", std::move(out)};
}

Translation reserve(const json::object& b, Version v) {
    for (auto key : {"reservationId", "expiresAt", "idToken"}) {
        if (auto f = require(b, key)) {
            return *f;
        }
    }
    const auto* token = object_member(b, "idToken");
    if (token == nullptr) {
        return Untranslatable{"idToken must be an object"};
    }
    const auto* group = object_member(b, "groupIdToken");
    json::object out;
    if (v == Version::v16) {
        if (member(b, "connectorType") != nullptr) {
            return *no_equivalent("connectorType", v, "1.6 reserves a connector by id (evseId) or any (none)");
        }
        std::string tag, parent;
        if (auto f = v16_id_tag(*token, "idToken", tag)) {
            return *f;
        }
        out["connectorId"] = int_member(b, "evseId").value_or(0);
        copy(b, "expiresAt", out, "expiryDate");
        out["idTag"] = tag;
        if (group != nullptr) {
            if (auto f = v16_id_tag(*group, "groupIdToken", parent)) {
                return *f;
            }
            out["parentIdTag"] = parent;
        }
        copy(b, "reservationId", out, "reservationId");
        return OcppCall{"ReserveNow", std::move(out)};
    }
    copy(b, out,
         {{"reservationId", "id"},
          {"expiresAt", "expiryDateTime"},
          {"connectorType", "connectorType"},
          {"evseId", "evseId"}});
    out["idToken"] = v2x_id_token(*token, "Central");
    if (group != nullptr) {
        out["groupIdToken"] = v2x_id_token(*group, "Central");
    }
    return OcppCall{"ReserveNow", std::move(out)};
}

Translation set_charging_profile(const json::object& b, Version v) {
    for (auto key : {"evseId", "chargingProfile"}) {
        if (auto f = require(b, key)) {
            return *f;
        }
    }
    const auto* p = object_member(b, "chargingProfile");
    if (p == nullptr) {
        return Untranslatable{"chargingProfile must be an object"};
    }
    auto profile = charging_profile(*p, v, *int_member(b, "evseId"));
    if (auto* u = std::get_if<Untranslatable>(&profile)) {
        return *u;
    }
    if (v == Version::v16) {
        return OcppCall{"SetChargingProfile",
                        json::object{{"connectorId", *int_member(b, "evseId")},
                                     {"csChargingProfiles", std::get<json::object>(std::move(profile))}}};
    }
    return OcppCall{"SetChargingProfile",
                    json::object{{"evseId", *int_member(b, "evseId")},
                                 {"chargingProfile", std::get<json::object>(std::move(profile))}}};
}

Translation clear_charging_profile(const json::object& b, Version v) {
    auto purpose = string_member(b, "purpose");
    json::object out;
    if (v == Version::v16) {
        if (purpose == "ChargingStationMaxProfile") {
            purpose = "ChargePointMaxProfile";
        }
        copy(b, out, {{"chargingProfileId", "id"}, {"evseId", "connectorId"}});
        if (purpose) {
            out["chargingProfilePurpose"] = *purpose;
        }
        copy(b, "stackLevel", out, "stackLevel");
        return OcppCall{"ClearChargingProfile", std::move(out)};
    }
    copy(b, "chargingProfileId", out, "chargingProfileId");
    json::object criteria;
    copy(b, "evseId", criteria, "evseId");
    if (purpose) {
        criteria["chargingProfilePurpose"] = *purpose;
    }
    copy(b, "stackLevel", criteria, "stackLevel");
    if (!criteria.empty()) {
        out["chargingProfileCriteria"] = std::move(criteria);
    }
    return OcppCall{"ClearChargingProfile", std::move(out)};
}

Translation get_composite_schedule(const json::object& b, Version v) {
    for (auto key : {"evseId", "duration"}) {
        if (auto f = require(b, key)) {
            return *f;
        }
    }
    json::object out;
    copy(b, "evseId", out, v == Version::v16 ? "connectorId" : "evseId");
    copy(b, out, {{"duration", "duration"}, {"chargingRateUnit", "chargingRateUnit"}});
    return OcppCall{"GetCompositeSchedule", std::move(out)};
}

} // namespace

const std::vector<Neutral>& all_neutral_commands() {
    static const std::vector<Neutral> all = [] {
        std::vector<Neutral> v;
        for (const auto& n : kNames) {
            v.push_back(n.command);
        }
        return v;
    }();
    return all;
}

std::string_view kebab_name(Neutral c) {
    for (const auto& n : kNames) {
        if (n.command == c) {
            return n.kebab;
        }
    }
    return "";
}

std::optional<Neutral> neutral_from_kebab(std::string_view name) {
    for (const auto& n : kNames) {
        if (n.kebab == name) {
            return n.command;
        }
    }
    return std::nullopt;
}

Translation translate(Neutral c, const json::object& b, Version v, const TranslateContext& ctx) {
    switch (c) {
    case Neutral::StartCharging:
        return start_charging(b, v, ctx);
    case Neutral::StopCharging:
        return stop_charging(b, v);
    case Neutral::Reset:
        return reset(b, v);
    case Neutral::UnlockConnector:
        return unlock_connector(b, v);
    case Neutral::ChangeAvailability:
        return change_availability(b, v);
    case Neutral::GetConfiguration:
        return get_configuration(b, v);
    case Neutral::SetConfiguration:
        return set_configuration(b, v);
    case Neutral::TriggerMessage:
        return trigger_message(b, v);
    case Neutral::ClearCache:
        return OcppCall{"ClearCache", {}};
    case Neutral::DataTransfer:
        return data_transfer(b, v);
    case Neutral::UploadDiagnostics:
        return upload_diagnostics(b, v, ctx);
    case Neutral::UpdateFirmware:
        return update_firmware(b, v, ctx);
    case Neutral::SendLocalList:
        return send_local_list(b, v);
    case Neutral::GetLocalListVersion:
        return OcppCall{"GetLocalListVersion", {}};
    case Neutral::Reserve:
        return reserve(b, v);
    case Neutral::CancelReservation:
        if (auto f = require(b, "reservationId")) {
            return *f;
        }
        return OcppCall{"CancelReservation", json::object{{"reservationId", *int_member(b, "reservationId")}}};
    case Neutral::SetChargingProfile:
        return set_charging_profile(b, v);
    case Neutral::ClearChargingProfile:
        return clear_charging_profile(b, v);
    case Neutral::GetCompositeSchedule:
        return get_composite_schedule(b, v);
    }
    return Untranslatable{"unknown command"};
}

std::optional<std::string> neutral_status(Neutral c, Version v, const json::value& result) {
    const auto* o = result.if_object();
    if (o == nullptr) {
        return std::nullopt;
    }
    std::optional<std::string> status = string_member(*o, "status");
    if (c == Neutral::GetConfiguration || c == Neutral::GetLocalListVersion) {
        return std::nullopt;
    }
    if (v == Version::v16 && c == Neutral::UploadDiagnostics) {
        // GetDiagnostics.conf names the file it will upload, or none when there is nothing to upload.
        return member(*o, "fileName") != nullptr ? "Accepted" : "Rejected";
    }
    if (v == Version::v16 && c == Neutral::UpdateFirmware) {
        return "Accepted"; // UpdateFirmware.conf is empty: the station took the request
    }
    if (v != Version::v16 && c == Neutral::SetConfiguration) {
        const auto* list = member(*o, "setVariableResult");
        if (list != nullptr && list->is_array() && !list->as_array().empty() && list->as_array()[0].is_object()) {
            status = string_member(list->as_array()[0].as_object(), "attributeStatus");
        }
    }
    if (!status) {
        return std::nullopt;
    }
    // 2.x spellings of the same outcome.
    if (*status == "AcceptedCanceled") {
        return "Accepted";
    }
    if (*status == "UnknownComponent" || *status == "UnknownVariable" || *status == "NotSupportedAttributeType") {
        return "NotSupported";
    }
    return status;
}

} // namespace recarga::manager::commands
