#include "load/site_plan.hpp"
#include "recarga/ocpp/validator.hpp"

#include <gtest/gtest.h>

namespace recarga::manager {
namespace {

Site site(std::int64_t limit_ma) {
    Site s;
    s.id = "depot";
    s.limit = smart::SiteLimit::current_ma(limit_ma);
    return s;
}

std::vector<SiteStation> stations() {
    return {
        {"CP1", "depot", 32000, 6000, 3, 0}, {"CP2", "depot", 16000, 6000, 1, 0}, {"CP3", "depot", 32000, 6000, 3, 0}};
}

SiteSession session(std::string station, std::string tx, int evse = 1) {
    return {std::move(station), "ocpp1.6", evse, std::move(tx), std::nullopt};
}

TEST(SitePlan, EverySessionIsSentItsFirstLimit) {
    auto plan = plan_site(site(40000), stations(), {session("CP1", "11"), session("CP3", "12")}, {});
    ASSERT_EQ(plan.rows.size(), 2u);
    EXPECT_EQ(plan.rows[0].limit_ma, 20000);
    EXPECT_EQ(plan.rows[1].limit_ma, 20000);
    EXPECT_EQ(plan.to_send, (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(plan.rows[0].status, "Pending");
    EXPECT_EQ(plan.rows[0].profile_id, kLoadProfileIdBase + 1);
}

TEST(SitePlan, OnlyChangedSessionsAreSentAgain) {
    auto first = plan_site(site(48000), stations(), {session("CP1", "11"), session("CP2", "12")}, {});
    for (auto& r : first.rows)
        r.status = "Accepted";
    // CP2 is held by its 16 A EVSE: a third session takes from CP1 only.
    auto second = plan_site(site(48000), stations(), {session("CP1", "11"), session("CP2", "12"), session("CP3", "13")},
                            first.rows);
    EXPECT_EQ(first.rows[0].limit_ma, 32000);
    EXPECT_EQ(first.rows[1].limit_ma, 16000);
    EXPECT_EQ(second.rows[0].limit_ma, 16000);
    EXPECT_EQ(second.rows[1].limit_ma, 16000);
    EXPECT_EQ(second.rows[2].limit_ma, 16000);
    EXPECT_EQ(second.to_send, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(second.rows[1].status, "Accepted") << "unchanged: kept as it was";
    // Nothing changes: nothing is sent.
    for (auto& r : second.rows)
        r.status = "Accepted";
    auto third = plan_site(site(48000), stations(), {session("CP1", "11"), session("CP2", "12"), session("CP3", "13")},
                           second.rows);
    EXPECT_TRUE(third.to_send.empty());
}

TEST(SitePlan, AnUndeliveredProfileIsSentAgainARefusedOneIsNot) {
    auto first = plan_site(site(40000), stations(), {session("CP1", "11")}, {});
    first.rows[0].status = "Failed";
    auto again = plan_site(site(40000), stations(), {session("CP1", "11")}, first.rows);
    EXPECT_EQ(again.to_send, (std::vector<std::size_t>{0}));
    first.rows[0].status = "Rejected";
    auto refused = plan_site(site(40000), stations(), {session("CP1", "11")}, first.rows);
    EXPECT_TRUE(refused.to_send.empty());
    EXPECT_EQ(refused.rows[0].status, "Rejected");
}

TEST(SitePlan, TheFallbackIsATxDefaultOnEvse0AtTheSiteFallback) {
    auto s = site(40000);
    s.fallback_limit_ma = 6050;
    auto p = fallback_profile(s);
    EXPECT_EQ(p.purpose, smart::Purpose::TxDefault);
    EXPECT_EQ(p.schedule.periods.at(0).limit_tenths, 60);
    EXPECT_TRUE(smart::validate(p, 0, ocpp::Version::v16).empty());
    EXPECT_TRUE(smart::validate(p, 0, ocpp::Version::v201).empty());
    EXPECT_TRUE(needs_install(std::nullopt, p));
    StoredProfile held{"CP1", "Csms", 0, p, "Accepted", {}, ""};
    EXPECT_FALSE(needs_install(held, p));
    held.status = "Failed";
    EXPECT_TRUE(needs_install(held, p));
    held.status = "Rejected";
    EXPECT_FALSE(needs_install(held, p)) << "not asked again";
    s.fallback_limit_ma = 8000;
    EXPECT_TRUE(needs_install(held, fallback_profile(s))) << "a new fallback is sent";
}

TEST(SitePlan, ANewTransactionOnTheSameEvseIsANewSession) {
    auto first = plan_site(site(40000), stations(), {session("CP1", "11")}, {});
    first.rows[0].status = "Accepted";
    auto next = plan_site(site(40000), stations(), {session("CP1", "12")}, first.rows);
    EXPECT_EQ(next.to_send, (std::vector<std::size_t>{0}));
}

TEST(SitePlan, SessionsOfStationsOutsideTheSiteAreIgnored) {
    auto plan = plan_site(site(40000), stations(), {session("ELSEWHERE", "1"), session("CP1", "2")}, {});
    ASSERT_EQ(plan.rows.size(), 1u);
    EXPECT_EQ(plan.rows[0].station_id, "CP1");
}

TEST(SitePlan, TheLoadProfileIsAValidTxProfileForBothVersions) {
    AllocationRow row{"CP1", 2, "1234", 16390, "Shared", kLoadProfileIdBase + 2, "Pending", ""};
    auto p = load_profile(row, 3);
    EXPECT_EQ(p.schedule.periods.at(0).limit_tenths, 163) << "rounded down to 0.1 A";
    auto v16 = smart::to_v16(p, 2);
    ASSERT_TRUE(v16.value);
    EXPECT_FALSE(ocpp::SchemaValidator::instance().validate(ocpp::Version::v16, "SetChargingProfile",
                                                            ocpp::Direction::Request, ocpp::v16::to_json(*v16.value)));
    auto v201 = smart::to_v201(p, 2);
    ASSERT_TRUE(v201.value);
    EXPECT_FALSE(ocpp::SchemaValidator::instance().validate(
        ocpp::Version::v201, "SetChargingProfile", ocpp::Direction::Request, ocpp::v201::to_json(*v201.value)));
    row.limit_ma = 0; // paused: 0 A
    EXPECT_EQ(load_profile(row, 1).schedule.periods.at(0).limit_tenths, 0);
}

} // namespace
} // namespace recarga::manager

namespace recarga::manager {
namespace {

TEST(SitePlan, ATreeHoldsEveryLevelAndRowsStayWithTheirGroup) {
    Site root = site(64000);
    Site feeder;
    feeder.id = "feeder";
    feeder.parent_id = "depot";
    feeder.limit = smart::SiteLimit::current_ma(20000);
    feeder.fallback_limit_ma = 5000;
    std::vector<SiteStation> members{{"CP1", "feeder", 32000, 6000, 3, 0},
                                     {"CP2", "feeder", 32000, 6000, 3, 0},
                                     {"CP3", "depot", 32000, 6000, 3, 0}};
    auto plan = plan_tree({root, feeder}, members, {session("CP1", "11"), session("CP2", "12"), session("CP3", "13")},
                          {});
    ASSERT_EQ(plan.rows.size(), 3u);
    EXPECT_EQ(plan.groups, (std::vector<std::string>{"feeder", "feeder", "depot"}));
    EXPECT_EQ(plan.rows[0].limit_ma, 10000);
    EXPECT_EQ(plan.rows[1].limit_ma, 10000);
    EXPECT_EQ(plan.rows[2].limit_ma, 32000) << "what the feeder cannot take goes to the station on the site";
}

TEST(SitePlan, DecreasesAreSentBeforeIncreases) {
    auto first = plan_site(site(40000), stations(), {session("CP1", "11")}, {});
    for (auto& r : first.rows)
        r.status = "Accepted";
    // CP3 joins: CP1 goes down from 32 A, CP3 up from the fallback; CP1's profile goes first even though CP3 is
    // listed first.
    auto second = plan_site(site(40000), stations(), {session("CP3", "13"), session("CP1", "11")}, first.rows);
    ASSERT_EQ(second.to_send.size(), 2u);
    EXPECT_EQ(second.rows[second.to_send[0]].station_id, "CP1");
    EXPECT_EQ(second.rows[second.to_send[1]].station_id, "CP3");
}

} // namespace
} // namespace recarga::manager
