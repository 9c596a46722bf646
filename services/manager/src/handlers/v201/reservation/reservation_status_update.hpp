// OCPP 2.0.1 (and 2.1) ReservationStatusUpdate, H02: a reservation expired or was removed. Stored as it arrived
// (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> reservation_status_update(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
