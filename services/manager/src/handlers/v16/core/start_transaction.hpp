// OCPP 1.6 StartTransaction: assigns the transactionId (a repeated start gets the same one) and answers the
// idTag's authorization. A start with a refused idTag is still recorded (the station has started already and
// will stop it), with the refusal in auth_status.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/StartTransaction.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::StartTransactionResponse> start_transaction(HandlerContext& ctx,
                                                                     const ocpp::v16::StartTransactionRequest& req);

} // namespace recarga::manager::v16
