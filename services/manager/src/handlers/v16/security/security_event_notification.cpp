#include "handlers/v16/security/security_event_notification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::SecurityEventNotificationResponse>
security_event_notification(HandlerContext& ctx, const ocpp::v16::SecurityEventNotificationRequest&) {
    ctx.events.record(ctx.call);
    ocpp::v16::SecurityEventNotificationResponse res;
    return res;
}

} // namespace recarga::manager::v16
