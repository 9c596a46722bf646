// OCPP 1.6 StatusNotification: the status of the station (connector 0) or of one connector.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/StatusNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::StatusNotificationResponse> status_notification(
    HandlerContext& ctx, const ocpp::v16::StatusNotificationRequest& req);

} // namespace recarga::manager::v16
