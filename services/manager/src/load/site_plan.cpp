#include "load/site_plan.hpp"

#include <algorithm>
#include <map>

namespace recarga::manager {
namespace {

std::string session_key(const std::string& station, int evse, const std::string& transaction) {
    return station + '\x1f' + std::to_string(evse) + '\x1f' + transaction;
}

} // namespace

SitePlan plan_site(const Site& site, const std::vector<SiteStation>& stations, const std::vector<SiteSession>& sessions,
                   const std::vector<AllocationRow>& in_force, const smart::AllocatorOptions& options) {
    return plan_tree({site}, stations, sessions, in_force, options);
}

SitePlan plan_tree(const std::vector<Site>& tree, const std::vector<SiteStation>& stations,
                   const std::vector<SiteSession>& sessions, const std::vector<AllocationRow>& in_force,
                   const smart::AllocatorOptions& options) {
    SitePlan plan;
    if (tree.empty())
        return plan;
    std::map<std::string, const Site*> group_of;
    std::vector<smart::GroupLimit> groups;
    for (const auto& g : tree) {
        group_of[g.id] = &g;
        groups.push_back({g.id, g.parent_id, g.limit});
    }
    groups.front().parent.reset(); // the root holds whatever its row says
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
        // A station of a group outside the tree (it moved meanwhile) counts against the root only.
        const auto group = group_of.find(st->second->site_id);
        d.group = group != group_of.end() ? group->first : tree.front().id;
        if (auto p = previous.find(key); p != previous.end() && p->second->status == "Accepted")
            d.offered_ma = p->second->limit_ma;
        plan.groups.push_back(d.group);
        plan.demands.push_back(std::move(d));
        AllocationRow row;
        row.station_id = session.station_id;
        row.evse_id = session.evse_id;
        row.transaction_id = session.transaction_id;
        plan.rows.push_back(std::move(row));
    }
    const auto allocations = smart::allocate(groups, plan.demands, options);
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
    // Decreases first, so that a session never draws more before another has given up what it takes from it: a
    // session draws what is in force, or its group's fallback (its TxDefaultProfile) until its first TxProfile.
    auto delta = [&](std::size_t i) {
        const auto key = allocations[i].id;
        auto it = previous_limits.find(key);
        const std::int64_t before =
            it != previous_limits.end() ? it->second : group_of.at(plan.demands[i].group)->fallback_limit_ma;
        return plan.rows[i].limit_ma - before;
    };
    std::stable_sort(plan.to_send.begin(), plan.to_send.end(),
                     [&](std::size_t a, std::size_t b) { return delta(a) < delta(b); });
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
