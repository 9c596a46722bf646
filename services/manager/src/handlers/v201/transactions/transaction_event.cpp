#include "handlers/v201/transactions/transaction_event.hpp"

#include "handlers/id_token_answers.hpp"
#include "handlers/v201/transactions/meter_samples.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> transaction_event(HandlerContext& ctx, const Request& req) {
    using EventType = decltype(req.eventType);
    std::vector<MeterSample> samples;
    if (req.meterValue) {
        for (const auto& mv : *req.meterValue) {
            v201::append_samples(mv, samples);
        }
    }
    const std::string event_type(to_string(req.eventType));
    const auto& info = req.transactionInfo;
    TxEventRecord rec;
    rec.station = ctx.call.station;
    rec.transaction_id = info.transactionId;
    rec.seq_no = req.seqNo;
    rec.event_type = event_type;
    rec.trigger_reason = std::string(to_string(req.triggerReason));
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
        rec.charging_state = std::string(to_string(*info.chargingState));
    }
    if (info.stoppedReason) {
        rec.stopped_reason = std::string(to_string(*info.stoppedReason));
    } else if (req.eventType == EventType::Ended) {
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

    Response res;
    if (req.idToken) {
        const std::string type = token_type_name(req.idToken->type);
        // Credit is asked of a token that starts or joins a session, never of the one that ends it.
        auto decision = authorize_token(ctx, req.idToken->idToken, type, req.eventType != EventType::Ended);
        if (req.eventType == EventType::Ended) {
            rec.stop_id_token = req.idToken->idToken;
        } else {
            rec.id_token = req.idToken->idToken;
            rec.id_token_type = type;
            rec.auth_status = std::string(v2x_status(decision.status));
        }
        res.idTokenInfo = v2x_id_token_info<typename decltype(res.idTokenInfo)::value_type>(decision);
    }
    if (auto evse = ctx.transactions.record_event(rec)) {
        ctx.transactions.insert_meter_values(ctx.call.station, info.transactionId, *evse, samples, ctx.call.trace_id);
    }
    if (req.eventType == EventType::Ended) {
        // I03: the final cost, known now for a tariffed transaction (the billing loop writes the same price).
        res.totalCost = ctx.transactions.cost_at_end(ctx.call.station, info.transactionId, samples);
    }
    return res;
}

template HandlerResult<ocpp::v201::TransactionEventResponse>
transaction_event<ocpp::v201::TransactionEventRequest, ocpp::v201::TransactionEventResponse>(
    HandlerContext&, const ocpp::v201::TransactionEventRequest&);
template HandlerResult<ocpp::v21::TransactionEventResponse>
transaction_event<ocpp::v21::TransactionEventRequest, ocpp::v21::TransactionEventResponse>(
    HandlerContext&, const ocpp::v21::TransactionEventRequest&);

} // namespace recarga::manager::v2x
