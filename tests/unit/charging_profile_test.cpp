#include "domain/smart_charging/charging_profile.hpp"
#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/v201/ReportChargingProfiles.hpp"
#include "recarga/ocpp/validator.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <limits>

namespace recarga::manager::smart {
namespace {

using namespace std::chrono_literals;
using ocpp::Direction;
using ocpp::SchemaValidator;
using ocpp::Version;

TimePoint at(std::string_view text) {
    return *parse_time(text);
}

// Builder: a valid Absolute TxDefault profile of 16 A, then 8 A after an hour.
struct ProfileBuilder {
    ChargingProfile p;
    ProfileBuilder() {
        p.id = 7;
        p.stack_level = 1;
        p.purpose = Purpose::TxDefault;
        p.kind = Kind::Absolute;
        p.schedule.id = 1;
        p.schedule.start = at("2026-11-25T00:00:00Z");
        p.schedule.periods = {{0, 160, std::nullopt}, {3600, 80, 1}};
    }
    ProfileBuilder& purpose(Purpose v) { return p.purpose = v, *this; }
    ProfileBuilder& kind(Kind v) { return p.kind = v, *this; }
    ProfileBuilder& tx(std::string id) { return p.transaction_id = std::move(id), *this; }
    ProfileBuilder& unit(RateUnit u) { return p.schedule.unit = u, *this; }
    ProfileBuilder& no_start() { return p.schedule.start.reset(), *this; }
    ChargingProfile build() const { return p; }
};

bool has_problem(const std::vector<Problem>& problems, std::string_view field) {
    for (const auto& pr : problems)
        if (pr.field == field)
            return true;
    return false;
}

std::optional<ocpp::RpcError> schema_check(Version v, const boost::json::value& payload) {
    return SchemaValidator::instance().validate(v, "SetChargingProfile", Direction::Request, payload);
}

TEST(ChargingProfile, AValidProfilePassesForBothVersions) {
    EXPECT_TRUE(validate(ProfileBuilder().build(), 1, Version::v16).empty());
    EXPECT_TRUE(validate(ProfileBuilder().build(), 0, Version::v201).empty());
}

TEST(ChargingProfile, TranslatesToA16PayloadTheSchemaAccepts) {
    for (auto p : {ProfileBuilder().build(), ProfileBuilder().purpose(Purpose::StationMax).unit(RateUnit::W).build(),
                   ProfileBuilder().purpose(Purpose::Tx).kind(Kind::Relative).no_start().tx("42").build()}) {
        const int connector = p.purpose == Purpose::StationMax ? 0 : 1;
        auto t = to_v16(p, connector);
        ASSERT_TRUE(t.value) << t.problems.front().field;
        const auto json = ocpp::v16::to_json(*t.value);
        EXPECT_FALSE(schema_check(Version::v16, json)) << boost::json::serialize(json);
        EXPECT_EQ(json.at("connectorId").as_int64(), connector);
    }
    auto json = ocpp::v16::to_json(*to_v16(ProfileBuilder().build(), 1).value);
    const auto& cp = json.at("csChargingProfiles");
    EXPECT_EQ(cp.at("chargingProfilePurpose").as_string(), "TxDefaultProfile");
    EXPECT_EQ(cp.at("chargingSchedule").at("startSchedule").as_string(), "2026-11-25T00:00:00Z");
    EXPECT_DOUBLE_EQ(cp.at("chargingSchedule").at("chargingSchedulePeriod").at(0).at("limit").to_number<double>(),
                     16.0);
    EXPECT_EQ(boost::json::serialize(cp.at("chargingSchedule").at("chargingSchedulePeriod").at(1)),
              R"({"startPeriod":3600,"limit":8,"numberPhases":1})");
}

TEST(ChargingProfile, ChargePointMaxIsTheStationMaxOf16) {
    auto json = ocpp::v16::to_json(*to_v16(ProfileBuilder().purpose(Purpose::StationMax).build(), 0).value);
    EXPECT_EQ(json.at("csChargingProfiles").at("chargingProfilePurpose").as_string(), "ChargePointMaxProfile");
    EXPECT_EQ(ocpp::v16::to_json(*to_v16(ProfileBuilder().purpose(Purpose::Tx).tx("9").build(), 2).value)
                  .at("csChargingProfiles")
                  .at("transactionId")
                  .as_int64(),
              9);
}

TEST(ChargingProfile, TranslatesToA201PayloadTheSchemaAccepts) {
    auto p = ProfileBuilder().purpose(Purpose::Tx).tx("tx-abc").build();
    p.kind = Kind::Recurring;
    p.recurrency = Recurrency::Daily;
    p.valid_from = at("2026-11-25T00:00:00Z");
    p.valid_to = at("2026-12-25T00:00:00Z");
    p.schedule.min_rate_tenths = 60;
    p.schedule.duration = 7200;
    auto t = to_v201(p, 2);
    ASSERT_TRUE(t.value);
    const auto json = ocpp::v201::to_json(*t.value);
    EXPECT_FALSE(schema_check(Version::v201, json)) << boost::json::serialize(json);
    const auto& cp = json.at("chargingProfile");
    EXPECT_EQ(json.at("evseId").as_int64(), 2);
    EXPECT_EQ(cp.at("chargingProfilePurpose").as_string(), "TxProfile");
    EXPECT_EQ(cp.at("transactionId").as_string(), "tx-abc");
    EXPECT_EQ(cp.at("recurrencyKind").as_string(), "Daily");
    EXPECT_EQ(cp.at("chargingSchedule").as_array().size(), 1u);
    EXPECT_EQ(ocpp::v201::to_json(*to_v201(ProfileBuilder().purpose(Purpose::StationMax).build(), 0).value)
                  .at("chargingProfile")
                  .at("chargingProfilePurpose")
                  .as_string(),
              "ChargingStationMaxProfile");
}

TEST(ChargingProfile, LargeWattLimitsPassThe16MultipleOfRule) {
    auto p = ProfileBuilder().purpose(Purpose::StationMax).unit(RateUnit::W).build();
    p.schedule.periods = {{0, 110000, std::nullopt}, {60, 220003, 3}}; // 11 kW, 22000.3 W
    auto json = ocpp::v16::to_json(*to_v16(p, 0).value);
    EXPECT_FALSE(schema_check(Version::v16, json)) << boost::json::serialize(json);
}

TEST(ChargingProfile, K01FR03_A201TxProfileNeedsATransactionId) {
    auto p = ProfileBuilder().purpose(Purpose::Tx).build();
    EXPECT_TRUE(has_problem(validate(p, 1, Version::v201), "/transactionId"));
    EXPECT_FALSE(has_problem(validate(p, 1, Version::v16), "/transactionId")) << "1.6 allows it (the running one)";
    auto t = to_v201(p, 1);
    EXPECT_FALSE(t.value);
    EXPECT_FALSE(t.problems.empty());
}

TEST(ChargingProfile, K01FR16_ATxProfileIsNeverSetOnEvse0) {
    EXPECT_TRUE(
        has_problem(validate(ProfileBuilder().purpose(Purpose::Tx).tx("1").build(), 0, Version::v201), "/evseId"));
}

TEST(ChargingProfile, StationMaxOnlyOnEvse0) {
    EXPECT_TRUE(
        has_problem(validate(ProfileBuilder().purpose(Purpose::StationMax).build(), 1, Version::v16), "/evseId"));
    EXPECT_FALSE(to_v16(ProfileBuilder().purpose(Purpose::StationMax).build(), 1).value);
}

TEST(ChargingProfile, OnlyTxProfilesNameATransaction) {
    EXPECT_TRUE(has_problem(validate(ProfileBuilder().tx("5").build(), 1, Version::v16), "/transactionId"));
}

TEST(ChargingProfile, TransactionIdsOf16AreIntegers) {
    auto p = ProfileBuilder().purpose(Purpose::Tx).tx("abc").build();
    EXPECT_TRUE(has_problem(validate(p, 1, Version::v16), "/transactionId"));
    EXPECT_FALSE(has_problem(validate(p, 1, Version::v201), "/transactionId"));
}

TEST(ChargingProfile, K01FR40_AbsoluteAndRecurringNeedAStart) {
    EXPECT_TRUE(has_problem(validate(ProfileBuilder().no_start().build(), 1, Version::v201), "/schedule/start"));
    auto p = ProfileBuilder().kind(Kind::Recurring).no_start().build();
    p.recurrency = Recurrency::Weekly;
    EXPECT_TRUE(has_problem(validate(p, 1, Version::v201), "/schedule/start"));
}

TEST(ChargingProfile, K01FR41_RelativeHasNoStart) {
    EXPECT_TRUE(
        has_problem(validate(ProfileBuilder().kind(Kind::Relative).build(), 1, Version::v201), "/schedule/start"));
    EXPECT_TRUE(validate(ProfileBuilder().kind(Kind::Relative).no_start().build(), 1, Version::v201).empty());
}

TEST(ChargingProfile, RecurrencyGoesWithRecurringOnly) {
    EXPECT_TRUE(has_problem(validate(ProfileBuilder().kind(Kind::Recurring).build(), 1, Version::v16), "/recurrency"));
    auto p = ProfileBuilder().build();
    p.recurrency = Recurrency::Daily;
    EXPECT_TRUE(has_problem(validate(p, 1, Version::v16), "/recurrency"));
    p.kind = Kind::Recurring;
    p.schedule.periods.push_back({90000, 10, std::nullopt});
    EXPECT_TRUE(has_problem(validate(p, 1, Version::v16), "/schedule/periods/2/start")) << "past one day";
}

TEST(ChargingProfile, SchedulePeriodsAreOrderedAndSane) {
    auto p = ProfileBuilder().build();
    p.schedule.periods = {{10, 160, std::nullopt}, {5, -1, 4}};
    auto problems = validate(p, 1, Version::v16);
    EXPECT_TRUE(has_problem(problems, "/schedule/periods/0/start"));
    EXPECT_TRUE(has_problem(problems, "/schedule/periods/1/start"));
    EXPECT_TRUE(has_problem(problems, "/schedule/periods/1/limit"));
    EXPECT_TRUE(has_problem(problems, "/schedule/periods/1/phases"));
    p.schedule.periods.clear();
    EXPECT_TRUE(has_problem(validate(p, 1, Version::v16), "/schedule/periods"));
}

TEST(ChargingProfile, ValidityAndStackLevel) {
    auto p = ProfileBuilder().build();
    p.valid_from = at("2026-11-26T00:00:00Z");
    p.valid_to = at("2026-11-25T00:00:00Z");
    p.stack_level = -1;
    p.id = 0;
    auto problems = validate(p, 1, Version::v201);
    EXPECT_TRUE(has_problem(problems, "/validTo"));
    EXPECT_TRUE(has_problem(problems, "/stackLevel"));
    EXPECT_TRUE(has_problem(problems, "/id"));
}

TEST(ChargingProfile, RoundTripsThroughBothVersions) {
    auto p = ProfileBuilder().purpose(Purpose::Tx).tx("31").build();
    p.valid_to = at("2027-01-01T00:00:00Z");
    p.schedule.duration = 3600;
    p.schedule.min_rate_tenths = 63;
    p.schedule.periods = {{0, 163, 3}, {600, 0, std::nullopt}};
    auto from16 = from_v16(to_v16(p, 1).value->csChargingProfiles);
    ASSERT_TRUE(from16.value);
    auto expected16 = p;
    expected16.schedule.id = 0; // 1.6 has no schedule id
    EXPECT_EQ(*from16.value, expected16);
    auto from201 = from_v201(to_v201(p, 1).value->chargingProfile);
    ASSERT_TRUE(from201.value);
    EXPECT_EQ(*from201.value, p);
}

TEST(ChargingProfile, ReadsAReportedProfile) {
    // K09: what a station reports in ReportChargingProfiles, as the schema gives it.
    auto json = boost::json::parse(R"({"requestId":1,"chargingLimitSource":"EMS","evseId":0,"chargingProfile":[
        {"id":3,"stackLevel":0,"chargingProfilePurpose":"ChargingStationExternalConstraints",
         "chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"startSchedule":"2026-11-25T10:00:00.000+01:00",
         "chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":43000.0}]}]}]})");
    ASSERT_FALSE(
        SchemaValidator::instance().validate(Version::v201, "ReportChargingProfiles", Direction::Request, json));
    auto req = ocpp::decode<ocpp::v201::ReportChargingProfilesRequest>(json);
    auto p = from_v201(req.chargingProfile.front());
    ASSERT_TRUE(p.value);
    EXPECT_EQ(p.value->purpose, Purpose::StationMax);
    EXPECT_EQ(p.value->schedule.unit, RateUnit::W);
    EXPECT_EQ(p.value->schedule.periods.front().limit_tenths, 430000);
    EXPECT_EQ(*p.value->schedule.start, at("2026-11-25T09:00:00Z"));
}

TEST(ChargingProfile, UnreadableReportedTimesAreProblems) {
    ocpp::v201::ChargingProfileType in;
    in.id = 1;
    in.validFrom = "yesterday";
    in.chargingSchedule.emplace_back();
    in.chargingSchedule.back().chargingSchedulePeriod.push_back({});
    auto p = from_v201(in);
    EXPECT_FALSE(p.value);
    EXPECT_TRUE(has_problem(p.problems, "/validFrom"));
}

TEST(ChargingProfile, ParsesAndFormatsRfc3339) {
    EXPECT_EQ(format_time(at("2026-11-25T23:15:00Z")), "2026-11-25T23:15:00Z");
    EXPECT_EQ(at("2026-11-25T23:15:00.123Z"), at("2026-11-25T23:15:00Z"));
    EXPECT_EQ(at("2026-11-26T01:15:00+02:00"), at("2026-11-25T23:15:00Z"));
    EXPECT_EQ(at("2026-11-25T20:45:00-02:30"), at("2026-11-25T23:15:00Z"));
    EXPECT_EQ(format_time(at("2024-02-29T00:00:00Z") + 24h), "2024-03-01T00:00:00Z");
    for (auto bad : {"", "2026-11-25", "2026-11-25T23:15:00", "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z",
                     "2026-11-25T23:15:00.Z", "2026-11-25T23:15:00Zjunk", "2026-11-25T23:15:00+0100"})
        EXPECT_FALSE(parse_time(bad)) << bad;
}

TEST(ChargingProfile, LimitsKeepOneDecimalAndRoundDown) {
    EXPECT_EQ(number_to_tenths(16.3), 163);
    EXPECT_EQ(number_to_tenths(6), 60);
    EXPECT_EQ(number_to_tenths(16.39), 163);
    EXPECT_EQ(number_to_tenths(0.1), 1);
    EXPECT_FALSE(number_to_tenths(-1));
    EXPECT_FALSE(number_to_tenths(std::numeric_limits<double>::infinity()));
    EXPECT_DOUBLE_EQ(tenths_to_number(163), 16.3);
}

TEST(ChargingProfile, NamesOfBothVersionsAreRead) {
    Purpose p{};
    EXPECT_TRUE(from_string("ChargePointMaxProfile", p));
    EXPECT_EQ(p, Purpose::StationMax);
    EXPECT_TRUE(from_string("ChargingStationMaxProfile", p));
    EXPECT_EQ(p, Purpose::StationMax);
    EXPECT_TRUE(from_string("TxProfile", p));
    EXPECT_EQ(p, Purpose::Tx);
    EXPECT_FALSE(from_string("ChargingStationExternalConstraints", p));
}

} // namespace
} // namespace recarga::manager::smart

namespace recarga::manager::smart {
namespace {

TEST(ChargingProfileJson, RoundTrips) {
    auto p = ProfileBuilder().purpose(Purpose::Tx).tx("t-1").build();
    p.kind = Kind::Recurring;
    p.recurrency = Recurrency::Weekly;
    p.valid_from = at("2026-11-25T00:00:00Z");
    p.schedule.duration = 600;
    p.schedule.min_rate_tenths = 61;
    auto json = to_json(p);
    EXPECT_EQ(json.at("purpose").as_string(), "Tx");
    EXPECT_DOUBLE_EQ(json.at("schedule").at("periods").at(0).at("limit").to_number<double>(), 16.0);
    auto back = profile_from_json(json);
    ASSERT_TRUE(back.value) << back.problems.front().field;
    EXPECT_EQ(*back.value, p);
}

TEST(ChargingProfileJson, NamesEveryBadMember) {
    auto json = boost::json::parse(R"({"id":"x","purpose":"Nope","validFrom":"soon",
        "schedule":{"unit":"V","periods":[{"start":0,"limit":-3},{"limit":5},7]}})");
    auto r = profile_from_json(json);
    EXPECT_FALSE(r.value);
    for (auto field : {"/id", "/purpose", "/validFrom", "/schedule/unit", "/schedule/periods/0/limit",
                       "/schedule/periods/1/start", "/schedule/periods/2"})
        EXPECT_TRUE(has_problem(r.problems, field)) << field;
    EXPECT_TRUE(has_problem(profile_from_json(boost::json::parse(R"({"id":1,"purpose":"Tx"})")).problems, "/schedule"));
    EXPECT_TRUE(has_problem(profile_from_json(boost::json::parse("[]")).problems, ""));
}

TEST(ChargingProfileJson, AcceptsVersionNamesAndHugePhasesAreCaughtByValidation) {
    auto json = boost::json::parse(R"({"id":1,"purpose":"ChargePointMaxProfile","kind":"Relative",
        "schedule":{"unit":"W","periods":[{"start":0,"limit":11000,"phases":99999999999}]}})");
    auto r = profile_from_json(json);
    ASSERT_TRUE(r.value);
    EXPECT_EQ(r.value->purpose, Purpose::StationMax);
    EXPECT_TRUE(has_problem(validate(*r.value, 0, Version::v16), "/schedule/periods/0/phases"));
}

} // namespace
} // namespace recarga::manager::smart
