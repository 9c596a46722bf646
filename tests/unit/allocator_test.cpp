#include "domain/smart_charging/allocator.hpp"

#include <gtest/gtest.h>
#include <random>

namespace recarga::manager::smart {
namespace {

SessionDemand session(std::string id, std::int64_t evse_max_ma = 32000, int phases = 3, int priority = 0,
                      std::int64_t min_ma = 6000) {
    SessionDemand s;
    s.id = std::move(id);
    s.evse_max_ma = evse_max_ma;
    s.phases = phases;
    s.priority = priority;
    s.min_ma = min_ma;
    return s;
}

std::vector<std::int64_t> limits(const std::vector<Allocation>& a) {
    std::vector<std::int64_t> out;
    for (const auto& x : a)
        out.push_back(x.limit_ma);
    return out;
}

TEST(Allocator, EqualShareOfACurrentLimit) {
    auto a = allocate(SiteLimit::current_ma(48000), {session("a"), session("b"), session("c")});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{16000, 16000, 16000}));
    EXPECT_EQ(a[0].reason, AllocationReason::Shared);
}

TEST(Allocator, NobodyGetsMoreThanItsEvseAllows) {
    auto a = allocate(SiteLimit::current_ma(100000), {session("a", 16000), session("b", 32000)});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{16000, 32000}));
    EXPECT_EQ(a[0].reason, AllocationReason::EvseMax);
    auto b = allocate(SiteLimit::current_ma(40000), {session("a", 10000), session("b"), session("c")});
    EXPECT_EQ(limits(b), (std::vector<std::int64_t>{10000, 15000, 15000})) << "what a small EVSE leaves is shared";
}

TEST(Allocator, BelowTheMinimumASessionIsPausedNotStarved) {
    auto a = allocate(SiteLimit::current_ma(10000), {session("a"), session("b")});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{10000, 0}));
    EXPECT_EQ(a[1].reason, AllocationReason::Paused);
    auto b = allocate(SiteLimit::current_ma(5000), {session("a")});
    EXPECT_EQ(limits(b), (std::vector<std::int64_t>{0}));
}

TEST(Allocator, HigherPriorityIsServedFirst) {
    auto a = allocate(SiteLimit::current_ma(40000), {session("low"), session("high", 32000, 3, 1)});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{8000, 32000}));
    auto b = allocate(SiteLimit::current_ma(10000), {session("low"), session("high", 32000, 3, 1)});
    EXPECT_EQ(limits(b), (std::vector<std::int64_t>{0, 10000})) << "the low-priority session is paused first";
}

TEST(Allocator, AHigherMinimumIsKeptAndOthersShareTheRest) {
    auto a = allocate(SiteLimit::current_ma(30000), {session("a"), session("b"), session("c", 32000, 3, 0, 13000)});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{8500, 8500, 13000}));
    EXPECT_EQ(a[2].reason, AllocationReason::Minimum);
}

TEST(Allocator, WhatASelfLimitedCarLeavesGoesToTheOthers) {
    auto slow = session("slow");
    slow.measured_ma = 7000; // offered 16 A, takes 7 A
    slow.offered_ma = 16000;
    auto a = allocate(SiteLimit::current_ma(48000), {slow, session("b"), session("c")}, {1000});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{8000, 20000, 20000}));
    EXPECT_EQ(a[0].reason, AllocationReason::Demand);
    slow.measured_ma = 15500; // takes what it is offered: may want more
    EXPECT_EQ(limits(allocate(SiteLimit::current_ma(48000), {slow, session("b"), session("c")}, {1000})),
              (std::vector<std::int64_t>{16000, 16000, 16000}));
}

TEST(Allocator, APowerLimitCountsPhases) {
    // 22 kW at 230 V: two three-phase sessions get 22000 / (2 x 3 x 230) A each.
    auto a = allocate(SiteLimit::power_w(22000), {session("a"), session("b")});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{15942, 15942}));
    // A single-phase car costs a third: the same current for all, more cars fit.
    auto b = allocate(SiteLimit::power_w(11040), {session("a", 32000, 1), session("b", 32000, 3)});
    EXPECT_EQ(limits(b), (std::vector<std::int64_t>{12000, 12000}));
}

TEST(Allocator, SinglePhaseSessionsLoadL1) {
    auto load = site_load(SiteLimit::current_ma(32000), {session("a", 32000, 1), session("b", 32000, 3)},
                          {{"a", 10000, {}}, {"b", 16000, {}}});
    EXPECT_EQ(load.load, (std::vector<std::int64_t>{26000, 16000, 16000}));
}

TEST(Allocator, InvalidDemandsArePaused) {
    auto bad = session("bad", 32000, 4);
    auto inverted = session("inverted", 5000, 3, 0, 6000);
    auto a = allocate(SiteLimit::current_ma(100000), {bad, inverted, session("ok")});
    EXPECT_EQ(limits(a), (std::vector<std::int64_t>{0, 0, 32000}));
    EXPECT_EQ(a[0].reason, AllocationReason::Invalid);
    EXPECT_EQ(a[1].reason, AllocationReason::Invalid);
}

TEST(Allocator, OnlyChangedAllocationsAreSent) {
    std::map<std::string, std::int64_t> in_force{{"a", 16000}, {"b", 16000}, {"c", 0}};
    auto next = std::vector<Allocation>{{"a", 16050, {}}, {"b", 12000, {}}, {"c", 6000, {}}, {"d", 8000, {}}};
    auto c = changed(in_force, next, 100);
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].id, "b");
    EXPECT_EQ(c[1].id, "c");
    EXPECT_EQ(c[2].id, "d");
    EXPECT_TRUE(changed(in_force, {{"a", 16000, {}}}, 100).empty());
}

// Property tests: random sites and sessions, seeded, checked against the invariants the allocator promises.
struct Case {
    SiteLimit limit;
    std::vector<SessionDemand> sessions;
};

Case random_case(std::mt19937_64& rng) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    Case c;
    c.limit = pick(0, 1) ? SiteLimit::current_ma(pick(0, 200000)) : SiteLimit::power_w(pick(0, 150000));
    const auto n = pick(0, 25);
    for (std::int64_t i = 0; i < n; ++i) {
        SessionDemand s;
        s.id = "s" + std::to_string(i);
        s.priority = static_cast<int>(pick(0, 2));
        s.phases = pick(0, 9) < 3 ? 1 : 3;
        s.min_ma = pick(0, 4) == 0 ? pick(0, 16000) : 6000;
        s.evse_max_ma = pick(0, 19) == 0 ? pick(1000, 8000) : pick(6000, 80000); // some invalid (max < min)
        if (pick(0, 2) == 0) {
            s.offered_ma = pick(0, 32000);
            s.measured_ma = pick(0, *s.offered_ma);
        }
        c.sessions.push_back(s);
    }
    return c;
}

class AllocatorProperties : public ::testing::Test {
protected:
    static constexpr int kCases = 5000;
    static constexpr std::uint64_t kSeed = 20261125;
    AllocatorOptions options{1000};
};

TEST_F(AllocatorProperties, NeverOverTheLimit) {
    std::mt19937_64 rng(kSeed);
    for (int k = 0; k < kCases; ++k) {
        auto c = random_case(rng);
        auto a = allocate(c.limit, c.sessions, options);
        auto load = site_load(c.limit, c.sessions, a);
        for (auto l : load.load)
            ASSERT_LE(l, load.capacity) << "case " << k;
    }
}

TEST_F(AllocatorProperties, NeverBelowAMinimumWithoutPausingNorAboveTheDemand) {
    std::mt19937_64 rng(kSeed + 1);
    for (int k = 0; k < kCases; ++k) {
        auto c = random_case(rng);
        auto a = allocate(c.limit, c.sessions, options);
        ASSERT_EQ(a.size(), c.sessions.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            const auto& s = c.sessions[i];
            ASSERT_EQ(a[i].id, s.id);
            ASSERT_TRUE(a[i].limit_ma == 0 || a[i].limit_ma >= s.min_ma) << "case " << k << " session " << i;
            ASSERT_LE(a[i].limit_ma, demand_cap(s, options)) << "case " << k << " session " << i;
            ASSERT_LE(a[i].limit_ma, s.evse_max_ma);
            if (!valid_demand(s)) {
                ASSERT_EQ(a[i].limit_ma, 0);
            }
        }
    }
}

TEST_F(AllocatorProperties, FairAmongEqualPriorities) {
    std::mt19937_64 rng(kSeed + 2);
    constexpr std::int64_t kTolerance = 1; // mA
    for (int k = 0; k < kCases; ++k) {
        auto c = random_case(rng);
        auto a = allocate(c.limit, c.sessions, options);
        for (std::size_t i = 0; i < a.size(); ++i) {
            for (std::size_t j = 0; j < a.size(); ++j) {
                const auto &si = c.sessions[i], &sj = c.sessions[j];
                if (si.priority != sj.priority || a[i].limit_ma == 0 || a[j].limit_ma == 0)
                    continue;
                if (a[i].limit_ma + kTolerance >= a[j].limit_ma)
                    continue;
                // i has less than j: only because i wants no more, or j is held up by its own minimum.
                ASSERT_TRUE(a[i].limit_ma == demand_cap(si, options) || a[j].limit_ma == sj.min_ma)
                    << "case " << k << ": " << si.id << "=" << a[i].limit_ma << " " << sj.id << "=" << a[j].limit_ma;
            }
        }
    }
}

TEST_F(AllocatorProperties, LeavesNothingUnusedThatSomeoneWants) {
    std::mt19937_64 rng(kSeed + 3);
    for (int k = 0; k < kCases; ++k) {
        auto c = random_case(rng);
        auto a = allocate(c.limit, c.sessions, options);
        auto load = site_load(c.limit, c.sessions, a);
        // Rounding may leave one unit of each resource per session.
        std::int64_t rounding = 0;
        for (const auto& s : c.sessions)
            rounding += c.limit.kind == SiteLimit::Kind::Power ? s.phases * c.limit.voltage : 1;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].limit_ma == 0 || a[i].limit_ma >= demand_cap(c.sessions[i], options))
                continue;
            // An admitted session below its demand: the resource it shares with everyone (L1, or the power) is full.
            ASSERT_GE(load.load[0] + rounding, load.capacity) << "case " << k << " session " << i;
        }
    }
}

TEST_F(AllocatorProperties, PriorityOrderHolds) {
    std::mt19937_64 rng(kSeed + 4);
    for (int k = 0; k < kCases; ++k) {
        auto c = random_case(rng);
        auto a = allocate(c.limit, c.sessions, options);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const auto& hi = c.sessions[i];
            if (!valid_demand(hi))
                continue;
            if (a[i].reason == AllocationReason::Paused) {
                // Paused: its minimum did not fit beside the minimums of the sessions at its priority or above.
                std::vector<Allocation> minimums;
                for (std::size_t j = 0; j < a.size(); ++j) {
                    const bool admitted =
                        a[j].reason != AllocationReason::Paused && a[j].reason != AllocationReason::Invalid;
                    const bool counted = j == i || (admitted && c.sessions[j].priority >= hi.priority);
                    minimums.push_back({c.sessions[j].id, counted ? c.sessions[j].min_ma : 0, {}});
                }
                auto load = site_load(c.limit, c.sessions, minimums);
                bool over = false;
                for (auto l : load.load)
                    over = over || l > load.capacity;
                ASSERT_TRUE(over) << "case " << k << ": " << hi.id << " paused although its minimum fits";
                continue;
            }
            if (a[i].limit_ma >= demand_cap(hi, options))
                continue;
            // Held below its demand: no lower priority takes more than its minimum.
            for (std::size_t j = 0; j < a.size(); ++j)
                if (c.sessions[j].priority < hi.priority && a[j].limit_ma > 0) {
                    ASSERT_EQ(a[j].limit_ma, c.sessions[j].min_ma) << "case " << k;
                }
        }
    }
}

} // namespace
} // namespace recarga::manager::smart

namespace recarga::manager::smart {
namespace {

// Nested limits: a site, feeders under it, sub-feeders under those.
struct TreeCase {
    std::vector<GroupLimit> groups;
    std::vector<SessionDemand> sessions;
};

SessionDemand in_group(std::string id, std::string group, std::int64_t evse_max_ma = 32000, int phases = 3) {
    SessionDemand s;
    s.id = std::move(id);
    s.group = std::move(group);
    s.evse_max_ma = evse_max_ma;
    s.phases = phases;
    return s;
}

TEST(NestedLimits, AFeederHoldsItsStationsAndTheSiteHoldsAll) {
    // Site 64 A; feeder F (under it) 20 A with two sessions; two sessions directly on the site.
    std::vector<GroupLimit> groups{{"site", std::nullopt, SiteLimit::current_ma(64000)},
                                   {"F", "site", SiteLimit::current_ma(20000)}};
    auto a = allocate(groups, {in_group("f1", "F"), in_group("f2", "F"), in_group("s1", "site"), in_group("s2", "site")});
    std::vector<std::int64_t> got;
    for (const auto& x : a)
        got.push_back(x.limit_ma);
    EXPECT_EQ(got, (std::vector<std::int64_t>{10000, 10000, 22000, 22000})) << "what the feeder cannot take goes on";
    auto loads = group_loads(groups, {in_group("f1", "F"), in_group("f2", "F"), in_group("s1", "site"),
                                      in_group("s2", "site")},
                             a);
    EXPECT_EQ(loads[0].load[0], 64000);
    EXPECT_EQ(loads[1].load[0], 20000);
}

TEST(NestedLimits, ATightSiteLimitsItsFeeders) {
    std::vector<GroupLimit> groups{{"site", std::nullopt, SiteLimit::current_ma(30000)},
                                   {"F", "site", SiteLimit::current_ma(100000)},
                                   {"G", "F", SiteLimit::current_ma(100000)}};
    auto a = allocate(groups, {in_group("g1", "G"), in_group("g2", "G"), in_group("f1", "F")});
    EXPECT_EQ(a[0].limit_ma + a[1].limit_ma + a[2].limit_ma, 30000);
}

TEST(NestedLimits, AnUnknownGroupIsPausedAndCyclesEnd) {
    std::vector<GroupLimit> groups{{"A", "B", SiteLimit::current_ma(20000)}, {"B", "A", SiteLimit::current_ma(10000)}};
    auto a = allocate(groups, {in_group("x", "nowhere"), in_group("a", "A")});
    EXPECT_EQ(a[0].limit_ma, 0);
    EXPECT_EQ(a[0].reason, AllocationReason::Invalid);
    EXPECT_EQ(a[1].limit_ma, 10000) << "both groups of the cycle hold";
}

TEST(NestedLimits, OneGroupIsTheSingleLimit) {
    std::mt19937_64 rng(7);
    for (int k = 0; k < 500; ++k) {
        auto c = random_case(rng);
        auto sessions = c.sessions;
        for (auto& s : sessions)
            s.group = "site";
        EXPECT_EQ(allocate({{"site", std::nullopt, c.limit}}, sessions, {1000}), allocate(c.limit, c.sessions, {1000}))
            << "case " << k;
    }
}

TreeCase random_tree(std::mt19937_64& rng) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    TreeCase c;
    const auto n_groups = pick(1, 6);
    for (std::int64_t g = 0; g < n_groups; ++g) {
        GroupLimit group;
        group.id = "g" + std::to_string(g);
        if (g > 0)
            group.parent = "g" + std::to_string(pick(0, g - 1)); // a tree rooted at g0
        group.limit = pick(0, 3) ? SiteLimit::current_ma(pick(0, 120000)) : SiteLimit::power_w(pick(0, 90000));
        c.groups.push_back(std::move(group));
    }
    const auto n = pick(0, 25);
    for (std::int64_t i = 0; i < n; ++i) {
        SessionDemand s;
        s.id = "s" + std::to_string(i);
        s.group = "g" + std::to_string(pick(0, n_groups - 1));
        s.priority = static_cast<int>(pick(0, 2));
        s.phases = pick(0, 9) < 3 ? 1 : 3;
        s.min_ma = pick(0, 4) == 0 ? pick(0, 16000) : 6000;
        s.evse_max_ma = pick(0, 19) == 0 ? pick(1000, 8000) : pick(6000, 80000);
        if (pick(0, 2) == 0) {
            s.offered_ma = pick(0, 32000);
            s.measured_ma = pick(0, *s.offered_ma);
        }
        c.sessions.push_back(s);
    }
    return c;
}

TEST(NestedLimitsProperties, NeverOverAnyLevelsLimit) {
    std::mt19937_64 rng(20261126);
    for (int k = 0; k < 5000; ++k) {
        auto c = random_tree(rng);
        auto a = allocate(c.groups, c.sessions, {1000});
        auto loads = group_loads(c.groups, c.sessions, a);
        ASSERT_EQ(loads.size(), c.groups.size());
        for (std::size_t g = 0; g < loads.size(); ++g)
            for (auto l : loads[g].load)
                ASSERT_LE(l, loads[g].capacity) << "case " << k << " group " << c.groups[g].id;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const auto& s = c.sessions[i];
            ASSERT_TRUE(a[i].limit_ma == 0 || a[i].limit_ma >= s.min_ma) << "case " << k << " session " << i;
            ASSERT_LE(a[i].limit_ma, demand_cap(s, {1000})) << "case " << k << " session " << i;
        }
    }
}

TEST(NestedLimitsProperties, NothingLeftUnusedThatAnUnheldSessionWants) {
    // A session below its demand is held by a full group it loads: adding 1 mA to it would break some level.
    std::mt19937_64 rng(20261127);
    for (int k = 0; k < 2000; ++k) {
        auto c = random_tree(rng);
        for (auto& s : c.sessions)
            s.priority = 0;
        auto a = allocate(c.groups, c.sessions, {1000});
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].limit_ma == 0 || a[i].limit_ma >= demand_cap(c.sessions[i], {1000}))
                continue;
            auto more = a;
            more[i].limit_ma += static_cast<std::int64_t>(c.sessions.size()) * 3; // beyond rounding
            auto loads = group_loads(c.groups, c.sessions, more);
            bool over = false;
            for (const auto& l : loads)
                for (auto x : l.load)
                    over = over || x > l.capacity;
            ASSERT_TRUE(over) << "case " << k << " session " << i << " could have had more";
        }
    }
}

} // namespace
} // namespace recarga::manager::smart
