// Names on the broker shared by gateway and manager: the single place where docs/contracts/amqp.md
// becomes code. Change both together.
#pragma once

#include <string>
#include <string_view>

namespace recarga::envelope {

// Direct exchange that gateways publish station traffic to; the routing key is the lane.
inline constexpr std::string_view kIngressExchange = "recarga.ingress";
// Lanes: decisions a driver waits for, and everything else (telemetry, status, heartbeats).
inline constexpr std::string_view kLanePriority = "priority";
inline constexpr std::string_view kLaneBulk = "bulk";
// Durable queues the managers consume (competing consumers), one per lane.
inline constexpr std::string_view kPriorityQueue = "recarga.manager.priority";
inline constexpr std::string_view kBulkQueue = "recarga.manager.bulk";
// Content type of every message body: a JSON array of envelopes (a batch).
inline constexpr std::string_view kContentType = "application/vnd.recarga.batch+json";

// The queue a gateway instance consumes its replies and commands from.
std::string gateway_queue(std::string_view gateway_id);

// The lane for a station-initiated action: the driver-facing decisions go to the priority lane.
std::string_view lane_for_action(std::string_view action) noexcept;

} // namespace recarga::envelope
