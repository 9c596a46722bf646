// OCPP 1.6 Heartbeat: answers the central system's time; last-seen is recorded for every call.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/Heartbeat.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::HeartbeatResponse> heartbeat(HandlerContext& ctx, const ocpp::v16::HeartbeatRequest& req);

} // namespace recarga::manager::v16
