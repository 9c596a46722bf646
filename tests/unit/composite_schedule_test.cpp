#include "domain/smart_charging/composite_schedule.hpp"

#include <gtest/gtest.h>

namespace recarga::manager::smart {
namespace {

using namespace std::chrono_literals;

TimePoint at(std::string_view text) {
    return *parse_time(text);
}
const TimePoint kMidnight = at("2026-11-25T00:00:00Z");

InstalledProfile absolute(int evse, Purpose purpose, std::int64_t stack, std::vector<SchedulePeriod> periods,
                          std::optional<std::int64_t> duration = std::nullopt, TimePoint start = kMidnight) {
    InstalledProfile ip;
    ip.evse_id = evse;
    ip.profile.id = stack + 100 * static_cast<int>(purpose) + 1;
    ip.profile.stack_level = stack;
    ip.profile.purpose = purpose;
    ip.profile.kind = Kind::Absolute;
    ip.profile.schedule.start = start;
    ip.profile.schedule.duration = duration;
    ip.profile.schedule.periods = std::move(periods);
    return ip;
}

CompositeRequest window(int evse, std::int64_t duration = 86400) {
    CompositeRequest r;
    r.start = kMidnight;
    r.duration = duration;
    r.evse_id = evse;
    r.default_limit_tenths = 320;
    return r;
}

std::vector<CompositePeriod> periods(std::initializer_list<CompositePeriod> p) {
    return p;
}

TEST(CompositeSchedule, WithoutProfilesTheEvseRatingApplies) {
    auto c = composite_schedule({}, window(1));
    EXPECT_EQ(c.periods, periods({{0, 320, 3}}));
    EXPECT_EQ(c.duration, 86400);
}

TEST(CompositeSchedule, FollowsTheSchedulePeriods) {
    auto c = composite_schedule({absolute(1, Purpose::TxDefault, 0, {{0, 160, {}}, {3600, 80, 1}})}, window(1, 7200));
    EXPECT_EQ(c.periods, periods({{0, 160, 3}, {3600, 80, 1}}));
}

TEST(CompositeSchedule, HigherStackLevelWinsUntilItsDurationEnds) {
    auto c = composite_schedule(
        {absolute(1, Purpose::TxDefault, 0, {{0, 160, {}}}), absolute(1, Purpose::TxDefault, 2, {{0, 100, {}}}, 1800)},
        window(1, 7200));
    EXPECT_EQ(c.periods, periods({{0, 100, 3}, {1800, 160, 3}}));
}

TEST(CompositeSchedule, TheStationMaximumCapsEveryEvse) {
    auto c = composite_schedule({absolute(0, Purpose::StationMax, 0, {{0, 200, {}}, {3600, 120, {}}}),
                                 absolute(0, Purpose::TxDefault, 0, {{0, 160, {}}})},
                                window(1, 7200));
    EXPECT_EQ(c.periods, periods({{0, 160, 3}, {3600, 120, 3}}));
    EXPECT_EQ(composite_schedule({absolute(0, Purpose::StationMax, 0, {{0, 200, {}}})}, window(0, 60)).periods,
              periods({{0, 200, 3}}));
}

TEST(CompositeSchedule, AnEvseTxDefaultOverridesTheOneOnEvse0) {
    auto c = composite_schedule(
        {absolute(0, Purpose::TxDefault, 5, {{0, 100, {}}}), absolute(2, Purpose::TxDefault, 0, {{0, 140, {}}})},
        window(2, 60));
    EXPECT_EQ(c.periods, periods({{0, 140, 3}}));
    EXPECT_EQ(composite_schedule({absolute(0, Purpose::TxDefault, 5, {{0, 100, {}}}),
                                  absolute(2, Purpose::TxDefault, 0, {{0, 140, {}}})},
                                 window(1, 60))
                  .periods,
              periods({{0, 100, 3}}));
}

TEST(CompositeSchedule, ATxProfileAppliesOnlyDuringItsTransaction) {
    auto tx = absolute(1, Purpose::Tx, 0, {{0, 60, {}}});
    tx.profile.transaction_id = "t1";
    std::vector<InstalledProfile> installed{absolute(1, Purpose::TxDefault, 0, {{0, 160, {}}}), tx};
    auto r = window(1, 7200);
    EXPECT_EQ(composite_schedule(installed, r).periods, periods({{0, 160, 3}})) << "no transaction";
    r.transaction_start = kMidnight + 1800s;
    r.transaction_id = "t1";
    EXPECT_EQ(composite_schedule(installed, r).periods, periods({{0, 160, 3}, {1800, 60, 3}}));
    r.transaction_id = "t2";
    EXPECT_EQ(composite_schedule(installed, r).periods, periods({{0, 160, 3}})) << "another transaction";
}

TEST(CompositeSchedule, RelativeSchedulesRunFromTheTransactionStart) {
    auto rel = absolute(1, Purpose::TxDefault, 0, {{0, 100, {}}, {600, 200, {}}});
    rel.profile.kind = Kind::Relative;
    rel.profile.schedule.start.reset();
    auto r = window(1, 3600);
    r.transaction_start = kMidnight + 300s;
    EXPECT_EQ(composite_schedule({rel}, r).periods, periods({{0, 320, 3}, {300, 100, 3}, {900, 200, 3}}));
}

TEST(CompositeSchedule, DailyRecurrenceRepeatsEveryDay) {
    auto daily = absolute(1, Purpose::TxDefault, 0, {{0, 100, {}}, {8 * 3600, 200, {}}}, 20 * 3600,
                          kMidnight - 10 * 86400s); // started ten days ago, runs 20 h of each day
    daily.profile.kind = Kind::Recurring;
    daily.profile.recurrency = Recurrency::Daily;
    auto r = window(1, 2 * 86400);
    EXPECT_EQ(composite_schedule({daily}, r).periods, periods({{0, 100, 3},
                                                               {8 * 3600, 200, 3},
                                                               {20 * 3600, 320, 3},
                                                               {86400, 100, 3},
                                                               {86400 + 8 * 3600, 200, 3},
                                                               {86400 + 20 * 3600, 320, 3}}));
}

TEST(CompositeSchedule, ValidityBoundsTheProfile) {
    auto p = absolute(1, Purpose::TxDefault, 0, {{0, 100, {}}});
    p.profile.valid_from = kMidnight + 600s;
    p.profile.valid_to = kMidnight + 1200s;
    EXPECT_EQ(composite_schedule({p}, window(1, 3600)).periods, periods({{0, 320, 3}, {600, 100, 3}, {1200, 320, 3}}));
}

TEST(CompositeSchedule, LimitsAreConvertedToTheRequestedUnit) {
    auto watts = absolute(0, Purpose::StationMax, 0, {{0, 110400, {}}}); // 11040 W = 16 A x 230 V x 3
    watts.profile.schedule.unit = RateUnit::W;
    auto r = window(1, 60);
    EXPECT_EQ(composite_schedule({watts}, r).periods, periods({{0, 160, 3}}));
    r.unit = RateUnit::W;
    r.default_limit_tenths = 1000000;
    EXPECT_EQ(composite_schedule({absolute(1, Purpose::TxDefault, 0, {{0, 100, 1}})}, r).periods,
              periods({{0, 23000, 1}})); // 10 A on one phase
    EXPECT_EQ(convert_tenths(1005, RateUnit::W, RateUnit::A, 1, 230), 4) << "rounded down";
}

TEST(CompositeSchedule, LimitAtHonoursDurationAndStart) {
    auto p = absolute(1, Purpose::TxDefault, 0, {{0, 100, {}}, {60, 50, 2}}, 120).profile;
    EXPECT_FALSE(limit_at(p, kMidnight - 1s, std::nullopt));
    EXPECT_EQ(limit_at(p, kMidnight + 59s, std::nullopt)->limit_tenths, 100);
    EXPECT_EQ(limit_at(p, kMidnight + 60s, std::nullopt)->phases, 2);
    EXPECT_FALSE(limit_at(p, kMidnight + 120s, std::nullopt));
}

} // namespace
} // namespace recarga::manager::smart
