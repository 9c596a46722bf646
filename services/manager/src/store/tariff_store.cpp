#include "store/tariff_store.hpp"

#include "billing/tariff_json.hpp"
#include "domain/metering.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

constexpr const char* kTariffColumns =
    "id, version, name, currency, vat_percent::text, flat_fee::text, minimum::text, maximum::text, "
    "utc_offset_minutes, elements::text, iso_utc(created_at), created_by, time_zone";

template <class T> std::optional<T> opt(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<T>(f.as<T>());
}

Decimal decimal_of(const pqxx::field& f) {
    return Decimal::parse(f.c_str()).value_or(Decimal{});
}

TariffRecord tariff_of(const pqxx::row& r) {
    TariffRecord rec;
    auto& t = rec.tariff;
    t.id = r[0].as<std::string>();
    t.version = r[1].as<int>();
    rec.name = r[2].as<std::string>();
    t.currency = currency(r[3].c_str()).value_or(Currency{r[3].as<std::string>(), 2});
    t.vat_percent = decimal_of(r[4]);
    t.flat_fee = decimal_of(r[5]);
    if (!r[6].is_null()) {
        t.minimum = decimal_of(r[6]);
    }
    if (!r[7].is_null()) {
        t.maximum = decimal_of(r[7]);
    }
    t.utc_offset_minutes = r[8].as<int>();
    auto elements = billing::elements_from_json(boost::json::parse(r[9].c_str()));
    if (auto* e = std::get_if<std::vector<TariffElement>>(&elements)) {
        t.elements = std::move(*e);
    }
    rec.created_at = r[10].as<std::string>();
    rec.created_by = opt<std::string>(r[11]);
    t.time_zone = r[12].is_null() ? std::string() : r[12].as<std::string>();
    return rec;
}

std::optional<std::string> opt_decimal(const std::optional<Decimal>& d) {
    return d ? std::optional<std::string>(d->to_string()) : std::nullopt;
}

TariffAssignment assignment_of(const pqxx::row& r) {
    return {r[0].as<long long>(), r[1].as<std::string>(), opt<std::string>(r[2]),
            opt<int>(r[3]),       opt<std::string>(r[4]), r[5].as<std::string>()};
}

constexpr const char* kAssignmentColumns = "id, tariff_id, station_id, evse_id, id_token_group, iso_utc(created_at)";

} // namespace

std::optional<int> PgTariffStore::insert(const Tariff& t, const std::string& name, const std::optional<std::string>& by,
                                         bool create) {
    // Versions of one tariff are numbered under a row lock of its latest version (or the unique key on create).
    auto latest = tx_.exec_params("SELECT max(version) FROM tariffs WHERE id = $1", t.id)[0][0];
    if (create != latest.is_null()) {
        return std::nullopt;
    }
    if (!create) {
        tx_.exec_params("SELECT 1 FROM tariffs WHERE id = $1 AND version = $2 FOR UPDATE", t.id, latest.as<int>());
    }
    const int version = create ? 1 : latest.as<int>() + 1;
    tx_.exec_params("INSERT INTO tariffs (id, version, name, currency, vat_percent, flat_fee, minimum, maximum, "
                    "utc_offset_minutes, elements, created_by, time_zone) VALUES ($1, $2, $3, $4, $5::numeric, "
                    "$6::numeric, $7::numeric, $8::numeric, $9, $10::jsonb, $11, $12)",
                    t.id, version, name, t.currency.code, t.vat_percent.to_string(), t.flat_fee.to_string(),
                    opt_decimal(t.minimum), opt_decimal(t.maximum), t.utc_offset_minutes,
                    boost::json::serialize(billing::elements_to_json(t.elements)), by,
                    t.time_zone.empty() ? std::nullopt : std::optional<std::string>(t.time_zone));
    return version;
}

std::optional<TariffRecord> PgTariffStore::get(const std::string& id, std::optional<int> version) {
    auto r = tx_.exec_params(std::string("SELECT ") + kTariffColumns +
                                 " FROM tariffs WHERE id = $1 AND ($2::integer IS NULL OR version = $2) "
                                 "ORDER BY version DESC LIMIT 1",
                             id, version);
    return r.empty() ? std::nullopt : std::optional<TariffRecord>(tariff_of(r[0]));
}

std::vector<TariffRecord> PgTariffStore::list_latest(std::optional<std::string> after_id, long limit) {
    auto r = tx_.exec_params(std::string("SELECT DISTINCT ON (id) ") + kTariffColumns +
                                 " FROM tariffs WHERE ($1::text IS NULL OR id > $1) ORDER BY id, version DESC LIMIT $2",
                             after_id, limit);
    std::vector<TariffRecord> out;
    for (const auto& row : r) {
        out.push_back(tariff_of(row));
    }
    return out;
}

std::vector<TariffRecord> PgTariffStore::versions(const std::string& id) {
    auto r =
        tx_.exec_params(std::string("SELECT ") + kTariffColumns + " FROM tariffs WHERE id = $1 ORDER BY version", id);
    std::vector<TariffRecord> out;
    for (const auto& row : r) {
        out.push_back(tariff_of(row));
    }
    return out;
}

std::vector<TariffAssignment> PgTariffStore::assignments(std::optional<std::string> station_id) {
    auto r = tx_.exec_params(std::string("SELECT ") + kAssignmentColumns +
                                 " FROM tariff_assignments WHERE ($1::text IS NULL OR station_id = $1) ORDER BY id",
                             station_id);
    std::vector<TariffAssignment> out;
    for (const auto& row : r) {
        out.push_back(assignment_of(row));
    }
    return out;
}

TariffAssignment PgTariffStore::assign(const TariffAssignment& a) {
    auto r = tx_.exec_params(std::string("INSERT INTO tariff_assignments (tariff_id, station_id, evse_id, "
                                         "id_token_group) VALUES ($1, $2, $3, $4) RETURNING ") +
                                 kAssignmentColumns,
                             a.tariff_id, a.station_id, a.evse_id, a.id_token_group);
    return assignment_of(r[0]);
}

bool PgTariffStore::unassign(long long id) {
    return tx_.exec_params("DELETE FROM tariff_assignments WHERE id = $1", id).affected_rows() == 1;
}

std::vector<PricingCandidate> PgTariffStore::lock_pending(long limit) {
    auto r = tx_.exec_params(
        "SELECT id, station_id, transaction_id, evse_id, id_token, state, pricing_state, "
        "tariff_id, tariff_version FROM transactions "
        "WHERE (pricing_state IS NULL OR (pricing_state = 'tariffed' AND state = 'Ended')) ORDER BY id LIMIT $1 "
        "FOR UPDATE SKIP LOCKED",
        limit);
    std::vector<PricingCandidate> out;
    for (const auto& row : r) {
        out.push_back({row[0].as<long long>(), row[1].as<std::string>(), row[2].as<std::string>(), opt<int>(row[3]),
                       opt<std::string>(row[4]), opt<std::string>(row[5]), opt<std::string>(row[6]),
                       opt<std::string>(row[7]), opt<int>(row[8])});
    }
    return out;
}

std::optional<std::pair<std::string, int>> PgTariffStore::tariff_for(const PricingCandidate& c) {
    auto r = tx_.exec_params(
        "SELECT v.id, v.version FROM tariff_assignments a "
        "JOIN transactions t ON t.id = $1 "
        "LEFT JOIN id_tokens k ON k.id_token = t.id_token AND (t.id_token_type IS NULL OR k.type = t.id_token_type) "
        "JOIN LATERAL (SELECT id, version FROM tariffs WHERE id = a.tariff_id AND created_at <= t.created_at "
        "              ORDER BY version DESC LIMIT 1) v ON true "
        "WHERE (a.station_id IS NULL OR a.station_id = t.station_id) "
        "  AND (a.evse_id IS NULL OR a.evse_id = t.evse_id) "
        "  AND (a.id_token_group IS NULL OR a.id_token_group = k.group_id_token) "
        "ORDER BY (a.id_token_group IS NOT NULL) DESC, (a.evse_id IS NOT NULL) DESC, (a.station_id IS NOT NULL) DESC "
        "LIMIT 1",
        c.id);
    if (r.empty()) {
        return std::nullopt;
    }
    return std::pair{r[0][0].as<std::string>(), r[0][1].as<int>()};
}

void PgTariffStore::set_tariff(long long transaction, const std::optional<std::pair<std::string, int>>& tariff) {
    tx_.exec_params("UPDATE transactions SET pricing_state = $2, tariff_id = $3, tariff_version = $4 WHERE id = $1",
                    transaction, tariff ? "tariffed" : "none",
                    tariff ? std::optional<std::string>(tariff->first) : std::nullopt,
                    tariff ? std::optional<int>(tariff->second) : std::nullopt);
}

bool PgTariffStore::known_time_zone(const std::string& zone) {
    return tx_.exec_params("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1)", zone)[0][0].as<bool>();
}

void PgTariffStore::fill_offsets(Tariff& t, EpochMs from, EpochMs to) {
    t.offset_changes.clear();
    if (t.time_zone.empty()) {
        return;
    }
    // The zone's offset every 15 minutes (all real transitions fall on quarter hours of UTC), kept where it
    // changes; the first row is the offset in force at the start.
    auto r = tx_.exec_params(
        "SELECT (extract(epoch FROM at) * 1000)::bigint, off FROM ("
        "  SELECT at, off, lag(off) OVER (ORDER BY at) AS prev FROM ("
        "    SELECT g AS at, (extract(epoch FROM (g AT TIME ZONE $1) - (g AT TIME ZONE 'UTC')) / 60)::int AS off "
        "    FROM generate_series(date_trunc('hour', to_timestamp($2::bigint / 1000.0)), "
        "                         to_timestamp($3::bigint / 1000.0), interval '15 minutes') g) s) x "
        "WHERE prev IS NULL OR prev <> off ORDER BY at",
        t.time_zone, from, to);
    for (pqxx::result::size_type i = 0; i < r.size(); ++i) {
        if (i == 0) {
            t.utc_offset_minutes = r[i][1].as<int>();
        } else {
            t.offset_changes.push_back({r[i][0].as<std::int64_t>(), r[i][1].as<int>()});
        }
    }
}

std::vector<RegisterReading> PgTariffStore::readings(const PricingCandidate& c) {
    std::vector<RegisterReading> out;
    auto ends = tx_.exec_params("SELECT (extract(epoch FROM started_at) * 1000)::bigint, meter_start_wh, "
                                "(extract(epoch FROM stopped_at) * 1000)::bigint, meter_stop_wh "
                                "FROM transactions WHERE id = $1",
                                c.id);
    if (!ends.empty()) {
        if (!ends[0][0].is_null() && !ends[0][1].is_null()) {
            out.push_back({ends[0][0].as<EpochMs>(), ends[0][1].as<double>()});
        }
        if (!ends[0][2].is_null() && !ends[0][3].is_null()) {
            out.push_back({ends[0][2].as<EpochMs>(), ends[0][3].as<double>()});
        }
    }
    auto r = tx_.exec_params("SELECT (extract(epoch FROM sampled_at) * 1000)::bigint, measurand, unit, multiplier, "
                             "value FROM meter_values WHERE station_id = $1 AND transaction_id = $2 "
                             "AND measurand = $3 AND phase = '' AND location IN ('', 'Outlet') AND value IS NOT NULL",
                             c.station_id, c.transaction_id, std::string(kEnergyRegister));
    for (const auto& row : r) {
        MeterSample s;
        s.measurand = row[1].as<std::string>();
        s.unit = opt<std::string>(row[2]);
        s.multiplier = opt<int>(row[3]);
        s.value = row[4].as<double>();
        if (auto wh = register_wh(s)) {
            out.push_back({row[0].as<EpochMs>(), *wh});
        }
    }
    return out;
}

EpochMs PgTariffStore::end_of(const PricingCandidate& c) {
    auto r =
        tx_.exec_params("SELECT (extract(epoch FROM stopped_at) * 1000)::bigint FROM transactions WHERE id = $1", c.id);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<EpochMs>();
}

void PgTariffStore::set_price(long long transaction, const CostBreakdown& cost, const std::string& breakdown_json) {
    auto decimal = [&](std::int64_t minor) {
        return Decimal::from_micros(minor * pow10(Decimal::kDigits - cost.currency.minor_digits)).to_string();
    };
    tx_.exec_params("UPDATE transactions SET pricing_state = 'priced', cost_currency = $2, cost_net = $3::numeric, "
                    "cost_vat = $4::numeric, cost_total = $5::numeric, cost_breakdown = $6::jsonb, priced_at = now() "
                    "WHERE id = $1",
                    transaction, cost.currency.code, decimal(cost.net), decimal(cost.vat), decimal(cost.total),
                    breakdown_json);
}

} // namespace recarga::manager
