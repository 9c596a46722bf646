#include "handlers/v16/core/authorize.hpp"

#include "handlers/id_token_answers.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::AuthorizeResponse> authorize(HandlerContext& ctx, const ocpp::v16::AuthorizeRequest& req) {
    ocpp::v16::AuthorizeResponse res;
    res.idTagInfo =
        v16_id_tag_info<ocpp::v16::AuthorizeResponseIdTagInfo>(authorize_token(ctx, req.idTag, std::nullopt, true));
    return res;
}

} // namespace recarga::manager::v16
