#include "handlers/v16/security/signed_firmware_status_notification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::SignedFirmwareStatusNotificationResponse>
signed_firmware_status_notification(HandlerContext& ctx, const ocpp::v16::SignedFirmwareStatusNotificationRequest&) {
    ctx.events.record(ctx.call);
    ocpp::v16::SignedFirmwareStatusNotificationResponse res;
    return res;
}

} // namespace recarga::manager::v16
