#include "handlers/v201/transactions/transaction_event.hpp"

#include "handlers/id_token_answers.hpp"
#include "handlers/v201/transactions/meter_samples.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

namespace recarga::manager::v201 {

namespace o = ocpp::v201;

HandlerResult<o::TransactionEventResponse> transaction_event(HandlerContext& ctx,
                                                             const o::TransactionEventRequest& req) {
    std::vector<MeterSample> samples;
    if (req.meterValue) {
        for (const auto& mv : *req.meterValue) {
            append_samples(mv, samples);
        }
    }
    const std::string event_type(o::to_string(req.eventType));
    const auto& info = req.transactionInfo;
    TxEventRecord rec;
    rec.station = ctx.call.station;
    rec.transaction_id = info.transactionId;
    rec.seq_no = req.seqNo;
    rec.event_type = event_type;
    rec.trigger_reason = std::string(o::to_string(req.triggerReason));
    rec.timestamp = req.timestamp;
    rec.offline = req.offline.value_or(false);
    rec.payload_json = boost::json::serialize(ctx.call.payload);
    if (req.evse) {
        rec.evse_id = static_cast<int>(req.evse->id);
        if (req.evse->connectorId) {
            rec.connector_id = static_cast<int>(*req.evse->connectorId);
        }
    }
    if (info.chargingState) {
        rec.charging_state = std::string(o::to_string(*info.chargingState));
    }
    if (info.stoppedReason) {
        rec.stopped_reason = std::string(o::to_string(*info.stoppedReason));
    } else if (req.eventType == o::TransactionEventEnumType::Ended) {
        rec.stopped_reason = "Local"; // E06: stoppedReason may be omitted when it is Local
    }
    rec.remote_start_id = info.remoteStartId;
    rec.reservation_id = req.reservationId;
    for (const auto& s : samples) {
        if (auto wh = register_wh(s)) {
            rec.min_register_wh = std::min(rec.min_register_wh.value_or(*wh), *wh);
            rec.max_register_wh = std::max(rec.max_register_wh.value_or(*wh), *wh);
        }
    }
    rec.message_id = ctx.call.message_id;
    rec.trace_id = ctx.call.trace_id;

    o::TransactionEventResponse res;
    if (req.idToken) {
        const std::string type(o::to_string(req.idToken->type));
        auto decision = authorize_token(ctx, req.idToken->idToken, type, true);
        if (req.eventType == o::TransactionEventEnumType::Ended) {
            rec.stop_id_token = req.idToken->idToken;
        } else {
            rec.id_token = req.idToken->idToken;
            rec.id_token_type = type;
            rec.auth_status = std::string(v2x_status(decision.status));
        }
        res.idTokenInfo = v2x_id_token_info<o::IdTokenInfoType>(decision);
    }
    if (auto evse = ctx.transactions.record_event(rec)) {
        ctx.transactions.insert_meter_values(ctx.call.station, info.transactionId, *evse, samples, ctx.call.trace_id);
    }
    return res;
}

} // namespace recarga::manager::v201
