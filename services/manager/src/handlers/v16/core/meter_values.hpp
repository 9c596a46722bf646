// OCPP 1.6 MeterValues: every sampled value of every meterValue element, one row each, for the transaction
// named (or outside any). Stored in one multi-row insert; a repeated message adds nothing.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/MeterValues.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::MeterValuesResponse> meter_values(HandlerContext& ctx,
                                                           const ocpp::v16::MeterValuesRequest& req);

} // namespace recarga::manager::v16
