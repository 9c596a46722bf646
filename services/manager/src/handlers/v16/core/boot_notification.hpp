// OCPP 1.6 BootNotification: registers or refuses the station and records what it says about itself.
#pragma once

#include "handlers/context.hpp"
#include "recarga/ocpp/v16/BootNotification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::BootNotificationResponse> boot_notification(HandlerContext& ctx,
                                                                     const ocpp::v16::BootNotificationRequest& req);

} // namespace recarga::manager::v16
