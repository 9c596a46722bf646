// OCPP 2.0.1 (and 2.1) DataTransfer, P02: vendor-specific data. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

#include <algorithm>

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> data_transfer(HandlerContext& ctx, const Request& req) {
    ctx.events.record(ctx.call);
    Response res;
    const auto& vendors = ctx.config.data_transfer_vendors;
    const bool known = std::find(vendors.begin(), vendors.end(), req.vendorId) != vendors.end();
    // P02.FR.06: a vendorId the central system does not know is answered UnknownVendorId.
    from_string(known ? "Accepted" : "UnknownVendorId", res.status);
    return res;
}

} // namespace recarga::manager::v2x
