// OCPP 2.0.1 (and 2.1) PublishFirmwareStatusNotification, L03: progress of publishing firmware to local stations.
// Stored as it arrived (station_events).
#pragma once

#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> publish_firmware_status_notification(HandlerContext& ctx, const Request&) {
    ctx.events.record(ctx.call);
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
