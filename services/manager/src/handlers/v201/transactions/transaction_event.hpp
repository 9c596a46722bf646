// OCPP 2.0.1 and 2.1 TransactionEvent, E01-E07, E12: the station's transaction (its own transactionId) started,
// updated or ended. Each (transaction, seqNo) is recorded once, so a repeated event changes nothing;
// events may arrive in any order (offline queues, two lanes, redelivery) and merge into one transaction
// row. Sampled values go to meter_values. When the event carries an idToken, the answer carries its
// idTokenInfo (C01 decision, C09 group status, ConcurrentTx). 2.1 is handled like 2.0.1: its additions
// (costDetails, preconditioningStatus, evseSleep, ...) are kept in the stored event payload only.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v201/TransactionEvent.hpp"
#include "recarga/ocpp/v21/TransactionEvent.hpp"

namespace recarga::manager::v2x {

// Instantiated for 2.0.1 and 2.1 in transaction_event.cpp.
template <class Request, class Response>
HandlerResult<Response> transaction_event(HandlerContext& ctx, const Request& req);

extern template HandlerResult<ocpp::v201::TransactionEventResponse>
transaction_event<ocpp::v201::TransactionEventRequest, ocpp::v201::TransactionEventResponse>(
    HandlerContext&, const ocpp::v201::TransactionEventRequest&);
extern template HandlerResult<ocpp::v21::TransactionEventResponse>
transaction_event<ocpp::v21::TransactionEventRequest, ocpp::v21::TransactionEventResponse>(
    HandlerContext&, const ocpp::v21::TransactionEventRequest&);

} // namespace recarga::manager::v2x
