#include "handlers/v16/core/boot_notification.hpp"

#include "domain/registration.hpp"

namespace recarga::manager::v16 {

namespace o = ocpp::v16;

HandlerResult<o::BootNotificationResponse> boot_notification(HandlerContext& ctx, const o::BootNotificationRequest& req) {
    const auto& station = ctx.call.station;
    auto decision = decide_boot(ctx.registration_status, ctx.config.unknown_station_status,
                                ctx.config.heartbeat_interval_s, ctx.config.boot_retry_interval_s);
    if (decision.register_station) {
        ctx.stations.register_station(station, decision.status);
    }
    if (decision.register_station || ctx.registration_status) {
        BootInfo info{.protocol = ctx.call.protocol,
                      .vendor = req.chargePointVendor,
                      .model = req.chargePointModel,
                      // 1.6 has two serial numbers; chargePointSerialNumber names the station itself.
                      .serial_number = req.chargePointSerialNumber ? req.chargePointSerialNumber
                                                                   : req.chargeBoxSerialNumber,
                      .firmware_version = req.firmwareVersion,
                      .iccid = req.iccid,
                      .imsi = req.imsi,
                      .meter_type = req.meterType,
                      .meter_serial_number = req.meterSerialNumber,
                      .reason = std::nullopt};
        ctx.stations.record_boot(station, info, ctx.call.trace_id);
    }
    o::BootNotificationResponse res;
    o::from_string(decision.status, res.status);
    res.currentTime = format_time(ctx.now);
    res.interval = static_cast<double>(decision.interval_s);
    return res;
}

} // namespace recarga::manager::v16
