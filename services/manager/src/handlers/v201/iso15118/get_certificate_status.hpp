// OCPP 2.0.1 (and 2.1) GetCertificateStatus, M06: OCSP status of a certificate; answered Failed until a certificate
// authority exists. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> get_certificate_status(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    from_string("Failed", res.status);
    res.statusInfo.emplace();
    res.statusInfo->reasonCode = "NotSupported";
    res.statusInfo->additionalInfo = "no OCSP responder is configured yet";
    return res;
}

} // namespace recarga::manager::v2x
