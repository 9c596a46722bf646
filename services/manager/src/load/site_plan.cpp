#include "load/site_plan.hpp"

#include <map>

namespace recarga::manager {
namespace {

std::string session_key(const std::string& station, int evse, const std::string& transaction) {
    return station + '\x1f' + std::to_string(evse) + '\x1f' + transaction;
}

} // namespace

SitePlan plan_site(const Site& site, const std::vector<SiteStation>& stations, const std::vector<SiteSession>& sessions,
                   const std::vector<AllocationRow>& in_force, const smart::AllocatorOptions& options) {
    std::map<std::string, const SiteStation*> station_of;
    for (const auto& s : stations)
        station_of[s.station_id] = &s;
    std::map<std::string, const AllocationRow*> previous;
    std::map<std::string, std::int64_t> previous_limits; // what the station holds, is being sent, or refused
    for (const auto& row : in_force) {
        const auto key = session_key(row.station_id, row.evse_id, row.transaction_id);
        previous[key] = &row;
        // A station that refused is not asked again with the same limit; one that did not answer is.
        if (row.status != "Failed")
            previous_limits[key] = row.limit_ma;
    }
    SitePlan plan;
    for (const auto& session : sessions) {
        auto st = station_of.find(session.station_id);
        if (st == station_of.end())
            continue;
        const auto key = session_key(session.station_id, session.evse_id, session.transaction_id);
        smart::SessionDemand d;
        d.id = key;
        d.priority = st->second->priority;
        d.phases = st->second->phases;
        d.evse_max_ma = st->second->evse_max_ma;
        d.min_ma = st->second->min_ma;
        d.measured_ma = session.measured_ma;
        if (auto p = previous.find(key); p != previous.end() && p->second->status == "Accepted")
            d.offered_ma = p->second->limit_ma;
        plan.demands.push_back(std::move(d));
        AllocationRow row;
        row.station_id = session.station_id;
        row.evse_id = session.evse_id;
        row.transaction_id = session.transaction_id;
        plan.rows.push_back(std::move(row));
    }
    const auto allocations = smart::allocate(site.limit, plan.demands, options);
    const auto moved = smart::changed(previous_limits, allocations, kResendThresholdMa);
    std::map<std::string, bool> send;
    for (const auto& a : moved)
        send[a.id] = true;
    for (std::size_t i = 0; i < plan.rows.size(); ++i) {
        auto& row = plan.rows[i];
        row.limit_ma = allocations[i].limit_ma;
        row.reason = std::string(smart::to_string(allocations[i].reason));
        row.profile_id = kLoadProfileIdBase + row.evse_id;
        if (send.count(allocations[i].id)) {
            row.status = "Pending";
            plan.to_send.push_back(i);
        } else {
            // Unchanged: what is in force stays, with its state.
            const auto* before = previous.at(allocations[i].id);
            row.limit_ma = before->limit_ma;
            row.status = before->status;
            row.profile_id = before->profile_id;
        }
    }
    return plan;
}

smart::ChargingProfile load_profile(const AllocationRow& row, int phases) {
    smart::ChargingProfile p;
    p.id = row.profile_id.value_or(kLoadProfileIdBase + row.evse_id);
    p.stack_level = kLoadStackLevel;
    p.purpose = smart::Purpose::Tx;
    p.kind = smart::Kind::Relative;
    p.transaction_id = row.transaction_id;
    p.schedule.unit = smart::RateUnit::A;
    p.schedule.periods.push_back({0, row.limit_ma / 100, phases});
    return p;
}

smart::ChargingProfile fallback_profile(const Site& site) {
    smart::ChargingProfile p;
    p.id = kFallbackProfileId;
    p.stack_level = 0;
    p.purpose = smart::Purpose::TxDefault;
    p.kind = smart::Kind::Relative;
    p.schedule.unit = smart::RateUnit::A;
    p.schedule.periods.push_back({0, site.fallback_limit_ma / 100, std::nullopt});
    return p;
}

bool needs_install(const std::optional<StoredProfile>& installed, const smart::ChargingProfile& wanted) {
    return !installed || installed->status == "Failed" || installed->profile != wanted;
}

} // namespace recarga::manager
