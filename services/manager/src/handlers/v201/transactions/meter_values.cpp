#include "handlers/v201/transactions/meter_values.hpp"

#include "handlers/v201/transactions/meter_samples.hpp"

namespace recarga::manager::v201 {

HandlerResult<ocpp::v201::MeterValuesResponse> meter_values(HandlerContext& ctx,
                                                            const ocpp::v201::MeterValuesRequest& req) {
    std::vector<MeterSample> samples;
    for (const auto& mv : req.meterValue) {
        append_samples(mv, samples);
    }
    ctx.transactions.insert_meter_values(ctx.call.station, "", static_cast<int>(req.evseId), samples,
                                         ctx.call.trace_id);
    return ocpp::v201::MeterValuesResponse{};
}

} // namespace recarga::manager::v201
