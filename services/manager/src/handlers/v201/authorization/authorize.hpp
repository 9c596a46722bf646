// OCPP 2.0.1 (and 2.1) Authorize, C01: is this id token allowed to charge at this station? Answers
// idTokenInfo from the token store (status, cache expiry, group). Certificates (ISO 15118 contract
// certificates, iso15118CertificateHashData) are not checked yet: certificateStatus is left out.
#pragma once

#include "handlers/context.hpp"
#include "handlers/id_token_answers.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response> HandlerResult<Response> authorize(HandlerContext& ctx, const Request& req) {
    auto decision = authorize_token(ctx, req.idToken.idToken, token_type_name(req.idToken.type), true);
    Response res;
    res.idTokenInfo = v2x_id_token_info<decltype(res.idTokenInfo)>(decision);
    return res;
}

} // namespace recarga::manager::v2x
