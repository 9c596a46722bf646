// OCPP 2.0.1 (and 2.1) NotifyEVChargingNeeds, K15: charging needs of an EV (ISO 15118); answered Rejected until smart
// charging exists. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> notify_ev_charging_needs(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    from_string("Rejected", res.status);
    res.statusInfo.emplace();
    res.statusInfo->reasonCode = "NotSupported";
    res.statusInfo->additionalInfo = "smart charging is not available yet";
    return res;
}

} // namespace recarga::manager::v2x
