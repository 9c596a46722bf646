// OCPP 2.0.1 (and 2.1) LogStatusNotification, N01: progress of a log upload. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> log_status_notification(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
