// OCPP 1.6 Authorize: is this idTag allowed to charge at this station? Answers idTagInfo from the token store.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/Authorize.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::AuthorizeResponse> authorize(HandlerContext& ctx, const ocpp::v16::AuthorizeRequest& req);

} // namespace recarga::manager::v16
