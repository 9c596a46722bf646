// OCPP 1.6 SignedFirmwareStatusNotification: progress of a signed firmware update (security whitepaper). Stored as it
// arrived (station_events).
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/SignedFirmwareStatusNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::SignedFirmwareStatusNotificationResponse>
signed_firmware_status_notification(HandlerContext& ctx, const ocpp::v16::SignedFirmwareStatusNotificationRequest& req);

} // namespace recarga::manager::v16
