// OCPP 1.6 DiagnosticsStatusNotification: progress of a diagnostics upload. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/DiagnosticsStatusNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::DiagnosticsStatusNotificationResponse>
diagnostics_status_notification(HandlerContext& ctx, const ocpp::v16::DiagnosticsStatusNotificationRequest& req);

} // namespace recarga::manager::v16
