#include "handlers/v16/core/data_transfer.hpp"

#include <algorithm>

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::DataTransferResponse> data_transfer(HandlerContext& ctx,
                                                             const ocpp::v16::DataTransferRequest& req) {
    ctx.events.record(ctx.call);
    const auto& vendors = ctx.config.data_transfer_vendors;
    const bool known = std::find(vendors.begin(), vendors.end(), req.vendorId) != vendors.end();
    ocpp::v16::DataTransferResponse res;
    ocpp::v16::from_string(known ? "Accepted" : "UnknownVendorId", res.status);
    return res;
}

} // namespace recarga::manager::v16
