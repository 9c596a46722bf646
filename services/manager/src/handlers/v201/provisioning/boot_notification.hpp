// OCPP 2.0.1 (and 2.1) BootNotification, B01-B03: registers or refuses the station and records its identity.
// Written once for both versions, whose BootNotification payloads have the same fields.
#pragma once

#include "domain/registration.hpp"
#include "handlers/context.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> boot_notification(HandlerContext& ctx, const Request& req) {
    const auto& station = ctx.call.station;
    auto decision = decide_boot(ctx.registration_status, ctx.config.unknown_station_status,
                                ctx.config.heartbeat_interval_s, ctx.config.boot_retry_interval_s);
    if (decision.register_station) {
        ctx.stations.register_station(station, decision.status);
    }
    if (decision.register_station || ctx.registration_status) {
        const auto& cs = req.chargingStation;
        BootInfo info{.protocol = ctx.call.protocol,
                      .vendor = cs.vendorName,
                      .model = cs.model,
                      .serial_number = cs.serialNumber,
                      .firmware_version = cs.firmwareVersion,
                      .iccid = cs.modem ? cs.modem->iccid : std::nullopt,
                      .imsi = cs.modem ? cs.modem->imsi : std::nullopt,
                      .meter_type = std::nullopt,
                      .meter_serial_number = std::nullopt,
                      .reason = std::string(to_string(req.reason))};
        ctx.stations.record_boot(station, info, ctx.call.trace_id);
    }
    Response res;
    from_string(decision.status, res.status);
    res.currentTime = format_time(ctx.now);
    res.interval = decision.interval_s; // B01.FR.04: heartbeat interval when Accepted, retry interval otherwise
    return res;
}

} // namespace recarga::manager::v2x
