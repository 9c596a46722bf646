#include "handlers/v16/core/start_transaction.hpp"

#include "handlers/id_token_answers.hpp"

namespace recarga::manager::v16 {

namespace o = ocpp::v16;

HandlerResult<o::StartTransactionResponse> start_transaction(HandlerContext& ctx,
                                                             const o::StartTransactionRequest& req) {
    if (req.connectorId <= 0) {
        return ocpp::RpcError{ocpp::ErrorKind::PropertyConstraintViolation, "connectorId must be greater than 0"};
    }
    auto decision = authorize_token(ctx, req.idTag, std::nullopt, true);
    o::StartTransactionResponse res;
    res.idTagInfo = v16_id_tag_info<o::StartTransactionResponseIdTagInfo>(decision);
    res.transactionId = ctx.transactions.start_v16(StartV16{.station = ctx.call.station,
                                                            .evse_id = static_cast<int>(req.connectorId),
                                                            .id_tag = req.idTag,
                                                            .auth_status = std::string(v16_status(decision.status)),
                                                            .meter_start_wh = static_cast<double>(req.meterStart),
                                                            .timestamp = req.timestamp,
                                                            .reservation_id = req.reservationId,
                                                            .trace_id = ctx.call.trace_id});
    return res;
}

} // namespace recarga::manager::v16
