// OCPP 1.6 SignCertificate: a certificate signing request (security whitepaper); answered Rejected until a certificate
// authority exists. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/SignCertificate.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::SignCertificateResponse> sign_certificate(HandlerContext& ctx,
                                                                   const ocpp::v16::SignCertificateRequest& req);

} // namespace recarga::manager::v16
