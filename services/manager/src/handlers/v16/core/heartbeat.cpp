#include "handlers/v16/core/heartbeat.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::HeartbeatResponse> heartbeat(HandlerContext& ctx, const ocpp::v16::HeartbeatRequest&) {
    ocpp::v16::HeartbeatResponse res;
    res.currentTime = format_time(ctx.now);
    return res;
}

} // namespace recarga::manager::v16
