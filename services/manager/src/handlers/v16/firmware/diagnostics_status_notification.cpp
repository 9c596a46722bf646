#include "handlers/v16/firmware/diagnostics_status_notification.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::DiagnosticsStatusNotificationResponse>
diagnostics_status_notification(HandlerContext& ctx, const ocpp::v16::DiagnosticsStatusNotificationRequest&) {
    ctx.events.record(ctx.call);
    ocpp::v16::DiagnosticsStatusNotificationResponse res;
    return res;
}

} // namespace recarga::manager::v16
