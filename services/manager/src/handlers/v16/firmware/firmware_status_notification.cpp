#include "handlers/v16/firmware/firmware_status_notification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::FirmwareStatusNotificationResponse>
firmware_status_notification(HandlerContext& ctx, const ocpp::v16::FirmwareStatusNotificationRequest&) {
    ctx.events.record(ctx.call);
    ocpp::v16::FirmwareStatusNotificationResponse res;
    return res;
}

} // namespace recarga::manager::v16
