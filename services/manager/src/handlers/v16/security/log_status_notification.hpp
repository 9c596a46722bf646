// OCPP 1.6 LogStatusNotification: progress of a log upload (security whitepaper). Stored as it arrived
// (station_events).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/LogStatusNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::LogStatusNotificationResponse>
log_status_notification(HandlerContext& ctx, const ocpp::v16::LogStatusNotificationRequest& req);

} // namespace recarga::manager::v16
