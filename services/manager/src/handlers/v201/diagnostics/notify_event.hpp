// OCPP 2.0.1 (and 2.1) NotifyEvent, N07: device-model events (alerts, monitors, HardWiredNotification). Stored
// as it arrived (station_events), once per event (device_model_events), and each event's actualValue becomes
// the variable's Actual attribute unless a newer one is known.
#pragma once

#include "handlers/context.hpp"
#include "handlers/v201/provisioning/variable_key.hpp"

#include <vector>

namespace recarga::manager::v2x {

template <class Request, class Response> HandlerResult<Response> notify_event(HandlerContext& ctx, const Request& req) {
    ctx.events.record(ctx.call);
    std::vector<DeviceEventRow> rows;
    rows.reserve(req.eventData.size());
    for (const auto& e : req.eventData) {
        DeviceEventRow r;
        r.key = variable_key(e.component, e.variable);
        r.event_id = e.eventId;
        r.timestamp = e.timestamp;
        r.trigger = std::string(to_string(e.trigger));
        r.notification_type = std::string(to_string(e.eventNotificationType));
        r.cause = e.cause;
        r.actual_value = e.actualValue;
        r.tech_code = e.techCode;
        r.tech_info = e.techInfo;
        r.cleared = e.cleared;
        r.transaction_id = e.transactionId;
        r.monitoring_id = e.variableMonitoringId;
        rows.push_back(std::move(r));
    }
    ctx.device_model.record_events(ctx.call.station, rows, ctx.call.trace_id);
    return Response{};
}

} // namespace recarga::manager::v2x
