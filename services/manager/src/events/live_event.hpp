// Live events (api/openapi.yaml: GET /api/v1/events, webhooks): what operators and integrators are told about a
// station as it happens — connected, disconnected, connector status, transaction start and end, meter values,
// command answers. Pure functions: which events a handled envelope yields, their JSON form on the broker and
// in a Server-Sent Events frame, and the station filter. The broker side is in events/event_bus.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "recarga/envelope/envelope.hpp"

namespace recarga::manager::events {

namespace type {
inline constexpr std::string_view kStationConnected = "station.connected";
inline constexpr std::string_view kStationDisconnected = "station.disconnected";
inline constexpr std::string_view kConnectorStatus = "connector.status";
inline constexpr std::string_view kTransactionStarted = "transaction.started";
inline constexpr std::string_view kTransactionEnded = "transaction.ended";
inline constexpr std::string_view kMeterValues = "meter.values";
inline constexpr std::string_view kCommandAnswered = "command.answered";
} // namespace type

// Every event type, in the order of the API document.
const std::vector<std::string_view>& all_types();
bool is_type(std::string_view t);

struct LiveEvent {
    std::string type;
    std::string station;
    std::int64_t at_us = 0;     // when it happened (the gateway's receive time of the message)
    boost::json::object data;   // the type's own fields
    // transaction.started/ended: the station's transaction id whose Transaction the publisher fills into
    // data.transaction after the commit (the manager's row id is known only there).
    std::optional<std::string> transaction_key;
    // station.disconnected: published only if the disconnect took effect (the station did not connect again
    // meanwhile elsewhere); the publisher checks after the commit.
    bool needs_offline_check = false;
};

// The events a handled envelope yields: `in` is what the worker took from the ingress queue, `reply` what it
// answered (nullopt for lifecycle events). A CALL answered with a CALLERROR yields nothing.
std::vector<LiveEvent> events_from(const envelope::Envelope& in, const std::optional<envelope::Envelope>& reply);

// The events of a batch: the worker's envelopes and their replies, index for index. Called before the replies
// are sent (they are moved out then); published after the commit (LiveEventPublisher::publish_batch).
std::vector<LiveEvent> events_of_batch(const std::vector<envelope::Envelope>& in,
                                       const std::vector<std::optional<envelope::Envelope>>& replies);

// A command's result, as seen by the manager that sent it.
LiveEvent command_answered(const envelope::Envelope& result, std::string_view action);

// The public JSON form: {type, stationId, at, data}.
boost::json::object to_json(const LiveEvent& e);
// The body of one broker message: a JSON array of public events.
std::string encode(std::span<const LiveEvent> events);
// Parses a broker message body back into public events; nullopt when it is not an array of event objects.
std::optional<std::vector<boost::json::object>> decode(std::string_view body);

// One Server-Sent Events frame ("id: <id>\nevent: <type>\ndata: <json>\n\n"); the JSON is one line.
std::string sse_frame(std::string_view id, std::string_view type, std::string_view json);
inline constexpr std::string_view kKeepAlive = ": keep-alive\n\n";

// The stations an SSE client asked for (empty: all).
struct StationFilter {
    std::vector<std::string> stations;
    bool matches(std::string_view station) const;
};

// RFC 3339 UTC with milliseconds from unix microseconds.
std::string rfc3339_us(std::int64_t at_us);

} // namespace recarga::manager::events
