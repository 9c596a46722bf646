// The simulator's charging-profile rules: which profiles it keeps, the limit in force on an EVSE, what the car then
// draws, and the SetChargingProfile / ClearChargingProfile answers of both dialects.
#include "charging_limits.hpp"
#include "dialect.hpp"
#include "meter_model.hpp"
#include "recarga/ocpp/validator.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::sim {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

const std::chrono::sys_seconds kNow{seconds(1'800'000'000)};

smart::ChargingProfile profile(std::int64_t id, smart::Purpose purpose, std::int64_t stack, std::int64_t limit_tenths,
                               smart::RateUnit unit = smart::RateUnit::A) {
    smart::ChargingProfile p;
    p.id = id;
    p.stack_level = stack;
    p.purpose = purpose;
    p.kind = smart::Kind::Relative;
    p.schedule.unit = unit;
    p.schedule.periods.push_back({0, limit_tenths, std::nullopt});
    return p;
}

RunningTransaction tx(std::string id = "42") {
    return {std::move(id), kNow - seconds(60)};
}

TEST(ChargingLimits, NoProfileNoLimit) {
    ChargingProfiles book;
    EXPECT_FALSE(book.limit(1, kNow, tx(), 3, 230));
}

TEST(ChargingLimits, TxProfileBeatsTxDefaultAndStationMaxCaps) {
    ChargingProfiles book;
    book.install(0, profile(1, smart::Purpose::TxDefault, 0, 60));
    EXPECT_EQ(book.limit(1, kNow, tx(), 3, 230), (CurrentLimit{6.0, 3})) << "evse 0's default holds on every EVSE";
    book.install(1, profile(2, smart::Purpose::Tx, 8, 200));
    EXPECT_EQ(book.limit(1, kNow, tx(), 3, 230), (CurrentLimit{20.0, 3}));
    EXPECT_EQ(book.limit(1, kNow, std::nullopt, 3, 230), (CurrentLimit{6.0, 3})) << "a TxProfile needs its session";
    book.install(0, profile(3, smart::Purpose::StationMax, 0, 160));
    EXPECT_EQ(book.limit(1, kNow, tx(), 3, 230), (CurrentLimit{16.0, 3}));
}

TEST(ChargingLimits, HighestStackLevelWinsAndSameIdOrSameLevelReplaces) {
    ChargingProfiles book;
    book.install(1, profile(1, smart::Purpose::TxDefault, 1, 100));
    book.install(1, profile(2, smart::Purpose::TxDefault, 2, 80));
    EXPECT_EQ(book.limit(1, kNow, tx(), 3, 230)->amps, 8.0);
    book.install(1, profile(2, smart::Purpose::TxDefault, 2, 130)); // same id
    EXPECT_EQ(book.installed().size(), 2u);
    EXPECT_EQ(book.limit(1, kNow, tx(), 3, 230)->amps, 13.0);
    book.install(1, profile(7, smart::Purpose::TxDefault, 1, 50)); // same purpose and level as id 1
    EXPECT_EQ(book.installed().size(), 2u);
}

TEST(ChargingLimits, WattsBecomeCurrentPerPhase) {
    ChargingProfiles book;
    book.install(1, profile(1, smart::Purpose::TxDefault, 0, 110400, smart::RateUnit::W)); // 11040 W
    EXPECT_EQ(book.limit(1, kNow, tx(), 3, 230)->amps, 16.0);
}

TEST(ChargingLimits, ClearByIdOrCriteriaAndTxProfilesEndWithTheirTransaction) {
    ChargingProfiles book;
    book.install(0, profile(1, smart::Purpose::TxDefault, 0, 60));
    book.install(1, profile(2, smart::Purpose::Tx, 8, 200));
    book.install(2, profile(3, smart::Purpose::Tx, 8, 200));
    EXPECT_EQ(book.clear({99, 1, smart::Purpose::Tx, std::nullopt}), 0u) << "an id alone decides";
    book.transaction_ended(1);
    EXPECT_EQ(book.installed().size(), 2u);
    EXPECT_EQ(book.clear({std::nullopt, std::nullopt, smart::Purpose::Tx, std::nullopt}), 1u);
    EXPECT_EQ(book.clear({1, std::nullopt, std::nullopt, std::nullopt}), 1u);
    EXPECT_TRUE(book.installed().empty());
}

TEST(ChargingLimits, TheCarDrawsTheLowerOfItsDemandAndTheLimit) {
    MeterModel m(0.0, 7);
    VehicleProfile v; // 11 kW, three phases: about 15.9 A
    m.begin_session(v);
    auto free = m.advance(10.0);
    EXPECT_NEAR(free.current_a, 15.9, 0.4);
    m.set_limit(10.0, 3);
    auto limited = m.advance(3600.0);
    EXPECT_DOUBLE_EQ(limited.current_a, 10.0);
    EXPECT_NEAR(limited.power_w, 10.0 * limited.voltage_v * 3, 1e-6);
    // An hour at 10 A x ~230 V x 3 (±2 % voltage): about 6.9 kWh, not 11.
    EXPECT_NEAR(limited.energy_wh - free.energy_wh, 6900.0, 6900.0 * 0.03);
    m.set_limit(32.0, 3);
    EXPECT_LT(m.advance(10.0).current_a, 16.5) << "a limit above the car's demand changes nothing";
    m.set_limit(16.0, 1);
    auto one_phase = m.advance(10.0);
    EXPECT_NEAR(one_phase.power_w, one_phase.current_a * one_phase.voltage_v, 1e-6);
}

TEST(ChargingLimits, ALimitOfZeroPausesCharging) {
    MeterModel m(500.0, 8);
    m.begin_session(VehicleProfile{});
    m.advance(10.0);
    m.set_limit(0.0, 3);
    EXPECT_DOUBLE_EQ(m.reading().current_a, 0.0) << "at once, before time passes";
    const double before = m.reading().energy_wh;
    auto r = m.advance(600.0);
    EXPECT_DOUBLE_EQ(r.current_a, 0.0);
    EXPECT_DOUBLE_EQ(r.power_w, 0.0);
    EXPECT_DOUBLE_EQ(r.energy_wh, before);
}

TEST(ChargingLimits, NeverAboveTheLimitWhateverTheVoltage) {
    MeterModel m(0.0, 9);
    VehicleProfile v;
    v.max_power_w = 11000.0; // 15.94 A at 230 V; more when the voltage sags
    m.begin_session(v);
    m.set_limit(16.0, 3);
    for (int i = 0; i < 500; ++i)
        EXPECT_LE(m.advance(1.0).current_a, 16.0);
}

TEST(ChargingLimits, ApplyLimitReportsChanges) {
    ChargingProfiles book;
    MeterModel m(0.0, 10);
    m.begin_session(VehicleProfile{});
    std::optional<CurrentLimit> in_force;
    EXPECT_FALSE(apply_limit(book, 1, kNow, tx(), 3, 230, m, in_force));
    book.install(1, profile(2, smart::Purpose::Tx, 8, 80));
    EXPECT_TRUE(apply_limit(book, 1, kNow, tx(), 3, 230, m, in_force));
    EXPECT_DOUBLE_EQ(m.reading().current_a, 8.0);
    EXPECT_FALSE(apply_limit(book, 1, kNow, tx(), 3, 230, m, in_force));
}

// The dialects: what a CSMS sees.
struct Fixture {
    StationIdentity identity{"SIM-1"};
    ChargingProfiles book;
    TxContext tx;
    StationView view;
    Fixture() {
        tx.evse_id = 1;
        tx.transaction_id = "42";
        view.identity = &identity;
        view.connectors = 2;
        view.profiles = &book;
        view.transactions.push_back(&tx);
    }
};

std::string status(const IncomingReply& r) {
    EXPECT_FALSE(r.error);
    return std::string(r.result.at("status").as_string());
}

TEST(ChargingLimitsV16, SetChargingProfileRules) {
    Fixture f;
    const auto& d = dialect_for(ocpp::Version::v16);
    auto tx_profile = [](int connector, int transaction) {
        return json::parse(R"({"connectorId":)" + std::to_string(connector) +
                           R"(,"csChargingProfiles":{"chargingProfileId":5,"transactionId":)" +
                           std::to_string(transaction) +
                           R"(,"stackLevel":8,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Relative",
               "chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":12.5}]}}})")
            .as_object();
    };
    auto r = d.answer("SetChargingProfile", tx_profile(1, 42), f.view);
    EXPECT_EQ(status(r), "Accepted");
    ASSERT_EQ(r.effects.size(), 1u);
    EXPECT_EQ(r.effects[0].kind, Effect::Kind::ProfilesChanged);
    EXPECT_EQ(f.book.limit(1, kNow, running(&f.tx), 3, 230)->amps, 12.5);
    EXPECT_EQ(status(d.answer("SetChargingProfile", tx_profile(2, 42), f.view)), "Rejected") << "no transaction there";
    EXPECT_EQ(status(d.answer("SetChargingProfile", tx_profile(1, 43), f.view)), "Rejected") << "another transaction";
    EXPECT_EQ(status(d.answer("SetChargingProfile", tx_profile(0, 42), f.view)), "Rejected") << "connector 0";
    EXPECT_EQ(status(d.answer("SetChargingProfile", tx_profile(3, 42), f.view)), "Rejected") << "no such connector";
    EXPECT_EQ(f.book.installed().size(), 1u);

    EXPECT_EQ(status(d.answer("ClearChargingProfile", json::parse(R"({"id":6})").as_object(), f.view)), "Unknown");
    EXPECT_EQ(status(d.answer("ClearChargingProfile", json::parse(R"({"chargingProfilePurpose":"TxProfile"})").as_object(),
                              f.view)),
              "Accepted");
    EXPECT_TRUE(f.book.installed().empty());
}

TEST(ChargingLimitsV16, GetCompositeScheduleShowsTheLimit) {
    Fixture f;
    f.tx.started_at = Clock::now();
    f.book.install(0, profile(1, smart::Purpose::TxDefault, 0, 100));
    auto r = dialect_for(ocpp::Version::v16)
                 .answer("GetCompositeSchedule", json::parse(R"({"connectorId":1,"duration":600})").as_object(), f.view);
    EXPECT_EQ(status(r), "Accepted");
    const auto& periods = r.result.at("chargingSchedule").at("chargingSchedulePeriod").as_array();
    ASSERT_EQ(periods.size(), 1u);
    EXPECT_EQ(periods[0].at("limit").to_number<double>(), 10.0);
}

TEST(ChargingLimitsV201, SetChargingProfileNeedsTheTransactionK01FR03) {
    Fixture f;
    f.tx.transaction_id = "TX-1";
    const auto& d = dialect_for(ocpp::Version::v201);
    auto set = [&](std::string extra) {
        return d.answer(
            "SetChargingProfile",
            json::parse(R"({"evseId":1,"chargingProfile":{"id":9,"stackLevel":8,"chargingProfilePurpose":"TxProfile",
               "chargingProfileKind":"Relative",)" +
                        extra +
                        R"("chargingSchedule":[{"id":1,"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":0}]}]}})")
                .as_object(),
            f.view);
    };
    EXPECT_EQ(status(set("")), "Rejected");
    EXPECT_EQ(status(set(R"("transactionId":"TX-2",)")), "Rejected");
    EXPECT_EQ(status(set(R"("transactionId":"TX-1",)")), "Accepted");
    EXPECT_EQ(f.book.limit(1, kNow, running(&f.tx), 3, 230), (CurrentLimit{0.0, 3})) << "0 A pauses";
    auto cleared = d.answer("ClearChargingProfile",
                            json::parse(R"({"chargingProfileCriteria":{"evseId":1,"stackLevel":8}})").as_object(), f.view);
    EXPECT_EQ(status(cleared), "Accepted");
    EXPECT_TRUE(f.book.installed().empty());
}

TEST(ChargingLimits, TheNewDrawIsReportedInASchemaValidMeterValue) {
    for (auto v : {ocpp::Version::v16, ocpp::Version::v201, ocpp::Version::v21}) {
        TxContext tx;
        tx.transaction_id = v == ocpp::Version::v16 ? "42" : "TX-1";
        MeterReading m{1000.0, 2300.0, 10.0, 230.0, 50.0};
        auto call = dialect_for(v).transaction_limit_changed(tx, m, Clock::now());
        const auto err = ocpp::SchemaValidator::instance().validate(v, call.action, ocpp::Direction::Request,
                                                                    json::value(call.payload));
        EXPECT_FALSE(err) << call.action << ": " << (err ? err->description : "");
        EXPECT_NE(json::serialize(call.payload).find(R"("context":"Other")"), std::string::npos);
    }
}

} // namespace
} // namespace recarga::sim
