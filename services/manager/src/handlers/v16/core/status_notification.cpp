#include "handlers/v16/core/status_notification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::StatusNotificationResponse> status_notification(
    HandlerContext& ctx, const ocpp::v16::StatusNotificationRequest& req) {
    // 1.6 connector N is EVSE N with one connector; connector 0 stands for the whole station.
    const int n = static_cast<int>(req.connectorId);
    ConnectorStatus s{.evse_id = n,
                      .connector_id = n == 0 ? 0 : 1,
                      .status = std::string(ocpp::v16::to_string(req.status)),
                      .error_code = std::string(ocpp::v16::to_string(req.errorCode)),
                      .info = req.info,
                      .vendor_id = req.vendorId,
                      .vendor_error_code = req.vendorErrorCode,
                      .timestamp = req.timestamp};
    ctx.stations.record_status(ctx.call.station, s, ctx.call.message_id, ctx.call.trace_id);
    return ocpp::v16::StatusNotificationResponse{};
}

} // namespace recarga::manager::v16
