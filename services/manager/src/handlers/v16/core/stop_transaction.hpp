// OCPP 1.6 StopTransaction: ends the transaction with its meter reading and reason, stores transactionData,
// and answers the idTag's authorization when one is given. A repeated stop changes nothing; a stop of a
// transaction never started here is recorded (stop_without_start) and acknowledged, so that the station can
// empty its queue.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/StopTransaction.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::StopTransactionResponse> stop_transaction(HandlerContext& ctx,
                                                                   const ocpp::v16::StopTransactionRequest& req);

} // namespace recarga::manager::v16
