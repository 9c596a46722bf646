// OCPP 2.0.1 (and 2.1) NotifyChargingLimit, K12: an external charging limit set at the station. Stored as it arrived
// (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> notify_charging_limit(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
