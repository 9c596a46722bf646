#include "handlers/v16/security/sign_certificate.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::SignCertificateResponse> sign_certificate(HandlerContext& ctx,
                                                                   const ocpp::v16::SignCertificateRequest&) {
    ctx.events.record(ctx.call);
    ocpp::v16::SignCertificateResponse res;
    ocpp::v16::from_string("Rejected", res.status);
    return res;
}

} // namespace recarga::manager::v16
