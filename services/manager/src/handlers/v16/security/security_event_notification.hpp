// OCPP 1.6 SecurityEventNotification: a security event at the station (security whitepaper). Stored as it arrived
// (station_events).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/SecurityEventNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::SecurityEventNotificationResponse>
security_event_notification(HandlerContext& ctx, const ocpp::v16::SecurityEventNotificationRequest& req);

} // namespace recarga::manager::v16
