// OCPP 2.0.1 TransactionEvent, E01-E07, E12: the station's transaction (its own transactionId) started,
// updated or ended. Each (transaction, seqNo) is recorded once, so a repeated event changes nothing;
// events may arrive in any order (offline queues, two lanes, redelivery) and merge into one transaction
// row. Sampled values go to meter_values. When the event carries an idToken, the answer carries its
// idTokenInfo (C01 decision).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v201/TransactionEvent.hpp"

namespace recarga::manager::v201 {

HandlerResult<ocpp::v201::TransactionEventResponse> transaction_event(HandlerContext& ctx,
                                                                      const ocpp::v201::TransactionEventRequest& req);

} // namespace recarga::manager::v201
