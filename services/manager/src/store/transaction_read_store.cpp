#include "store/transaction_read_store.hpp"

#include <fmt/format.h>
#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

// A transaction's energy: meter_stop_wh - meter_start_wh (energy_wh) once there is a stop reading (a 1.6 stop,
// every 2.0.1 event with a register); before that, the latest energy register reading (as domain/metering.hpp
// register_wh reads it: Wh or kWh, multiplier applied; the total, not a phase) minus the start. Registers only grow,
// so the latest is the largest; meter_values_dedup serves the lookup.
constexpr const char* kEnergy = R"(coalesce(t.energy_wh, CASE WHEN t.state = 'Active' THEN (
    SELECT max(m.value * power(10::float8, coalesce(m.multiplier, 0)) * CASE WHEN m.unit = 'kWh' THEN 1000 ELSE 1 END)
    FROM meter_values m WHERE m.station_id = t.station_id AND m.transaction_id = t.transaction_id
    AND m.measurand = 'Energy.Active.Import.Register' AND coalesce(m.unit, 'Wh') IN ('Wh', 'kWh') AND m.phase = ''
    ) - t.meter_start_wh END))";

} // namespace

std::string transaction_json_sql() {
    return fmt::format(R"(json_build_object(
    'id', t.id::text, 'stationId', t.station_id, 'transactionId', t.transaction_id, 'evseId', t.evse_id,
    'connectorId', t.connector_id, 'idToken', t.id_token, 'idTokenType', t.id_token_type,
    'status', CASE WHEN t.state = 'Active' THEN 'active' ELSE 'completed' END,
    'startedAt', iso_utc(t.started_at), 'stoppedAt', iso_utc(t.stopped_at), 'meterStartWh', t.meter_start_wh,
    'meterStopWh', t.meter_stop_wh, 'energyWh', {0}, 'stopReason', t.stop_reason))", kEnergy);
}

namespace {

// The API's Transaction (api/openapi.yaml), then the same fields as text for CSV.
const std::string kTransactionColumns = "t.id::text, " + transaction_json_sql() + fmt::format(R"(::text,
    t.id::text, t.station_id, t.transaction_id, t.evse_id::text, t.connector_id::text, t.id_token, t.id_token_type,
    CASE WHEN t.state = 'Active' THEN 'active' ELSE 'completed' END, iso_utc(t.started_at), iso_utc(t.stopped_at),
    t.meter_start_wh::text, t.meter_stop_wh::text, ({0})::text, t.stop_reason)", kEnergy));

std::optional<std::string> opt_text(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.c_str());
}

JsonRow json_row(const pqxx::row& row, std::size_t key_columns) {
    JsonRow r;
    for (std::size_t i = 0; i < key_columns; ++i) {
        r.key.emplace_back(row[static_cast<int>(i)].c_str());
    }
    r.json = row[static_cast<int>(key_columns)].c_str();
    for (auto i = key_columns + 1; i < row.size(); ++i) {
        r.fields.push_back(opt_text(row[static_cast<int>(i)]));
    }
    return r;
}

} // namespace

std::vector<JsonRow> PgTransactionReadStore::list(const TransactionFilter& f) {
    std::optional<std::string> active;
    if (f.active) {
        active = *f.active ? "true" : "false";
    }
    auto rows = tx_.exec_params("SELECT " + kTransactionColumns +
                                    " FROM transactions t WHERE ($1::bigint IS NULL OR t.id < $1) "
                                    "AND ($2::text IS NULL OR t.station_id = $2) "
                                    "AND ($3::text IS NULL OR t.id_token = $3) "
                                    "AND ($4::boolean IS NULL OR (t.state = 'Active') = $4) "
                                    "AND ($5::timestamptz IS NULL OR t.started_at >= $5) "
                                    "AND ($6::timestamptz IS NULL OR t.started_at < $6) "
                                    "ORDER BY t.id DESC LIMIT $7",
                                f.before_id, f.station_id, f.id_token, active, f.started_from, f.started_to, f.limit);
    std::vector<JsonRow> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        out.push_back(json_row(row, 1));
    }
    return out;
}

std::optional<std::string> PgTransactionReadStore::get(std::int64_t id) {
    auto rows =
        tx_.exec_params("SELECT " + kTransactionColumns + " FROM transactions t WHERE t.id = $1", id);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::string(rows[0][1].c_str());
}

std::optional<std::vector<JsonRow>> PgTransactionReadStore::meter_values(std::int64_t id, const MeterValueFilter& f) {
    auto tx = tx_.exec_params("SELECT station_id, transaction_id FROM transactions WHERE id = $1", id);
    if (tx.empty()) {
        return std::nullopt;
    }
    const std::string station = tx[0][0].c_str();
    const std::string transaction = tx[0][1].c_str();
    auto key = [&f](std::size_t i) {
        return f.after_us ? std::optional<std::string>(f.after_key.at(i)) : std::nullopt;
    };
    // meter_values_dedup serves the equality on (station_id, transaction_id), the range and the order.
    auto rows = tx_.exec_params(
        "WITH v AS (SELECT sampled_at, measurand, phase, location, context, "
        "  value * power(10::float8, coalesce(multiplier, 0)) "
        "    * CASE WHEN unit IN ('kWh', 'kW', 'kvarh', 'kvar', 'kVA') THEN 1000 ELSE 1 END AS value, "
        "  CASE unit WHEN 'kWh' THEN 'Wh' WHEN 'kW' THEN 'W' WHEN 'kvarh' THEN 'varh' WHEN 'kvar' THEN 'var' "
        "    WHEN 'kVA' THEN 'VA' ELSE unit END AS unit "
        "  FROM meter_values WHERE station_id = $1 AND transaction_id = $2 AND value IS NOT NULL "
        "  AND ($3::timestamptz IS NULL OR sampled_at >= $3) AND ($4::timestamptz IS NULL OR sampled_at < $4) "
        "  AND ($5::text IS NULL OR measurand = $5) "
        "  AND ($6::bigint IS NULL OR (sampled_at, measurand, phase, location) > "
        "    ('epoch'::timestamptz + $6 * interval '1 microsecond', $7::text, $8::text, $9::text)) "
        "  ORDER BY sampled_at, measurand, phase, location LIMIT $10) "
        "SELECT (extract(epoch FROM sampled_at) * 1000000)::bigint::text, measurand, phase, location, "
        "  json_build_object('sampledAt', iso_utc(sampled_at), 'measurand', measurand, 'phase', nullif(phase, ''), "
        "    'location', nullif(location, ''), 'unit', unit, 'context', context, 'value', value)::text, "
        "  iso_utc(sampled_at), measurand, nullif(phase, ''), nullif(location, ''), unit, context, value::text "
        "FROM v ORDER BY sampled_at, measurand, phase, location",
        station, transaction, f.from, f.to, f.measurand, f.after_us, key(0), key(1), key(2), f.limit);
    std::vector<JsonRow> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        out.push_back(json_row(row, 4));
    }
    return out;
}

} // namespace recarga::manager
