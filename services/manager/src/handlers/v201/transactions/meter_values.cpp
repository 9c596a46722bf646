#include "handlers/v201/transactions/meter_values.hpp"

#include "handlers/v201/transactions/meter_samples.hpp"

namespace recarga::manager::v2x {

template <class Request, class Response> HandlerResult<Response> meter_values(HandlerContext& ctx, const Request& req) {
    std::vector<MeterSample> samples;
    for (const auto& mv : req.meterValue) {
        v201::append_samples(mv, samples);
    }
    ctx.transactions.insert_meter_values(ctx.call.station, "", static_cast<int>(req.evseId), samples,
                                         ctx.call.trace_id);
    return Response{};
}

template HandlerResult<ocpp::v201::MeterValuesResponse>
meter_values<ocpp::v201::MeterValuesRequest, ocpp::v201::MeterValuesResponse>(HandlerContext&,
                                                                               const ocpp::v201::MeterValuesRequest&);
template HandlerResult<ocpp::v21::MeterValuesResponse>
meter_values<ocpp::v21::MeterValuesRequest, ocpp::v21::MeterValuesResponse>(HandlerContext&,
                                                                             const ocpp::v21::MeterValuesRequest&);

} // namespace recarga::manager::v2x
