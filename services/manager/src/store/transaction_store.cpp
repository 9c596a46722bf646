#include "store/transaction_store.hpp"

#include "billing/billing_loop.hpp"
#include "billing/cost_messages.hpp"

#include <fmt/format.h>
#include <pqxx/pqxx>
#include <stdexcept>

namespace recarga::manager {

std::int64_t PgTransactionStore::start_v16(const StartV16& s) {
    // The CTE's INSERT and the outer SELECT see the same snapshot: exactly one of them yields the row.
    auto r = tx_.exec_params(
        "WITH ins AS ("
        "  INSERT INTO transactions (station_id, transaction_id, v16_transaction_id, evse_id, connector_id, id_token, "
        "    auth_status, started_at, meter_start_wh, reservation_id, state, start_trace_id) "
        "  SELECT $1, n::text, n, $2, CASE WHEN $2 = 0 THEN 0 ELSE 1 END, $3, $4, $5::timestamptz, $6, $7, 'Active', "
        "$8 "
        "  FROM (SELECT nextval('transaction_id_v16') AS n) s "
        "  ON CONFLICT (station_id, evse_id, id_token, started_at) WHERE v16_transaction_id IS NOT NULL DO NOTHING "
        "  RETURNING v16_transaction_id) "
        "SELECT v16_transaction_id FROM ins UNION ALL "
        "SELECT v16_transaction_id FROM transactions WHERE station_id = $1 AND evse_id = $2 AND id_token = $3 "
        "  AND started_at = $5::timestamptz AND v16_transaction_id IS NOT NULL LIMIT 1",
        s.station, s.evse_id, s.id_tag, s.auth_status, s.timestamp, s.meter_start_wh, s.reservation_id, s.trace_id);
    if (r.empty()) {
        // A concurrent manager committed the same start after our snapshot: the retry of the batch sees it.
        throw std::runtime_error("concurrent duplicate StartTransaction");
    }
    return r[0][0].as<std::int64_t>();
}

StopOutcome PgTransactionStore::stop_v16(const StopV16& s) {
    auto r =
        tx_.exec_params("UPDATE transactions SET stopped_at = $3::timestamptz, meter_stop_wh = $4, "
                        "stop_reason = $5, stop_id_token = $6, state = 'Ended', stop_trace_id = $7, "
                        "updated_at = now() WHERE station_id = $1 AND v16_transaction_id = $2 AND state = 'Active' "
                        "RETURNING 1",
                        s.station, s.transaction_id, s.timestamp, s.meter_stop_wh, s.reason, s.id_tag, s.trace_id);
    if (!r.empty()) {
        return StopOutcome::Stopped;
    }
    auto known = tx_.exec_params("SELECT 1 FROM transactions WHERE station_id = $1 AND (v16_transaction_id = $2 OR "
                                 "transaction_id = 'stop-without-start:' || $2::text)",
                                 s.station, s.transaction_id);
    if (!known.empty()) {
        return StopOutcome::AlreadyStopped;
    }
    tx_.exec_params("INSERT INTO transactions (station_id, transaction_id, stop_id_token, stopped_at, meter_stop_wh, "
                    "stop_reason, state, stop_without_start, stop_trace_id) "
                    "VALUES ($1, 'stop-without-start:' || $2::text, $3, $4::timestamptz, $5, $6, 'Ended', true, $7) "
                    "ON CONFLICT (station_id, transaction_id) DO NOTHING",
                    s.station, s.transaction_id, s.id_tag, s.timestamp, s.meter_stop_wh, s.reason, s.trace_id);
    return StopOutcome::NotStartedHere;
}

std::optional<int> PgTransactionStore::evse_of(const std::string& station, const std::string& transaction_id) {
    auto r = tx_.exec_params("SELECT evse_id FROM transactions WHERE station_id = $1 AND transaction_id = $2", station,
                             transaction_id);
    if (r.empty() || r[0][0].is_null()) {
        return std::nullopt;
    }
    return r[0][0].as<int>();
}

std::optional<int> PgTransactionStore::record_event(const TxEventRecord& e) {
    const bool started = e.event_type == "Started";
    const bool ended = next_tx_state(std::nullopt, e.event_type) == TxState::Ended;
    // Events may arrive out of order (two managers, redelivery): every column merges so that the order of
    // arrival does not matter. Energy registers only grow, so the lowest reading is the start and the highest
    // the latest (the stop once Ended).
    // One round trip: the event row first (once per seqNo); the transaction is merged only when it is new.
    auto r = tx_.exec_params(
        "WITH ev AS (INSERT INTO transaction_events (station_id, transaction_id, seq_no, event_type, trigger_reason, "
        "  event_at, offline, payload, message_id, trace_id) "
        "  VALUES ($1::text, $2::text, $16::bigint, $20::text, $21::text, $11::timestamptz, $22::boolean, $23::jsonb, "
        "    $24::text, $19::text) "
        "  ON CONFLICT DO NOTHING RETURNING 1) "
        "INSERT INTO transactions AS t (station_id, transaction_id, evse_id, connector_id, id_token, id_token_type, "
        "  auth_status, stop_id_token, started_at, stopped_at, meter_start_wh, meter_stop_wh, stop_reason, state, "
        "  charging_state, last_seq_no, reservation_id, remote_start_id, stop_without_start, start_trace_id, "
        "  stop_trace_id) "
        "SELECT $1::text, $2::text, $3::integer, $4::integer, $5::text, $6::text, $7::text, $8::text, "
        "  CASE WHEN $9::boolean THEN $11::timestamptz END, CASE WHEN $10::boolean THEN $11::timestamptz END, "
        "  $12::float8, $13::float8, $14::text, CASE WHEN $10 THEN 'Ended' ELSE 'Active' END, $15::text, "
        "  $16::bigint, $17::bigint, $18::bigint, $10 AND NOT $9, CASE WHEN $9 THEN $19::text END, "
        "  CASE WHEN $10 THEN $19::text END "
        "WHERE EXISTS (SELECT 1 FROM ev) "
        "ON CONFLICT (station_id, transaction_id) DO UPDATE SET "
        "  evse_id = COALESCE(EXCLUDED.evse_id, t.evse_id), "
        "  connector_id = COALESCE(EXCLUDED.connector_id, t.connector_id), "
        "  id_token = COALESCE(t.id_token, EXCLUDED.id_token), "
        "  id_token_type = COALESCE(t.id_token_type, EXCLUDED.id_token_type), "
        "  auth_status = COALESCE(EXCLUDED.auth_status, t.auth_status), "
        "  stop_id_token = COALESCE(EXCLUDED.stop_id_token, t.stop_id_token), "
        "  started_at = COALESCE(EXCLUDED.started_at, t.started_at), "
        "  stopped_at = COALESCE(EXCLUDED.stopped_at, t.stopped_at), "
        "  meter_start_wh = LEAST(t.meter_start_wh, EXCLUDED.meter_start_wh), "
        "  meter_stop_wh = GREATEST(t.meter_stop_wh, EXCLUDED.meter_stop_wh), "
        "  stop_reason = COALESCE(EXCLUDED.stop_reason, t.stop_reason), "
        "  state = CASE WHEN t.state = 'Ended' OR EXCLUDED.state = 'Ended' THEN 'Ended' ELSE 'Active' END, "
        "  charging_state = CASE WHEN EXCLUDED.last_seq_no >= COALESCE(t.last_seq_no, -1) "
        "    THEN COALESCE(EXCLUDED.charging_state, t.charging_state) ELSE COALESCE(t.charging_state, "
        "    EXCLUDED.charging_state) END, "
        "  last_seq_no = GREATEST(t.last_seq_no, EXCLUDED.last_seq_no), "
        "  reservation_id = COALESCE(t.reservation_id, EXCLUDED.reservation_id), "
        "  remote_start_id = COALESCE(t.remote_start_id, EXCLUDED.remote_start_id), "
        "  stop_without_start = t.stop_without_start AND NOT $9, "
        "  start_trace_id = COALESCE(EXCLUDED.start_trace_id, t.start_trace_id), "
        "  stop_trace_id = COALESCE(EXCLUDED.stop_trace_id, t.stop_trace_id), "
        "  updated_at = now() "
        "RETURNING COALESCE(t.evse_id, 0)",
        e.station, e.transaction_id, e.evse_id, e.connector_id, e.id_token, e.id_token_type, e.auth_status,
        e.stop_id_token, started, ended, e.timestamp, e.min_register_wh, e.max_register_wh, e.stopped_reason,
        e.charging_state, e.seq_no, e.reservation_id, e.remote_start_id, e.trace_id, e.event_type, e.trigger_reason,
        e.offline, e.payload_json, e.message_id);
    if (r.empty()) {
        return std::nullopt;
    }
    return r[0][0].as<int>();
}

bool PgTransactionStore::token_active_elsewhere(const std::string& id_token, const std::string& station) {
    // Index transactions_active_token (migration 0030). A start that was refused (Blocked, NoCredit, ...) is no
    // charging session: the station ends it.
    return !tx_.exec_params("SELECT 1 FROM transactions WHERE id_token = $1 AND state = 'Active' AND station_id <> $2 "
                            "AND COALESCE(auth_status, 'Accepted') = 'Accepted' LIMIT 1",
                            id_token, station)
                .empty();
}

void PgTransactionStore::insert_meter_values(const std::string& station, const std::string& transaction_id, int evse_id,
                                             const std::vector<MeterSample>& samples, const std::string& trace_id) {
    if (batch_ != nullptr) {
        batch_->add_meter_values(station, transaction_id, evse_id, samples, trace_id);
        return;
    }
    BatchWrites now;
    now.add_meter_values(station, transaction_id, evse_id, samples, trace_id);
    now.flush(tx_);
}

std::optional<double> PgTransactionStore::cost_at_end(const std::string& station, const std::string& transaction_id,
                                                      const std::vector<MeterSample>& samples) {
    std::vector<std::pair<std::string, double>> unstored;
    for (const auto& s : samples) {
        if (auto wh = register_wh(s); wh && s.phase.empty() && (s.location.empty() || s.location == "Outlet")) {
            unstored.emplace_back(s.sampled_at, *wh);
        }
    }
    auto total = billing::cost_at_end(tx_, station, transaction_id, unstored);
    return total ? std::optional<double>(billing::wire_number(*total)) : std::nullopt;
}

} // namespace recarga::manager
