// Read side of the transactions aggregate for the operator API: transactions filtered and paged newest first
// (by the manager's id), one transaction, and the numeric meter values of a transaction in time order, in base
// units (2.0.1 multiplier applied; kWh, kW, kvarh, kvar, kVA converted to Wh, W, varh, var, VA). Queries run in
// the caller's transaction. The indexes they use: transactions (station_id, id), (id_token, id) and the primary
// key; meter_values_dedup (station_id, transaction_id, sampled_at, measurand, phase, location).
#pragma once

#include "store/json_rows.hpp"

#include <cstdint>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager {

struct TransactionFilter {
    std::optional<std::int64_t> before_id; // cursor: transactions with a smaller id
    std::optional<std::string> station_id;
    std::optional<std::string> id_token;
    std::optional<bool> active;
    std::optional<std::string> started_from; // RFC 3339, validated by the caller
    std::optional<std::string> started_to;
    long limit = 50;
};

struct MeterValueFilter {
    std::optional<std::string> from; // RFC 3339, validated by the caller
    std::optional<std::string> to;
    std::optional<std::string> measurand;
    // cursor: after this (sampled_at in microseconds since the epoch, measurand, phase, location)
    std::optional<std::int64_t> after_us;
    std::vector<std::string> after_key; // measurand, phase, location, with after_us
    long limit = 1000;
};

// The API's Transaction (api/openapi.yaml) as a PostgreSQL expression over `transactions t` (also used by the
// live events, events/event_bus.cpp).
std::string transaction_json_sql();

// CSV columns, in the order of the fields of the rows.
inline const std::vector<std::string> kTransactionCsvHeader = {
    "id",           "stationId",  "transactionId", "evseId",       "connectorId", "idToken",  "idTokenType", "status",
    "startedAt",    "stoppedAt",  "meterStartWh",  "meterStopWh",  "energyWh",    "stopReason"};
inline const std::vector<std::string> kMeterValueCsvHeader = {"sampledAt", "measurand", "phase", "location",
                                                              "unit",      "context",   "value"};

class TransactionReadStore {
public:
    virtual ~TransactionReadStore() = default;
    // Keys: {id}.
    virtual std::vector<JsonRow> list(const TransactionFilter& filter) = 0;
    virtual std::optional<std::string> get(std::int64_t id) = 0;
    // nullopt when there is no transaction `id`. Keys: {sampled_at_us, measurand, phase, location}.
    virtual std::optional<std::vector<JsonRow>> meter_values(std::int64_t id, const MeterValueFilter& filter) = 0;
};

class PgTransactionReadStore final : public TransactionReadStore {
public:
    explicit PgTransactionReadStore(pqxx::transaction_base& tx) : tx_(tx) {}
    std::vector<JsonRow> list(const TransactionFilter& filter) override;
    std::optional<std::string> get(std::int64_t id) override;
    std::optional<std::vector<JsonRow>> meter_values(std::int64_t id, const MeterValueFilter& filter) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
