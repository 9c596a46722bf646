// OCPP 2.0.1 (and 2.1) Get15118EVCertificate, M02: an EV asks for a contract certificate; answered Failed until a
// certificate authority exists. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> get15118_ev_certificate(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    from_string("Failed", res.status);
    res.statusInfo.emplace();
    res.statusInfo->reasonCode = "NotSupported";
    res.statusInfo->additionalInfo = "no certificate authority is configured yet";
    res.exiResponse = "";
    return res;
}

} // namespace recarga::manager::v2x
