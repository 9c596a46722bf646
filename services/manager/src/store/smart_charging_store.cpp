#include "store/smart_charging_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

namespace recarga::manager {
namespace {

constexpr const char* kSiteColumns = "id, name, parent_id, limit_kind, limit_value, voltage, fallback_limit_ma, "
                                     "iso_utc(created_at), iso_utc(updated_at)";

std::string_view kind_name(smart::SiteLimit::Kind k) {
    return k == smart::SiteLimit::Kind::Power ? "Power" : "CurrentPerPhase";
}

Site site_of_row(const pqxx::row& row) {
    Site s;
    s.id = row[0].as<std::string>();
    s.name = row[1].as<std::string>();
    if (!row[2].is_null())
        s.parent_id = row[2].as<std::string>();
    s.limit.kind =
        row[3].as<std::string>() == "Power" ? smart::SiteLimit::Kind::Power : smart::SiteLimit::Kind::CurrentPerPhase;
    s.limit.value = row[4].as<std::int64_t>();
    s.limit.voltage = row[5].as<int>();
    s.fallback_limit_ma = row[6].as<std::int64_t>();
    s.created_at = row[7].as<std::string>();
    s.updated_at = row[8].as<std::string>();
    return s;
}

} // namespace

std::vector<Site> PgSiteStore::list(const std::optional<std::string>& after, long limit) {
    std::vector<Site> out;
    for (const auto& row : tx_.exec_params(std::string("SELECT ") + kSiteColumns +
                                               " FROM sites WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2",
                                           after, limit))
        out.push_back(site_of_row(row));
    return out;
}

std::optional<Site> PgSiteStore::get(const std::string& id) {
    auto r = tx_.exec_params(std::string("SELECT ") + kSiteColumns + " FROM sites WHERE id = $1", id);
    if (r.empty())
        return std::nullopt;
    return site_of_row(r[0]);
}

SiteWrite PgSiteStore::create(const Site& s) {
    if (s.parent_id && !get(*s.parent_id))
        return SiteWrite::Conflict;
    auto r = tx_.exec_params("INSERT INTO sites (id, name, parent_id, limit_kind, limit_value, voltage, "
                             "fallback_limit_ma) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
                             s.id, s.name, s.parent_id, std::string(kind_name(s.limit.kind)), s.limit.value,
                             s.limit.voltage, s.fallback_limit_ma);
    return r.affected_rows() == 1 ? SiteWrite::Done : SiteWrite::Conflict;
}

SiteWrite PgSiteStore::update(const Site& s) {
    if (s.parent_id) {
        // A site may not become its own ancestor.
        auto cycle =
            tx_.exec_params("WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM sites WHERE id = $1 "
                            "UNION SELECT s.id, s.parent_id FROM sites s JOIN up ON s.id = up.parent_id) "
                            "SELECT count(*) FILTER (WHERE id = $2), count(*) FROM up",
                            *s.parent_id, s.id);
        if (cycle[0][1].as<std::int64_t>() == 0 || cycle[0][0].as<std::int64_t>() > 0)
            return SiteWrite::Conflict;
    }
    auto r = tx_.exec_params("UPDATE sites SET name = $2, parent_id = $3, limit_kind = $4, limit_value = $5, "
                             "voltage = $6, fallback_limit_ma = $7, updated_at = now() WHERE id = $1",
                             s.id, s.name, s.parent_id, std::string(kind_name(s.limit.kind)), s.limit.value,
                             s.limit.voltage, s.fallback_limit_ma);
    return r.affected_rows() == 1 ? SiteWrite::Done : SiteWrite::NotFound;
}

SiteWrite PgSiteStore::remove(const std::string& id) {
    auto r = tx_.exec_params("DELETE FROM sites WHERE id = $1", id);
    return r.affected_rows() == 1 ? SiteWrite::Done : SiteWrite::NotFound;
}

SiteWrite PgSiteStore::assign(const SiteStation& st) {
    auto known = tx_.exec_params("SELECT EXISTS (SELECT 1 FROM sites WHERE id = $1), "
                                 "EXISTS (SELECT 1 FROM stations WHERE id = $2)",
                                 st.site_id, st.station_id);
    if (!known[0][0].as<bool>() || !known[0][1].as<bool>())
        return SiteWrite::NotFound;
    tx_.exec_params("INSERT INTO site_stations (station_id, site_id, evse_max_ma, min_ma, phases, priority) "
                    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (station_id) DO UPDATE SET site_id = $2, "
                    "evse_max_ma = $3, min_ma = $4, phases = $5, priority = $6",
                    st.station_id, st.site_id, st.evse_max_ma, st.min_ma, st.phases, st.priority);
    return SiteWrite::Done;
}

SiteWrite PgSiteStore::unassign(const std::string& site_id, const std::string& station_id) {
    auto r = tx_.exec_params("DELETE FROM site_stations WHERE site_id = $1 AND station_id = $2", site_id, station_id);
    tx_.exec_params("DELETE FROM site_allocations WHERE site_id = $1 AND station_id = $2", site_id, station_id);
    return r.affected_rows() == 1 ? SiteWrite::Done : SiteWrite::NotFound;
}

std::vector<SiteStation> PgSiteStore::stations(const std::string& site_id) {
    std::vector<SiteStation> out;
    for (const auto& row : tx_.exec_params("SELECT station_id, site_id, evse_max_ma, min_ma, phases, priority "
                                           "FROM site_stations WHERE site_id = $1 ORDER BY station_id",
                                           site_id)) {
        out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>(),
                       row[3].as<std::int64_t>(), row[4].as<int>(), row[5].as<int>()});
    }
    return out;
}

std::optional<std::string> PgSiteStore::site_of(const std::string& station_id) {
    auto r = tx_.exec_params("SELECT site_id FROM site_stations WHERE station_id = $1", station_id);
    if (r.empty())
        return std::nullopt;
    return r[0][0].as<std::string>();
}

std::vector<Site> PgSiteStore::tree(const std::string& site_id) {
    auto site = get(site_id);
    for (int depth = 0; site && site->parent_id && depth < 64; ++depth) {
        auto parent = get(*site->parent_id);
        if (!parent || parent->id == site_id)
            break; // a cycle ends where it began
        site = std::move(parent);
    }
    std::vector<Site> out;
    if (!site)
        return out;
    // UNION (not UNION ALL) ends the recursion on a cycle.
    for (const auto& row : tx_.exec_params(
             std::string("WITH RECURSIVE down(id) AS (SELECT $1::text UNION SELECT s.id FROM sites s JOIN down d ON "
                         "s.parent_id = d.id) SELECT ") +
                 kSiteColumns + " FROM sites WHERE id IN (SELECT id FROM down) ORDER BY (id = $1) DESC, id",
             site->id))
        out.push_back(site_of_row(row));
    return out;
}

std::vector<SiteSession> PgSiteStore::sessions(const std::string& site_id) {
    // The latest Current.Import of a transaction (the highest phase of that instant), in mA.
    auto r = tx_.exec_params(
        "SELECT t.station_id, COALESCE(s.protocol, ''), COALESCE(t.evse_id, t.connector_id, 1), t.transaction_id, "
        "       (cur.amps * 1000)::bigint "
        "FROM transactions t JOIN site_stations ss ON ss.station_id = t.station_id "
        "JOIN stations s ON s.id = t.station_id "
        "LEFT JOIN LATERAL (SELECT max(mv.value) AS amps FROM meter_values mv "
        "    WHERE mv.station_id = t.station_id AND mv.transaction_id = t.transaction_id "
        "      AND mv.measurand = 'Current.Import' AND mv.sampled_at = (SELECT max(m2.sampled_at) FROM meter_values m2 "
        "        WHERE m2.station_id = t.station_id AND m2.transaction_id = t.transaction_id "
        "          AND m2.measurand = 'Current.Import')) cur ON true "
        "WHERE ss.site_id = $1 AND t.state = 'Active' AND NOT t.stop_without_start "
        "ORDER BY t.started_at NULLS LAST, t.id",
        site_id);
    std::vector<SiteSession> out;
    for (const auto& row : r) {
        SiteSession s{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>(), row[3].as<std::string>(),
                      std::nullopt};
        if (!row[4].is_null())
            s.measured_ma = row[4].as<std::int64_t>();
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<AllocationRow> PgSiteStore::allocation(const std::string& site_id) {
    std::vector<AllocationRow> out;
    for (const auto& row :
         tx_.exec_params("SELECT station_id, evse_id, transaction_id, limit_ma, reason, profile_id, status, "
                         "iso_utc(computed_at) FROM site_allocations WHERE site_id = $1 ORDER BY station_id, evse_id",
                         site_id)) {
        AllocationRow a;
        a.station_id = row[0].as<std::string>();
        a.evse_id = row[1].as<int>();
        a.transaction_id = row[2].as<std::string>();
        a.limit_ma = row[3].as<std::int64_t>();
        a.reason = row[4].as<std::string>();
        if (!row[5].is_null())
            a.profile_id = row[5].as<std::int64_t>();
        a.status = row[6].as<std::string>();
        a.computed_at = row[7].as<std::string>();
        out.push_back(std::move(a));
    }
    return out;
}

void PgSiteStore::replace_allocation(const std::string& site_id, const std::vector<AllocationRow>& rows) {
    tx_.exec_params("DELETE FROM site_allocations WHERE site_id = $1", site_id);
    for (const auto& a : rows) {
        tx_.exec_params("INSERT INTO site_allocations (site_id, station_id, evse_id, transaction_id, limit_ma, reason, "
                        "profile_id, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        site_id, a.station_id, a.evse_id, a.transaction_id, a.limit_ma, a.reason, a.profile_id,
                        a.status);
    }
}

void PgSiteStore::set_allocation_status(const std::string& site_id, const std::string& station_id, int evse_id,
                                        const std::string& status) {
    tx_.exec_params("UPDATE site_allocations SET status = $4 WHERE site_id = $1 AND station_id = $2 AND evse_id = $3",
                    site_id, station_id, evse_id, status);
}

void PgChargingProfileStore::put(const StoredProfile& p) {
    tx_.exec_params("INSERT INTO charging_profiles (station_id, source, profile_id, evse_id, purpose, stack_level, "
                    "transaction_id, limit_source, status, profile) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                    "$10::jsonb) ON CONFLICT (station_id, source, profile_id) DO UPDATE SET evse_id = $4, "
                    "purpose = $5, stack_level = $6, transaction_id = $7, limit_source = $8, status = $9, "
                    "profile = $10::jsonb, updated_at = now()",
                    p.station_id, p.source, p.profile.id, p.evse_id, std::string(smart::to_string(p.profile.purpose)),
                    p.profile.stack_level, p.profile.transaction_id, p.limit_source, p.status,
                    boost::json::serialize(smart::to_json(p.profile)));
}

void PgChargingProfileStore::set_status(const std::string& station_id, const std::string& source,
                                        std::int64_t profile_id, const std::string& status) {
    tx_.exec_params("UPDATE charging_profiles SET status = $4, updated_at = now() WHERE station_id = $1 AND "
                    "source = $2 AND profile_id = $3",
                    station_id, source, profile_id, status);
}

namespace {

constexpr const char* kProfileColumns =
    "cp.station_id, cp.source, cp.evse_id, cp.status, cp.limit_source, cp.profile::text, iso_utc(cp.updated_at)";

std::vector<StoredProfile> profiles_of_rows(const pqxx::result& rows) {
    std::vector<StoredProfile> out;
    for (const auto& row : rows) {
        auto profile = smart::profile_from_json(boost::json::parse(row[5].as<std::string>()));
        if (!profile.value)
            continue; // written by put(), so readable; skip rather than fail a whole listing
        StoredProfile p;
        p.station_id = row[0].as<std::string>();
        p.source = row[1].as<std::string>();
        p.evse_id = row[2].as<int>();
        p.status = row[3].as<std::string>();
        if (!row[4].is_null())
            p.limit_source = row[4].as<std::string>();
        p.profile = std::move(*profile.value);
        p.updated_at = row[6].as<std::string>();
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

std::vector<StoredProfile> PgChargingProfileStore::of_station(const std::string& station_id) {
    return profiles_of_rows(tx_.exec_params(std::string("SELECT ") + kProfileColumns +
                                                " FROM charging_profiles cp WHERE cp.station_id = $1 "
                                                "ORDER BY cp.evse_id, cp.source, cp.profile_id",
                                            station_id));
}

std::vector<StoredProfile> PgChargingProfileStore::on_site(const std::string& site_id, const std::string& source,
                                                           std::int64_t profile_id) {
    return profiles_of_rows(tx_.exec_params(std::string("SELECT ") + kProfileColumns +
                                                " FROM charging_profiles cp JOIN site_stations ss ON ss.station_id = "
                                                "cp.station_id WHERE ss.site_id = $1 AND cp.source = $2 AND "
                                                "cp.profile_id = $3 ORDER BY cp.station_id",
                                            site_id, source, profile_id));
}

void PgChargingProfileStore::forget_reported(const std::string& station_id, int evse_id) {
    tx_.exec_params("DELETE FROM charging_profiles WHERE station_id = $1 AND source = 'Station' AND evse_id = $2",
                    station_id, evse_id);
}

} // namespace recarga::manager
