// Sample version-neutral command bodies (one per command of api/openapi.yaml's
// /api/v1/stations/{stationId}/commands/<name>, valid for a 1.6 and a 2.x station alike) and the answer a
// well-behaved station gives to each OCPP action they become. Shared by the unit tests of the translation
// (tests/unit/translate_test.cpp) and the end-to-end command tests (tests/integration/neutral_commands_test.cpp).
#pragma once

#include <string_view>

namespace recarga::test {

struct CommandSample {
    std::string_view command;  // kebab-case name
    std::string_view body;     // neutral request body
    std::string_view action16; // what a 1.6 station receives
    std::string_view action2x; // what a 2.0.1 / 2.1 station receives
    std::string_view status16; // neutral status of answer16 ("" = none)
    std::string_view status2x; // neutral status of answer2x ("" = none)
};

inline constexpr CommandSample kCommandSamples[] = {
    {"start-charging", R"({"evseId":1,"idToken":{"idToken":"TAG1"}})", "RemoteStartTransaction",
     "RequestStartTransaction", "Accepted", "Accepted"},
    {"stop-charging", R"({"transactionId":"42"})", "RemoteStopTransaction", "RequestStopTransaction", "Rejected",
     "Rejected"},
    {"reset", R"({"type":"OnIdle"})", "Reset", "Reset", "Accepted", "Scheduled"},
    {"unlock-connector", R"({"evseId":1,"connectorId":1})", "UnlockConnector", "UnlockConnector", "Unlocked",
     "Unlocked"},
    {"change-availability", R"({"evseId":1,"operational":false})", "ChangeAvailability", "ChangeAvailability",
     "Scheduled", "Accepted"},
    {"get-configuration", R"({"keys":["OCPPCommCtrlr/HeartbeatInterval"]})", "GetConfiguration", "GetVariables", "",
     ""},
    {"set-configuration", R"({"key":"OCPPCommCtrlr/HeartbeatInterval","value":"120"})", "ChangeConfiguration",
     "SetVariables", "RebootRequired", "RebootRequired"},
    {"trigger-message", R"({"message":"Heartbeat"})", "TriggerMessage", "TriggerMessage", "Accepted", "Accepted"},
    {"clear-cache", R"({})", "ClearCache", "ClearCache", "Accepted", "Rejected"},
    {"data-transfer", R"({"vendorId":"com.example","messageId":"ping","data":"hello"})", "DataTransfer", "DataTransfer",
     "Accepted", "UnknownVendorId"},
    {"upload-diagnostics", R"({"location":"ftp://logs.example.com/up"})", "GetDiagnostics", "GetLog", "Accepted",
     "Accepted"},
    {"update-firmware", R"({"location":"https://fw.example.com/fw.bin","retrieveAt":"2026-01-01T00:00:00Z"})",
     "UpdateFirmware", "UpdateFirmware", "Accepted", "Accepted"},
    {"send-local-list",
     R"({"listVersion":3,"updateType":"Full","entries":[{"idToken":{"idToken":"TAG1"},"status":"Accepted"}]})",
     "SendLocalList", "SendLocalList", "Accepted", "Accepted"},
    {"get-local-list-version", R"({})", "GetLocalListVersion", "GetLocalListVersion", "", ""},
    {"reserve", R"({"reservationId":7,"expiresAt":"2026-01-01T01:00:00Z","idToken":{"idToken":"TAG1"},"evseId":1})",
     "ReserveNow", "ReserveNow", "Occupied", "Accepted"},
    {"cancel-reservation", R"({"reservationId":7})", "CancelReservation", "CancelReservation", "Accepted", "Rejected"},
    {"set-charging-profile",
     R"({"evseId":1,"chargingProfile":{"id":5,"stackLevel":0,"purpose":"TxDefaultProfile","kind":"Absolute",)"
     R"("schedule":{"chargingRateUnit":"A","startSchedule":"2026-01-01T00:00:00Z","periods":[{"startPeriod":0,"limit":16}]}}})",
     "SetChargingProfile", "SetChargingProfile", "Accepted", "Accepted"},
    {"clear-charging-profile", R"({"chargingProfileId":5})", "ClearChargingProfile", "ClearChargingProfile", "Unknown",
     "Accepted"},
    {"get-composite-schedule", R"({"evseId":1,"duration":3600,"chargingRateUnit":"W"})", "GetCompositeSchedule",
     "GetCompositeSchedule", "Rejected", "Rejected"},
};

// The CALLRESULT payload a station answers `action` with (JSON text), per version.
inline std::string_view sample_answer(bool v16, std::string_view action) {
    struct A {
        std::string_view action, v16, v2x;
    };
    static constexpr A answers[] = {
        {"RemoteStartTransaction", R"({"status":"Accepted"})", ""},
        {"RequestStartTransaction", "", R"({"status":"Accepted"})"},
        {"RemoteStopTransaction", R"({"status":"Rejected"})", ""},
        {"RequestStopTransaction", "", R"({"status":"Rejected"})"},
        {"Reset", R"({"status":"Accepted"})", R"({"status":"Scheduled"})"},
        {"UnlockConnector", R"({"status":"Unlocked"})", R"({"status":"Unlocked"})"},
        {"ChangeAvailability", R"({"status":"Scheduled"})", R"({"status":"Accepted"})"},
        {"GetConfiguration",
         R"({"configurationKey":[{"key":"OCPPCommCtrlr/HeartbeatInterval","readonly":false,"value":"300"}]})", ""},
        {"GetVariables", "",
         R"({"getVariableResult":[{"attributeStatus":"Accepted","attributeValue":"300","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]})"},
        {"ChangeConfiguration", R"({"status":"RebootRequired"})", ""},
        {"SetVariables", "",
         R"({"setVariableResult":[{"attributeStatus":"RebootRequired","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]})"},
        {"TriggerMessage", R"({"status":"Accepted"})", R"({"status":"Accepted"})"},
        {"ClearCache", R"({"status":"Accepted"})", R"({"status":"Rejected"})"},
        {"DataTransfer", R"({"status":"Accepted","data":"pong"})", R"({"status":"UnknownVendorId"})"},
        {"GetDiagnostics", R"({"fileName":"diag.log"})", ""},
        {"GetLog", "", R"({"status":"AcceptedCanceled","filename":"log.txt"})"},
        {"UpdateFirmware", R"({})", R"({"status":"Accepted"})"},
        {"SendLocalList", R"({"status":"Accepted"})", R"({"status":"Accepted"})"},
        {"GetLocalListVersion", R"({"listVersion":3})", R"({"versionNumber":3})"},
        {"ReserveNow", R"({"status":"Occupied"})", R"({"status":"Accepted"})"},
        {"CancelReservation", R"({"status":"Accepted"})", R"({"status":"Rejected"})"},
        {"SetChargingProfile", R"({"status":"Accepted"})", R"({"status":"Accepted"})"},
        {"ClearChargingProfile", R"({"status":"Unknown"})", R"({"status":"Accepted"})"},
        {"GetCompositeSchedule", R"({"status":"Rejected"})", R"({"status":"Rejected"})"},
    };
    for (const auto& a : answers) {
        if (a.action == action) {
            return v16 ? a.v16 : a.v2x;
        }
    }
    return "";
}

} // namespace recarga::test
