// OCPP 1.6 FirmwareStatusNotification: progress of a firmware update. Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/FirmwareStatusNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::FirmwareStatusNotificationResponse>
firmware_status_notification(HandlerContext& ctx, const ocpp::v16::FirmwareStatusNotificationRequest& req);

} // namespace recarga::manager::v16
