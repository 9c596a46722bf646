// OCPP 2.0.1 (and 2.1) SignCertificate, A02: a certificate signing request; answered Rejected until a certificate
// authority exists. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response> HandlerResult<Response> sign_certificate(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    from_string("Rejected", res.status);
    res.statusInfo.emplace();
    res.statusInfo->reasonCode = "NotSupported";
    res.statusInfo->additionalInfo = "no certificate authority is configured yet";
    return res;
}

} // namespace recarga::manager::v2x
