// OCPP 1.6 DataTransfer from a station: stored as it arrived; answered Accepted for the vendorIds configured
// (RECARGA_DATA_TRANSFER_VENDORS), UnknownVendorId for any other.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/DataTransfer.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::DataTransferResponse> data_transfer(HandlerContext& ctx,
                                                             const ocpp::v16::DataTransferRequest& req);

} // namespace recarga::manager::v16
