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

std::vector<Constraint> constraints_of(const SiteLimit& limit, const std::vector<SessionDemand>& sessions) {
    std::vector<Constraint> out;
    if (limit.kind == SiteLimit::Kind::CurrentPerPhase) {
        for (int phase = 0; phase < 3; ++phase) {
            Constraint c{std::max<std::int64_t>(limit.value, 0), {}, 0};
            for (const auto& s : sessions)
                c.weight.push_back(valid_demand(s) && phase < s.phases ? 1 : 0);
            out.push_back(std::move(c));
        }
    } else {
        Constraint c{std::max<std::int64_t>(limit.value, 0) * 1000, {}, 0};
        for (const auto& s : sessions)
            c.weight.push_back(valid_demand(s) ? static_cast<std::int64_t>(s.phases) * std::max(limit.voltage, 1) : 0);
        out.push_back(std::move(c));
    }
    return out;
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

std::vector<Allocation> allocate(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                                 const AllocatorOptions& options) {
    const std::size_t n = sessions.size();
    auto cs = constraints_of(limit, sessions);
    std::vector<std::int64_t> cap(n), min(n), alloc(n, 0);
    std::vector<bool> admitted(n, false), frozen(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        cap[i] = demand_cap(sessions[i], options);
        min[i] = sessions[i].min_ma;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sessions[a].priority > sessions[b].priority; });
    for (auto i : order) {
        if (!valid_demand(sessions[i]) || !fits(cs, i, min[i]))
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
        if (!valid_demand(sessions[i])) {
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

SiteLoad site_load(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                   const std::vector<Allocation>& allocations) {
    auto cs = constraints_of(limit, sessions);
    SiteLoad out;
    out.capacity = cs.front().capacity;
    for (auto& c : cs) {
        for (std::size_t i = 0; i < sessions.size() && i < allocations.size(); ++i)
            c.load += allocations[i].limit_ma * c.weight[i];
        out.load.push_back(c.load);
    }
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
