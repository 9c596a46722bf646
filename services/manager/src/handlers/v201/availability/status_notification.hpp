// OCPP 2.0.1 (and 2.1) StatusNotification, G01: the status of one connector of one EVSE.
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> status_notification(HandlerContext& ctx, const Request& req) {
    ConnectorStatus s{.evse_id = static_cast<int>(req.evseId),
                      .connector_id = static_cast<int>(req.connectorId),
                      .status = std::string(to_string(req.connectorStatus)),
                      .error_code = std::nullopt,
                      .info = std::nullopt,
                      .vendor_id = std::nullopt,
                      .vendor_error_code = std::nullopt,
                      .timestamp = req.timestamp};
    ctx.stations.record_status(ctx.call.station, s, ctx.call.message_id, ctx.call.trace_id);
    return Response{};
}

} // namespace recarga::manager::v2x
