#include "handlers/v16/security/log_status_notification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::LogStatusNotificationResponse>
log_status_notification(HandlerContext& ctx, const ocpp::v16::LogStatusNotificationRequest&) {
    ctx.events.record(ctx.call);
    ocpp::v16::LogStatusNotificationResponse res;
    return res;
}

} // namespace recarga::manager::v16
