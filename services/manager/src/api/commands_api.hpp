// REST resources for CSMS-initiated commands (api/openapi.yaml, tag commands): the raw passthrough
// POST /api/v1/stations/{stationId}/commands/{action} (a PascalCase OCPP action and the payload of the
// station's version), the version-neutral POST /api/v1/stations/{stationId}/commands/<kebab-case-name>
// (translated by commands/translate.cpp), and the command records GET /api/v1/commands[/{commandId}].
//
// Every command that passes validation is recorded (store/command_store.hpp) and then, per the query:
// sent and waited for (200 with the station's answer); sent in the background (async=true: 202 with the
// record); or kept in the station's durable outbox (deliver=queue: 202), which commands/outbox.cpp delivers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include <boost/json/object.hpp>
#include <pqxx/connection>

#include "api/call.hpp"
#include "commands/translate.hpp"
#include "recarga/envelope/envelope.hpp"
#include "recarga/ocpp/version.hpp"

namespace recarga::manager::api {

// Route handlers (api/router.cpp).
Response raw_command(Call& c);     // /stations/{stationId}/commands/{action}
Response neutral_command(Call& c); // /stations/{stationId}/commands/<name>, the name taken from the path
Response list_commands(Call& c);
Response get_command(Call& c);

// The HTTP response for a command's result envelope (pure; unit-tested). For a neutral command, `status` is the
// neutral status of the answer (commands::neutral_status), absent when it has none.
Response command_response(const envelope::Envelope& result);
Response command_response(const envelope::Envelope& result, commands::Neutral neutral, ocpp::Version version);

// A command ready to send: the OCPP action and payload of the station's version.
struct PreparedCall {
    std::string action;
    boost::json::object payload;
};

// Checks (raw: `command` is the OCPP action) or translates (neutral: `command` is its kebab-case name) a
// command's body for `version`; the call, or the problem to answer (400 raw payload refused by the schema,
// 404 unknown action, 422 neutral field without an equivalent). `request_id` becomes the 2.x remoteStartId or
// requestId where one is needed.
std::variant<PreparedCall, Response> prepare_command(const std::string& command, const boost::json::value& body,
                                                     ocpp::Version version, std::int64_t request_id);

// Sends the recorded command `id` (marked sent first) to the station through the gateway that holds it now,
// waits for the answer and records it. With `requeue_when_offline` (the outbox), a station that turns out
// not to be connected puts the command back in the outbox instead of failing it; the result is then nullopt.
std::optional<Response> execute_recorded(const Config& config, pqxx::connection& db, std::int64_t id,
                                         const std::string& station, const std::string& command,
                                         const PreparedCall& call, ocpp::Version version, std::int64_t timeout_ms,
                                         bool requeue_when_offline = false);

} // namespace recarga::manager::api
