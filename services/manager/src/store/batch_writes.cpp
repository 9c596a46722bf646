#include "store/batch_writes.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace recarga::manager {

namespace {

constexpr std::size_t kRowsPerStatement = 4096;

} // namespace

void BatchWrites::add_meter_values(const std::string& station, const std::string& transaction_id, int evse_id,
                                   const std::vector<MeterSample>& samples, const std::string& trace_id) {
    if (samples.empty()) {
        return;
    }
    calls_.push_back({station, transaction_id, evse_id, trace_id});
    for (const auto& s : samples) {
        rows_.push_back({calls_.size() - 1, s});
    }
}

void BatchWrites::touch(const std::string& station, const std::string& trace_id) { touched_[station] = trace_id; }

void BatchWrites::clear() {
    calls_.clear();
    rows_.clear();
    touched_.clear();
}

void BatchWrites::flush(pqxx::work& tx) {
    auto opt = [&tx](const std::optional<std::string>& v) { return v ? tx.quote(*v) : std::string("NULL"); };
    std::vector<std::string> quoted; // station, transaction and trace of each call, quoted once
    quoted.reserve(calls_.size() * 3);
    for (const auto& c : calls_) {
        quoted.push_back(tx.quote(c.station));
        quoted.push_back(tx.quote(c.transaction_id));
        quoted.push_back(tx.quote(c.trace_id));
    }
    for (std::size_t first = 0; first < rows_.size(); first += kRowsPerStatement) {
        const auto last = std::min(rows_.size(), first + kRowsPerStatement);
        std::string sql = "INSERT INTO meter_values (station_id, transaction_id, evse_id, sampled_at, measurand, "
                          "phase, location, unit, multiplier, context, format, value, raw_value, signed, trace_id) "
                          "VALUES ";
        sql.reserve(sql.size() + (last - first) * 200);
        for (std::size_t i = first; i < last; ++i) {
            const auto& r = rows_[i];
            const auto& s = r.sample;
            if (i != first) {
                sql += ',';
            }
            fmt::format_to(std::back_inserter(sql), "({},{},{},{}::timestamptz,{},{},{},{},{},{},{},{},{},{}::jsonb,{})",
                           quoted[r.call * 3], quoted[r.call * 3 + 1], calls_[r.call].evse_id,
                           tx.quote(s.sampled_at), tx.quote(s.measurand), tx.quote(s.phase), tx.quote(s.location),
                           opt(s.unit), s.multiplier ? std::to_string(*s.multiplier) : std::string("NULL"),
                           opt(s.context), opt(s.format),
                           s.value ? fmt::format("{}::float8", *s.value) : std::string("NULL"), opt(s.raw_value),
                           opt(s.signed_json), quoted[r.call * 3 + 2]);
        }
        sql += " ON CONFLICT DO NOTHING";
        tx.exec(sql);
    }
    if (!touched_.empty()) {
        std::string sql = "UPDATE stations AS s SET last_seen = now(), last_trace_id = v.trace FROM (VALUES ";
        bool first = true;
        for (const auto& [station, trace] : touched_) {
            fmt::format_to(std::back_inserter(sql), "{}({},{})", first ? "" : ",", tx.quote(station),
                           tx.quote(trace));
            first = false;
        }
        sql += ") AS v(id, trace) WHERE s.id = v.id";
        tx.exec(sql);
    }
    clear();
}

} // namespace recarga::manager
