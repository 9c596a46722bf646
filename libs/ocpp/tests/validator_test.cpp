// SchemaValidator beyond the per-action examples: versions and drafts, error paths, the valijson multipleOf
// work-around, formats, unknown actions and concurrent use.
#include <atomic>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "recarga/ocpp/validator.hpp"

namespace recarga::ocpp {
namespace {

namespace json = boost::json;

const SchemaValidator& validator() { return SchemaValidator::instance(); }

json::value set_charging_profile(std::string_view limit) {
    return json::parse(R"({"connectorId":1,"csChargingProfiles":{"chargingProfileId":1,"stackLevel":0,
        "chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute",
        "chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[{"startPeriod":0,"limit":)" +
                       std::string(limit) + "}]}}}");
}

TEST(SchemaValidator, HasSchemaForEveryVersionsActions) {
    EXPECT_TRUE(validator().has_schema(Version::v16, "BootNotification"));
    EXPECT_TRUE(validator().has_schema(Version::v16, "SignedUpdateFirmware")); // security whitepaper
    EXPECT_FALSE(validator().has_schema(Version::v16, "TransactionEvent"));
    EXPECT_TRUE(validator().has_schema(Version::v201, "TransactionEvent"));
    EXPECT_FALSE(validator().has_schema(Version::v201, "BatterySwap"));
    EXPECT_TRUE(validator().has_schema(Version::v21, "BatterySwap"));
    EXPECT_FALSE(validator().has_schema(Version::v21, "bootnotification"));
}

TEST(SchemaValidator, UnknownActionIsNotImplemented) {
    auto err = validator().validate(Version::v201, "NoSuchAction", Direction::Request, json::object{});
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::NotImplemented);
}

TEST(SchemaValidator, SendOnlyMessageHasNoResponseSchema) {
    auto err = validator().validate(Version::v21, "NotifyPeriodicEventStream", Direction::Response, json::object{});
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::ProtocolError);
}

// valijson 1.0 alone rejects 16 as a multiple of 0.1; stations send such limits all the time.
TEST(SchemaValidator, V16ChargingLimitsThatAreMultiplesOfOneTenthAreAccepted) {
    for (auto limit : {"16", "16.0", "32.1", "0.1", "7.3", "11000"}) {
        auto err = validator().validate(Version::v16, "SetChargingProfile", Direction::Request,
                                        set_charging_profile(limit));
        EXPECT_FALSE(err) << limit << ": " << err->description;
    }
}

TEST(SchemaValidator, V16ChargingLimitsThatAreNotMultiplesOfOneTenthAreRejected) {
    for (auto limit : {"16.05", "0.01", "7.333"}) {
        auto err = validator().validate(Version::v16, "SetChargingProfile", Direction::Request,
                                        set_charging_profile(limit));
        ASSERT_TRUE(err) << limit;
        EXPECT_EQ(err->kind, ErrorKind::PropertyConstraintViolation);
        EXPECT_NE(err->description.find("/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit"),
                  std::string::npos)
            << err->description;
    }
}

TEST(SchemaValidator, BadDateTimeIsAPropertyConstraintViolation) {
    auto p = json::parse(R"({"currentTime":"yesterday","interval":300,"status":"Accepted"})");
    auto err = validator().validate(Version::v201, "BootNotification", Direction::Response, p);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::PropertyConstraintViolation);
    EXPECT_NE(err->description.find("/currentTime"), std::string::npos);
}

TEST(SchemaValidator, DateTimeFollowsRfc3339) {
    auto with_time = [](std::string_view t) {
        return json::parse(R"({"currentTime":")" + std::string(t) + R"(","interval":300,"status":"Accepted"})");
    };
    for (auto ok : {"2026-01-01T00:00:00Z", "2026-01-01t23:59:60z", "2024-02-29T12:00:00.123+02:00",
                    "2026-12-31T00:00:00.5-11:30"}) {
        EXPECT_FALSE(validator().validate(Version::v201, "BootNotification", Direction::Response, with_time(ok)))
            << ok;
    }
    for (auto bad : {"2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T24:00:00Z",
                     "2026-01-01T00:00:00", "2026-01-01T00:00:00.Z", "2026-1-01T00:00:00Z", "2026-01-01T00:00:00+2:00",
                     "2026-13-01T00:00:00Z", ""}) {
        auto err = validator().validate(Version::v201, "BootNotification", Direction::Response, with_time(bad));
        ASSERT_TRUE(err) << bad;
        EXPECT_EQ(err->kind, ErrorKind::PropertyConstraintViolation) << bad;
    }
}

TEST(SchemaValidator, StringTooLongIsAPropertyConstraintViolation) {
    auto p = json::parse(R"({"chargePointVendor":"a-vendor-name-that-is-longer-than-the-fifty-characters-allowed","chargePointModel":"m"})");
    auto err = validator().validate(Version::v16, "BootNotification", Direction::Request, p);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::PropertyConstraintViolation);
}

TEST(SchemaValidator, NumberAsStringIsATypeViolationNotAnEnumOne) {
    // 2.0.1 BootNotificationResponse.interval is an integer; 1.6's is a number.
    auto p = json::parse(R"({"currentTime":"2026-01-01T00:00:00Z","interval":"300","status":"Accepted"})");
    for (auto v : {Version::v16, Version::v201}) {
        auto err = validator().validate(v, "BootNotification", Direction::Response, p);
        ASSERT_TRUE(err);
        EXPECT_EQ(err->kind, ErrorKind::TypeConstraintViolation) << err->description;
    }
}

TEST(SchemaValidator, IntegerFieldRejectsAFraction) {
    auto p = json::parse(R"({"currentTime":"2026-01-01T00:00:00Z","interval":1.5,"status":"Accepted"})");
    EXPECT_FALSE(validator().validate(Version::v16, "BootNotification", Direction::Response, p));
    auto err = validator().validate(Version::v201, "BootNotification", Direction::Response, p);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::TypeConstraintViolation);
}

TEST(SchemaValidator, MissingRequiredWinsOverOtherFaults) {
    auto p = json::parse(R"({"interval":"x","status":"Nope","extra":1})");
    auto err = validator().validate(Version::v201, "BootNotification", Direction::Response, p);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::OccurrenceConstraintViolation);
    EXPECT_NE(err->description.find("currentTime"), std::string::npos);
}

TEST(SchemaValidator, NestedFaultCarriesItsPath) {
    auto p = json::parse(R"({"connectorId":1,"meterValue":[{"timestamp":"2026-01-01T00:00:00Z",
        "sampledValue":[{"value":"1"},{"value":"2","measurand":"Energy.Nope"}]}]})");
    auto err = validator().validate(Version::v16, "MeterValues", Direction::Request, p);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::PropertyConstraintViolation);
    EXPECT_EQ(err->description.rfind("/meterValue/0/sampledValue/1/measurand:", 0), 0u) << err->description;
}

TEST(SchemaValidator, CustomDataAllowsVendorMembers) {
    auto p = json::parse(R"({"customData":{"vendorId":"org.recarga","anything":[1,2]}})");
    EXPECT_FALSE(validator().validate(Version::v201, "Heartbeat", Direction::Request, p));
    auto missing = json::parse(R"({"customData":{"anything":1}})");
    auto err = validator().validate(Version::v201, "Heartbeat", Direction::Request, missing);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->kind, ErrorKind::OccurrenceConstraintViolation);
}

TEST(SchemaValidator, ConcurrentValidationFromSeveralThreads) {
    const auto good = json::parse(R"({"chargePointVendor":"v","chargePointModel":"m"})");
    const auto bad = json::parse(R"({"chargePointVendor":"v"})");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                if (validator().validate(Version::v16, "BootNotification", Direction::Request, good)) {
                    ++wrong;
                }
                auto err = validator().validate(Version::v16, "BootNotification", Direction::Request, bad);
                if (!err || err->kind != ErrorKind::OccurrenceConstraintViolation) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(wrong.load(), 0);
}

} // namespace
} // namespace recarga::ocpp
