// Version-neutral commands (api/openapi.yaml: POST /api/v1/stations/{stationId}/commands/<kebab-case-name>) and
// their translation into the OCPP call of a station's version, and of the station's answer into a neutral status.
// Pure functions, unit-tested (tests/unit/translate_test.cpp); the HTTP side is api/commands_api.cpp.
//
// Conventions shared by all translations:
// - A 1.6 connector N is EVSE N with one connector (as the manager stores 1.6 StatusNotifications): the neutral
//   evseId becomes the 1.6 connectorId, and a neutral connectorId is accepted on 1.6 only when it is 1.
// - A neutral field without an equivalent in the station's version is never dropped: translate() answers
//   Untranslatable, which the API turns into 422 (/api/problems/not-translatable).
// - Identifiers the central system must choose (2.0.1 remoteStartId, GetLog/UpdateFirmware requestId) come in
//   TranslateContext::request_id, so the functions stay pure.
#pragma once

#include "recarga/ocpp/version.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace recarga::manager::commands {

enum class Neutral {
    StartCharging,
    StopCharging,
    Reset,
    UnlockConnector,
    ChangeAvailability,
    GetConfiguration,
    SetConfiguration,
    TriggerMessage,
    ClearCache,
    DataTransfer,
    UploadDiagnostics,
    UpdateFirmware,
    SendLocalList,
    GetLocalListVersion,
    Reserve,
    CancelReservation,
    SetChargingProfile,
    ClearChargingProfile,
    GetCompositeSchedule,
};

// Every neutral command, in the order of the API document.
const std::vector<Neutral>& all_neutral_commands();
// The kebab-case name in the API path ("start-charging"), and back (nullopt for a name that is not one).
std::string_view kebab_name(Neutral c);
std::optional<Neutral> neutral_from_kebab(std::string_view name);

struct TranslateContext {
    std::int64_t request_id = 1; // remoteStartId / requestId where the version needs one (positive)
};

struct OcppCall {
    std::string action;          // PascalCase OCPP action of the station's version
    boost::json::object payload; // its request payload
};

struct Untranslatable {
    std::string detail; // what has no equivalent, in words for the problem body
};

using Translation = std::variant<OcppCall, Untranslatable>;

// The OCPP call of `version` for the neutral command `c` with the (spec-validated) neutral body.
Translation translate(Neutral c, const boost::json::object& body, ocpp::Version version, const TranslateContext& ctx);

// The neutral status of the station's CALLRESULT payload for `c` (Accepted, Rejected, Scheduled, RebootRequired,
// NotSupported, Unlocked, UnlockFailed, Failed, ...); nullopt when the answer has none (get-configuration,
// get-local-list-version).
std::optional<std::string> neutral_status(Neutral c, ocpp::Version version, const boost::json::value& result);

} // namespace recarga::manager::commands
