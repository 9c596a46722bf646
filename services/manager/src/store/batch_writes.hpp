// Writes a lane worker collects from every call of one batch and issues once, just before the batch's commit:
// the sampled values of all MeterValues and TransactionEvent calls as multi-row INSERTs (one per 4096 rows)
// instead of one statement per call, and one last-seen update per station instead of one per call.
//
// Idempotence is unchanged: the INSERT skips rows already stored (ON CONFLICT DO NOTHING on the natural key
// station, transaction, sampledAt, measurand, phase, location), also when one batch holds the same sample
// twice. The rows commit with the answers' transaction, so a station still gets its answer only after its
// values are durable.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <pqxx/transaction>

#include "domain/metering.hpp"

namespace recarga::manager {

class BatchWrites {
public:
    // Sampled values of one call; `transaction_id` is "" outside a transaction.
    void add_meter_values(const std::string& station, const std::string& transaction_id, int evse_id,
                          const std::vector<MeterSample>& samples, const std::string& trace_id);
    // The station was heard from (its last call's trace id is kept).
    void touch(const std::string& station, const std::string& trace_id);
    std::size_t meter_rows() const { return rows_.size(); }
    // Issues what was collected inside `tx` and forgets it.
    void flush(pqxx::work& tx);
    // Forgets what was collected (the transaction it was meant for was rolled back).
    void clear();

private:
    struct Row {
        std::size_t call; // index into calls_
        MeterSample sample;
    };
    struct Call {
        std::string station;
        std::string transaction_id;
        int evse_id = 0;
        std::string trace_id;
    };
    std::vector<Call> calls_;
    std::vector<Row> rows_;
    std::map<std::string, std::string> touched_; // station → trace id; ordered, so row locks are taken in order
};

} // namespace recarga::manager
