#include "domain/smart_charging/allocator.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <numeric>

namespace recarga::manager::smart {
namespace {

constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max();

// A resource the sessions share: a phase conductor (mA) or the site's power (mW). weight[i]: what one mA per phase
// of session i costs of it.
struct Constraint {
    std::int64_t capacity = 0;
    std::vector<std::int64_t> weight;
    std::int64_t load = 0;
    bool full = false; // filled up to rounding by a higher priority: what is left stays unused (strict priority)
};

// The constraints one limit puts on the sessions for which loads[i] is true.
void add_constraints(std::vector<Constraint>& out, const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                     const std::vector<bool>& loads) {
    if (limit.kind == SiteLimit::Kind::CurrentPerPhase) {
        for (int phase = 0; phase < 3; ++phase) {
            Constraint c{std::max<std::int64_t>(limit.value, 0), {}, 0};
            for (std::size_t i = 0; i < sessions.size(); ++i)
                c.weight.push_back(loads[i] && phase < sessions[i].phases ? 1 : 0);
            out.push_back(std::move(c));
        }
    } else {
        Constraint c{std::max<std::int64_t>(limit.value, 0) * 1000, {}, 0};
        for (std::size_t i = 0; i < sessions.size(); ++i)
            c.weight.push_back(loads[i] ? static_cast<std::int64_t>(sessions[i].phases) * std::max(limit.voltage, 1)
                                        : 0);
        out.push_back(std::move(c));
    }
}

std::vector<bool> valid_of(const std::vector<SessionDemand>& sessions) {
    std::vector<bool> out;
    for (const auto& s : sessions)
        out.push_back(valid_demand(s));
    return out;
}

// Per group, which sessions load it: those in it or in a group below it. A session of an unknown group loads
// nothing and is not valid (valid[i] cleared); a parent that is not among the groups ends the chain, and so does a
// cycle.
std::vector<std::vector<bool>> membership(const std::vector<GroupLimit>& groups,
                                          const std::vector<SessionDemand>& sessions, std::vector<bool>& valid) {
    std::vector<std::vector<bool>> loads(groups.size(), std::vector<bool>(sessions.size(), false));
    auto index_of = [&](const std::string& id) -> std::optional<std::size_t> {
        for (std::size_t g = 0; g < groups.size(); ++g)
            if (groups[g].id == id)
                return g;
        return std::nullopt;
    };
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        auto g = index_of(sessions[i].group);
        if (!g) {
            valid[i] = false;
            continue;
        }
        if (!valid[i])
            continue;
        for (std::size_t depth = 0; g && depth < groups.size() && !loads[*g][i]; ++depth) {
            loads[*g][i] = true;
            g = groups[*g].parent ? index_of(*groups[*g].parent) : std::nullopt;
        }
    }
    return loads;
}

bool fits(const std::vector<Constraint>& cs, std::size_t i, std::int64_t amount) {
    for (const auto& c : cs)
        if (c.weight[i] > 0 && c.load + amount * c.weight[i] > c.capacity)
            return false;
    return true;
}

void add(std::vector<Constraint>& cs, std::size_t i, std::int64_t amount) {
    for (auto& c : cs)
        c.load += amount * c.weight[i];
}

// Water filling of one priority: the sessions in `tier` (admitted, at their minimum) rise together.
void fill(std::vector<Constraint>& cs, const std::vector<std::size_t>& tier, const std::vector<std::int64_t>& cap,
          const std::vector<std::int64_t>& min, std::vector<std::int64_t>& alloc, std::vector<bool>& frozen) {
    std::int64_t level = 0;
    for (;;) {
        std::vector<std::size_t> active, rising;
        for (auto i : tier) {
            if (frozen[i])
                continue;
            active.push_back(i);
            if (alloc[i] <= level)
                rising.push_back(i);
        }
        if (active.empty())
            return;
        std::int64_t next = kInf; // the next level at which the rising set changes
        for (auto i : rising)
            next = std::min(next, cap[i]);
        for (auto i : active)
            if (min[i] > level)
                next = std::min(next, min[i]);
        if (rising.empty()) {
            level = next;
            continue;
        }
        std::int64_t step = next - level;
        std::vector<std::int64_t> slope(cs.size(), 0);
        for (std::size_t c = 0; c < cs.size(); ++c) {
            for (auto i : rising)
                slope[c] += cs[c].weight[i];
            if (slope[c] > 0)
                step = std::min(step, cs[c].full ? 0 : (cs[c].capacity - cs[c].load) / slope[c]);
        }
        for (auto i : rising)
            alloc[i] += step;
        for (std::size_t c = 0; c < cs.size(); ++c)
            cs[c].load += step * slope[c];
        level += step;
        for (auto i : rising)
            if (alloc[i] >= cap[i])
                frozen[i] = true;
        // A full resource stops every session that loads it.
        for (std::size_t c = 0; c < cs.size(); ++c) {
            if (slope[c] == 0 || (!cs[c].full && cs[c].capacity - cs[c].load >= slope[c]))
                continue;
            cs[c].full = true;
            for (auto i : active)
                if (cs[c].weight[i] > 0)
                    frozen[i] = true;
        }
    }
}

} // namespace

std::string_view to_string(AllocationReason r) noexcept {
    switch (r) {
    case AllocationReason::Invalid:
        return "Invalid";
    case AllocationReason::Paused:
        return "Paused";
    case AllocationReason::EvseMax:
        return "EvseMax";
    case AllocationReason::Demand:
        return "Demand";
    case AllocationReason::Shared:
        return "Shared";
    case AllocationReason::Minimum:
        return "Minimum";
    }
    return "";
}

bool valid_demand(const SessionDemand& s) {
    return s.phases >= 1 && s.phases <= 3 && s.min_ma >= 0 && s.evse_max_ma >= s.min_ma && s.evse_max_ma > 0 &&
           (!s.measured_ma || *s.measured_ma >= 0);
}

std::int64_t demand_cap(const SessionDemand& s, const AllocatorOptions& options) {
    if (!valid_demand(s))
        return 0;
    // The car takes clearly less than it was offered: it limits itself.
    if (s.measured_ma && s.offered_ma && *s.measured_ma + options.headroom_ma < *s.offered_ma)
        return std::clamp(*s.measured_ma + options.headroom_ma, s.min_ma, s.evse_max_ma);
    return s.evse_max_ma;
}

namespace {

std::vector<Allocation> allocate_under(std::vector<Constraint> cs, const std::vector<SessionDemand>& sessions,
                                       const std::vector<bool>& valid, const AllocatorOptions& options) {
    const std::size_t n = sessions.size();
    std::vector<std::int64_t> cap(n), min(n), alloc(n, 0);
    std::vector<bool> admitted(n, false), frozen(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        cap[i] = valid[i] ? demand_cap(sessions[i], options) : 0;
        min[i] = sessions[i].min_ma;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sessions[a].priority > sessions[b].priority; });
    for (auto i : order) {
        if (!valid[i] || !fits(cs, i, min[i]))
            continue;
        admitted[i] = true;
        alloc[i] = min[i];
        add(cs, i, min[i]);
        frozen[i] = alloc[i] >= cap[i];
    }
    for (std::size_t begin = 0; begin < n;) {
        std::size_t end = begin;
        std::vector<std::size_t> tier;
        while (end < n && sessions[order[end]].priority == sessions[order[begin]].priority) {
            if (admitted[order[end]])
                tier.push_back(order[end]);
            ++end;
        }
        fill(cs, tier, cap, min, alloc, frozen);
        begin = end;
    }
    std::vector<Allocation> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Allocation a{sessions[i].id, alloc[i], AllocationReason::Shared};
        if (!valid[i]) {
            a.reason = AllocationReason::Invalid;
        } else if (!admitted[i]) {
            a.reason = AllocationReason::Paused;
        } else if (alloc[i] >= sessions[i].evse_max_ma) {
            a.reason = AllocationReason::EvseMax;
        } else if (alloc[i] >= cap[i]) {
            a.reason = AllocationReason::Demand;
        } else if (alloc[i] == min[i]) {
            a.reason = AllocationReason::Minimum;
        }
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace

std::vector<Allocation> allocate(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                                 const AllocatorOptions& options) {
    const auto valid = valid_of(sessions);
    std::vector<Constraint> cs;
    add_constraints(cs, limit, sessions, valid);
    return allocate_under(std::move(cs), sessions, valid, options);
}

std::vector<Allocation> allocate(const std::vector<GroupLimit>& groups, const std::vector<SessionDemand>& sessions,
                                 const AllocatorOptions& options) {
    auto valid = valid_of(sessions);
    const auto loads = membership(groups, sessions, valid);
    std::vector<Constraint> cs;
    for (std::size_t g = 0; g < groups.size(); ++g)
        add_constraints(cs, groups[g].limit, sessions, loads[g]);
    return allocate_under(std::move(cs), sessions, valid, options);
}

namespace {

SiteLoad load_of(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                 const std::vector<Allocation>& allocations, const std::vector<bool>& loads) {
    std::vector<Constraint> cs;
    add_constraints(cs, limit, sessions, loads);
    SiteLoad out;
    out.capacity = cs.front().capacity;
    for (auto& c : cs) {
        for (std::size_t i = 0; i < sessions.size() && i < allocations.size(); ++i)
            c.load += allocations[i].limit_ma * c.weight[i];
        out.load.push_back(c.load);
    }
    return out;
}

} // namespace

SiteLoad site_load(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                   const std::vector<Allocation>& allocations) {
    return load_of(limit, sessions, allocations, valid_of(sessions));
}

std::vector<SiteLoad> group_loads(const std::vector<GroupLimit>& groups, const std::vector<SessionDemand>& sessions,
                                  const std::vector<Allocation>& allocations) {
    auto valid = valid_of(sessions);
    const auto loads = membership(groups, sessions, valid);
    std::vector<SiteLoad> out;
    for (std::size_t g = 0; g < groups.size(); ++g)
        out.push_back(load_of(groups[g].limit, sessions, allocations, loads[g]));
    return out;
}

std::vector<Allocation> changed(const std::map<std::string, std::int64_t>& in_force,
                                const std::vector<Allocation>& next, std::int64_t threshold_ma) {
    std::vector<Allocation> out;
    for (const auto& a : next) {
        auto it = in_force.find(a.id);
        if (it == in_force.end() || (it->second == 0) != (a.limit_ma == 0) ||
            std::llabs(it->second - a.limit_ma) >= threshold_ma)
            out.push_back(a);
    }
    return out;
}

} // namespace recarga::manager::smart
