#include "handlers/v16/core/stop_transaction.hpp"

#include "handlers/id_token_answers.hpp"
#include "handlers/v16/core/meter_samples.hpp"

#include <spdlog/spdlog.h>

namespace recarga::manager::v16 {

namespace o = ocpp::v16;

HandlerResult<o::StopTransactionResponse> stop_transaction(HandlerContext& ctx, const o::StopTransactionRequest& req) {
    const auto outcome = ctx.transactions.stop_v16(
        StopV16{.station = ctx.call.station,
                .transaction_id = req.transactionId,
                .id_tag = req.idTag,
                .meter_stop_wh = static_cast<double>(req.meterStop),
                .timestamp = req.timestamp,
                // 1.6: when reason is absent, Local is assumed.
                .reason = req.reason ? std::string(o::to_string(*req.reason)) : std::string("Local"),
                .trace_id = ctx.call.trace_id});
    if (outcome == StopOutcome::NotStartedHere) {
        spdlog::warn("station={} traceId={} StopTransaction of unknown transaction {}", ctx.call.station,
                     ctx.call.trace_id, req.transactionId);
    }
    if (req.transactionData) {
        std::vector<MeterSample> samples;
        for (const auto& mv : *req.transactionData) {
            append_samples(mv, samples);
        }
        const std::string tx_id = std::to_string(req.transactionId);
        ctx.transactions.insert_meter_values(ctx.call.station, tx_id,
                                             ctx.transactions.evse_of(ctx.call.station, tx_id).value_or(0), samples,
                                             ctx.call.trace_id);
    }
    o::StopTransactionResponse res;
    if (req.idTag) {
        res.idTagInfo =
            v16_id_tag_info<o::StopTransactionResponseIdTagInfo>(authorize_token(ctx, *req.idTag, std::nullopt));
    }
    return res;
}

} // namespace recarga::manager::v16
