// OCPP 2.0.1 (and 2.1) Heartbeat, G02: answers the central system's time; last-seen is recorded for every call.
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response> HandlerResult<Response> heartbeat(HandlerContext& ctx, const Request&) {
    Response res;
    res.currentTime = format_time(ctx.now);
    return res;
}

} // namespace recarga::manager::v2x
