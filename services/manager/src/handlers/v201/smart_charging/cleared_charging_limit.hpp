// OCPP 2.0.1 (and 2.1) ClearedChargingLimit, K13: the charging limit a station reports cleared. Stored as it arrived
// (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> cleared_charging_limit(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
