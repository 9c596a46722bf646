// OCPP 2.0.1 (and 2.1) NotifyDisplayMessages, O04: the display messages a station reports. Stored as it arrived
// (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> notify_display_messages(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
