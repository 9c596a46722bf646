#include "handlers/v16/core/meter_values.hpp"

#include "handlers/v16/core/meter_samples.hpp"

namespace recarga::manager::v16 {

HandlerResult<ocpp::v16::MeterValuesResponse> meter_values(HandlerContext& ctx,
                                                           const ocpp::v16::MeterValuesRequest& req) {
    std::vector<MeterSample> samples;
    for (const auto& mv : req.meterValue) {
        append_samples(mv, samples);
    }
    ctx.transactions.insert_meter_values(ctx.call.station, req.transactionId ? std::to_string(*req.transactionId) : "",
                                         static_cast<int>(req.connectorId), samples, ctx.call.trace_id);
    return ocpp::v16::MeterValuesResponse{};
}

} // namespace recarga::manager::v16
