// The transactions aggregate: 1.6 StartTransaction/StopTransaction, 2.0.1 TransactionEvent and the meter
// values sampled during and outside transactions. Every write is idempotent, because a station repeats a
// message whose answer it never saw and the broker redelivers what a crashed manager had not acknowledged:
// a repeated start yields the same transaction id, a repeated stop or event (same seqNo) changes nothing and
// a repeated sample is stored once. Writes happen inside the caller's transaction.
#pragma once

#include "domain/metering.hpp"
#include "store/batch_writes.hpp"

#include <cstdint>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace recarga::manager {

struct StartV16 {
    std::string station;
    int evse_id = 0; // 1.6 connectorId
    std::string id_tag;
    std::string auth_status;
    double meter_start_wh = 0;
    std::string timestamp;
    std::optional<std::int64_t> reservation_id;
    std::string trace_id;
};

struct StopV16 {
    std::string station;
    std::int64_t transaction_id = 0;
    std::optional<std::string> id_tag;
    double meter_stop_wh = 0;
    std::string timestamp;
    std::string reason;
    std::string trace_id;
};

enum class StopOutcome { Stopped, AlreadyStopped, NotStartedHere };

// One 2.0.1 TransactionEvent, flattened.
struct TxEventRecord {
    std::string station;
    std::string transaction_id;
    std::int64_t seq_no = 0;
    std::string event_type; // Started, Updated, Ended
    std::string trigger_reason;
    std::string timestamp;
    bool offline = false;
    std::string payload_json;
    std::optional<int> evse_id;
    std::optional<int> connector_id;
    std::optional<std::string> id_token; // the token that started/authorized it (not on Ended)
    std::optional<std::string> id_token_type;
    std::optional<std::string> stop_id_token; // the token on an Ended event
    std::optional<std::string> auth_status;
    std::optional<std::string> charging_state;
    std::optional<std::string> stopped_reason;
    std::optional<std::int64_t> remote_start_id;
    std::optional<std::int64_t> reservation_id;
    std::optional<double> min_register_wh; // energy register readings carried by the event
    std::optional<double> max_register_wh;
    std::string message_id;
    std::string trace_id;
};

class TransactionStore {
public:
    virtual ~TransactionStore() = default;
    // Starts a 1.6 transaction and returns its id; the same start repeated returns the same id.
    virtual std::int64_t start_v16(const StartV16& start) = 0;
    // Stops a 1.6 transaction; a repeated stop changes nothing; a stop of a transaction never started here is
    // recorded as such (a row marked stop_without_start).
    virtual StopOutcome stop_v16(const StopV16& stop) = 0;
    // The EVSE of a transaction of this station, when known.
    virtual std::optional<int> evse_of(const std::string& station, const std::string& transaction_id) = 0;
    // Records a 2.0.1 TransactionEvent and returns the transaction's EVSE (0 when unknown); nullopt (and nothing
    // changed) when this seqNo was already recorded.
    virtual std::optional<int> record_event(const TxEventRecord& event) = 0;
    // True when an active transaction at a station other than `station` was started (and accepted) with `id_token`.
    virtual bool token_active_elsewhere(const std::string& id_token, const std::string& station) = 0;
    // Stores sampled values; samples already stored are skipped. `transaction_id` is "" outside a transaction.
    // With a BatchWrites they are written by its flush, before the commit, together with the batch's others.
    virtual void insert_meter_values(const std::string& station, const std::string& transaction_id, int evse_id,
                                     const std::vector<MeterSample>& samples, const std::string& trace_id) = 0;
    // The final cost of a transaction at its Ended event (with the event's samples, not stored yet), as OCPP
    // carries it (a number in the currency's units); nullopt when no tariff applies (billing/billing_loop).
    virtual std::optional<double> cost_at_end(const std::string& station, const std::string& transaction_id,
                                              const std::vector<MeterSample>& samples) {
        return std::nullopt;
    }
};

class PgTransactionStore final : public TransactionStore {
public:
    // With `batch`, sampled values are collected there and written by the worker once per batch.
    explicit PgTransactionStore(pqxx::work& tx, BatchWrites* batch = nullptr) : tx_(tx), batch_(batch) {}
    std::int64_t start_v16(const StartV16& start) override;
    StopOutcome stop_v16(const StopV16& stop) override;
    std::optional<int> evse_of(const std::string& station, const std::string& transaction_id) override;
    std::optional<int> record_event(const TxEventRecord& event) override;
    void insert_meter_values(const std::string& station, const std::string& transaction_id, int evse_id,
                             const std::vector<MeterSample>& samples, const std::string& trace_id) override;
    std::optional<double> cost_at_end(const std::string& station, const std::string& transaction_id,
                                      const std::vector<MeterSample>& samples) override;
    bool token_active_elsewhere(const std::string& id_token, const std::string& station) override;

private:
    pqxx::work& tx_;
    BatchWrites* batch_;
};

} // namespace recarga::manager
