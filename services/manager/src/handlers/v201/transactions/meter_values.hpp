// OCPP 2.0.1 and 2.1 MeterValues, J01: sampled values outside a transaction (transaction values travel in
// TransactionEvent), one row each, written with the batch's others; a repeated message adds nothing.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v201/MeterValues.hpp"
#include "recarga/ocpp/v21/MeterValues.hpp"

namespace recarga::manager::v2x {

// Instantiated for 2.0.1 and 2.1 in meter_values.cpp.
template <class Request, class Response> HandlerResult<Response> meter_values(HandlerContext& ctx, const Request& req);

extern template HandlerResult<ocpp::v201::MeterValuesResponse>
meter_values<ocpp::v201::MeterValuesRequest, ocpp::v201::MeterValuesResponse>(HandlerContext&,
                                                                               const ocpp::v201::MeterValuesRequest&);
extern template HandlerResult<ocpp::v21::MeterValuesResponse>
meter_values<ocpp::v21::MeterValuesRequest, ocpp::v21::MeterValuesResponse>(HandlerContext&,
                                                                             const ocpp::v21::MeterValuesRequest&);

} // namespace recarga::manager::v2x
