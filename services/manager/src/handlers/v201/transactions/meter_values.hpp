// OCPP 2.0.1 MeterValues, J01: sampled values outside a transaction (transaction values travel in
// TransactionEvent), one row each, stored in one multi-row insert; a repeated message adds nothing.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v201/MeterValues.hpp"

namespace recarga::manager::v201 {

HandlerResult<ocpp::v201::MeterValuesResponse> meter_values(HandlerContext& ctx,
                                                            const ocpp::v201::MeterValuesRequest& req);

} // namespace recarga::manager::v201
