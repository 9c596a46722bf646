// OCPP 2.0.1 (and 2.1) NotifyEVChargingSchedule, K17: the schedule an EV negotiated; stored and acknowledged. Stored as
// it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> notify_ev_charging_schedule(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    from_string("Accepted", res.status);
    return res;
}

} // namespace recarga::manager::v2x
