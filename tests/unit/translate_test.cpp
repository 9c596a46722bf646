// Version-neutral commands -> the OCPP call of each version, and the station's answer -> the neutral status
// (services/manager/src/commands/translate.cpp). Every translated payload is checked against the version's
// official request schema, so a translation cannot produce a call the station would refuse as malformed.
#include "api/commands_api.hpp"
#include "commands/outbox.hpp"
#include "commands/translate.hpp"
#include "recarga/ocpp/validator.hpp"
#include "tests/support/command_samples.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::manager::commands {
namespace {

namespace json = boost::json;
using ocpp::Version;

OcppCall ok(Neutral c, std::string_view body, Version v, std::int64_t id = 17) {
    auto t = translate(c, json::parse(body).as_object(), v, {.request_id = id});
    if (auto* u = std::get_if<Untranslatable>(&t)) {
        ADD_FAILURE() << kebab_name(c) << ": " << u->detail;
        return {};
    }
    return std::get<OcppCall>(std::move(t));
}

std::string refused(Neutral c, std::string_view body, Version v) {
    auto t = translate(c, json::parse(body).as_object(), v, {});
    if (auto* u = std::get_if<Untranslatable>(&t)) {
        return u->detail;
    }
    ADD_FAILURE() << kebab_name(c) << " translated: " << json::serialize(std::get<OcppCall>(t).payload);
    return "";
}

TEST(Translate, EveryNeutralCommandHasASampleAndANameThatRoundTrips) {
    EXPECT_EQ(all_neutral_commands().size(), std::size(test::kCommandSamples));
    for (auto c : all_neutral_commands()) {
        EXPECT_EQ(neutral_from_kebab(kebab_name(c)), c);
    }
    EXPECT_FALSE(neutral_from_kebab("Reset"));
    EXPECT_FALSE(neutral_from_kebab(""));
}

// Each sample becomes the expected action of each version, schema-valid; the sample answer is schema-valid and
// gives the expected neutral status.
TEST(Translate, EverySampleTranslatesToASchemaValidCallOfEachVersion) {
    const auto& schemas = ocpp::SchemaValidator::instance();
    for (const auto& s : test::kCommandSamples) {
        auto c = neutral_from_kebab(s.command);
        ASSERT_TRUE(c) << s.command;
        for (auto v : {Version::v16, Version::v201, Version::v21}) {
            const bool v16 = v == Version::v16;
            auto call = ok(*c, s.body, v);
            EXPECT_EQ(call.action, v16 ? s.action16 : s.action2x) << s.command;
            if (v == Version::v21 && !schemas.has_schema(v, call.action)) {
                continue;
            }
            auto err = schemas.validate(v, call.action, ocpp::Direction::Request, call.payload);
            EXPECT_FALSE(err) << s.command << " v" << static_cast<int>(v) << ": " << json::serialize(call.payload)
                              << ": " << (err ? err->description : "");
            if (v == Version::v21) {
                continue;
            }
            auto answer = json::parse(test::sample_answer(v16, call.action));
            EXPECT_FALSE(schemas.validate(v, call.action, ocpp::Direction::Response, answer)) << call.action;
            auto status = neutral_status(*c, v, answer);
            EXPECT_EQ(status.value_or(""), v16 ? s.status16 : s.status2x) << s.command;
        }
    }
}

TEST(Translate, StartChargingUsesTheIdTagOn16AndAGeneratedRemoteStartIdOn201) {
    auto c16 = ok(Neutral::StartCharging, R"({"evseId":2,"idToken":{"idToken":"AB"}})", Version::v16);
    EXPECT_EQ(json::serialize(c16.payload), R"({"connectorId":2,"idTag":"AB"})");
    auto c201 =
        ok(Neutral::StartCharging, R"({"evseId":2,"idToken":{"idToken":"AB","type":"ISO14443"}})", Version::v201, 99);
    EXPECT_EQ(c201.payload.at("remoteStartId").as_int64(), 99);
    EXPECT_EQ(c201.payload.at("evseId").as_int64(), 2);
    EXPECT_EQ(c201.payload.at("idToken").at("type").as_string(), "ISO14443");
    // Without a type the token is the central system's.
    EXPECT_EQ(ok(Neutral::StartCharging, R"({"idToken":{"idToken":"AB"}})", Version::v201)
                  .payload.at("idToken")
                  .at("type")
                  .as_string(),
              "Central");
}

TEST(Translate, FieldsWithoutAnEquivalentAreRefusedNotDropped) {
    EXPECT_NE(refused(Neutral::StartCharging, R"({"idToken":{"idToken":"AB","type":"ISO14443"}})", Version::v16)
                  .find("idToken.type"),
              std::string::npos);
    EXPECT_NE(
        refused(Neutral::StartCharging, R"({"evseId":1,"connectorId":2,"idToken":{"idToken":"AB"}})", Version::v16)
            .find("connectorId"),
        std::string::npos);
    EXPECT_NE(refused(Neutral::StartCharging, R"({"connectorId":1,"idToken":{"idToken":"AB"}})", Version::v201)
                  .find("connectorId"),
              std::string::npos);
    EXPECT_NE(refused(Neutral::StopCharging, R"({"transactionId":"a-b-c"})", Version::v16).find("integers"),
              std::string::npos);
    EXPECT_NE(refused(Neutral::Reset, R"({"type":"Immediate","evseId":1})", Version::v16).find("evseId"),
              std::string::npos);
    refused(Neutral::GetConfiguration, R"({})", Version::v201);
    refused(Neutral::GetConfiguration, R"({"keys":["HeartbeatInterval"]})", Version::v201);
    refused(Neutral::SetConfiguration, R"({"key":"HeartbeatInterval","value":"1"})", Version::v201);
    refused(Neutral::TriggerMessage, R"({"message":"TransactionEvent"})", Version::v16);
    refused(Neutral::TriggerMessage, R"({"message":"Sideways"})", Version::v201);
    refused(Neutral::DataTransfer, R"({"vendorId":"x","data":{"a":1}})", Version::v16);
    refused(Neutral::UploadDiagnostics, R"({"location":"ftp://x","logType":"SecurityLog"})", Version::v16);
    refused(Neutral::UpdateFirmware, R"({"location":"x","retrieveAt":"2026-01-01T00:00:00Z","signature":"s"})",
            Version::v16);
    refused(
        Neutral::Reserve,
        R"({"reservationId":1,"expiresAt":"2026-01-01T00:00:00Z","idToken":{"idToken":"A"},"connectorType":"cType2"})",
        Version::v16);
    refused(Neutral::SendLocalList,
            R"({"listVersion":1,"updateType":"Full","entries":[{"idToken":{"idToken":"A","type":"eMAID"}}]})",
            Version::v16);
    refused(Neutral::SetChargingProfile,
            R"({"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"purpose":"TxProfile","kind":"Absolute",)"
            R"("transactionId":"uuid-1","schedule":{"chargingRateUnit":"W","periods":[]}}})",
            Version::v16);
    refused(Neutral::ChangeAvailability, R"({"connectorId":1,"operational":true})", Version::v201);
    // Missing required members are refused too (the API's schema catches them first; the functions stay safe).
    refused(Neutral::StartCharging, R"({})", Version::v16);
    refused(Neutral::CancelReservation, R"({})", Version::v201);
    refused(Neutral::Reset, R"({"type":5})", Version::v201);
}

TEST(Translate, ResetMapsImmediateToHardAndOnIdleToSoftOn16) {
    EXPECT_EQ(ok(Neutral::Reset, R"({"type":"Immediate"})", Version::v16).payload.at("type").as_string(), "Hard");
    EXPECT_EQ(ok(Neutral::Reset, R"({"type":"OnIdle"})", Version::v16).payload.at("type").as_string(), "Soft");
    EXPECT_EQ(json::serialize(ok(Neutral::Reset, R"({"type":"Immediate","evseId":2})", Version::v201).payload),
              R"({"type":"Immediate","evseId":2})");
}

TEST(Translate, StopChargingPassesThe16IntegerId) {
    EXPECT_EQ(json::serialize(ok(Neutral::StopCharging, R"({"transactionId":"42"})", Version::v16).payload),
              R"({"transactionId":42})");
    EXPECT_EQ(json::serialize(ok(Neutral::StopCharging, R"({"transactionId":"tx-1"})", Version::v201).payload),
              R"({"transactionId":"tx-1"})");
}

TEST(Translate, ConfigurationKeysAreComponentSlashVariableOn2x) {
    auto get = ok(Neutral::GetConfiguration, R"({"keys":["SampledDataCtrlr/TxEndedInterval"]})", Version::v201);
    EXPECT_EQ(get.payload.at("getVariableData").at(0).at("component").at("name").as_string(), "SampledDataCtrlr");
    EXPECT_EQ(get.payload.at("getVariableData").at(0).at("variable").at("name").as_string(), "TxEndedInterval");
    EXPECT_EQ(json::serialize(ok(Neutral::GetConfiguration, R"({})", Version::v16).payload), "{}");
    auto set = ok(Neutral::SetConfiguration, R"({"key":"A/B","value":"1"})", Version::v201);
    EXPECT_EQ(set.payload.at("setVariableData").at(0).at("attributeValue").as_string(), "1");
}

TEST(Translate, AvailabilityAndTriggersAddressEvsesPerVersion) {
    EXPECT_EQ(json::serialize(ok(Neutral::ChangeAvailability, R"({"operational":true})", Version::v16).payload),
              R"({"connectorId":0,"type":"Operative"})");
    EXPECT_EQ(json::serialize(
                  ok(Neutral::ChangeAvailability, R"({"evseId":3,"connectorId":1,"operational":false})", Version::v201)
                      .payload),
              R"({"operationalStatus":"Inoperative","evse":{"id":3,"connectorId":1}})");
    EXPECT_EQ(
        json::serialize(
            ok(Neutral::TriggerMessage, R"({"message":"LogStatusNotification","evseId":2})", Version::v16).payload),
        R"({"requestedMessage":"DiagnosticsStatusNotification","connectorId":2})");
    EXPECT_EQ(json::serialize(
                  ok(Neutral::TriggerMessage, R"({"message":"StatusNotification","evseId":2})", Version::v201).payload),
              R"({"requestedMessage":"StatusNotification","evse":{"id":2}})");
}

TEST(Translate, ChargingProfilesTakeEachVersionsShape) {
    constexpr auto body =
        R"({"evseId":0,"chargingProfile":{"id":5,"stackLevel":1,"purpose":"ChargingStationMaxProfile","kind":"Absolute",)"
        R"("schedule":{"chargingRateUnit":"W","startSchedule":"2026-01-01T00:00:00Z",)"
        R"("periods":[{"startPeriod":0,"limit":11000,"numberPhases":3}]}}})";
    auto c16 = ok(Neutral::SetChargingProfile, body, Version::v16);
    const auto& p16 = c16.payload.at("csChargingProfiles");
    EXPECT_EQ(p16.at("chargingProfileId").as_int64(), 5);
    EXPECT_EQ(p16.at("chargingProfilePurpose").as_string(), "ChargePointMaxProfile");
    EXPECT_EQ(p16.at("chargingSchedule").at("chargingSchedulePeriod").at(0).at("limit").to_number<double>(), 11000);
    auto c201 = ok(Neutral::SetChargingProfile, body, Version::v201);
    const auto& p201 = c201.payload.at("chargingProfile");
    EXPECT_EQ(p201.at("chargingProfilePurpose").as_string(), "ChargingStationMaxProfile");
    EXPECT_EQ(p201.at("chargingSchedule").at(0).at("id").as_int64(), 1);
    const auto& schemas = ocpp::SchemaValidator::instance();
    EXPECT_FALSE(schemas.validate(Version::v16, "SetChargingProfile", ocpp::Direction::Request, c16.payload));
    EXPECT_FALSE(schemas.validate(Version::v201, "SetChargingProfile", ocpp::Direction::Request, c201.payload));
    auto clear16 =
        ok(Neutral::ClearChargingProfile, R"({"evseId":1,"purpose":"ChargingStationMaxProfile"})", Version::v16);
    EXPECT_EQ(json::serialize(clear16.payload),
              R"({"connectorId":1,"chargingProfilePurpose":"ChargePointMaxProfile"})");
    auto clear201 = ok(Neutral::ClearChargingProfile, R"({"evseId":1,"stackLevel":2})", Version::v201);
    EXPECT_EQ(json::serialize(clear201.payload), R"({"chargingProfileCriteria":{"evseId":1,"stackLevel":2}})");
}

// The command API shapes profiles with the smart-charging model (domain/smart_charging/charging_profile), so its
// rules hold here too.
TEST(Translate, ChargingProfilesFollowTheSmartChargingRules) {
    constexpr auto station_max_on_evse_1 =
        R"({"evseId":1,"chargingProfile":{"id":5,"stackLevel":1,"purpose":"ChargingStationMaxProfile","kind":"Relative",)"
        R"("schedule":{"chargingRateUnit":"A","periods":[{"startPeriod":0,"limit":16}]}}})";
    refused(Neutral::SetChargingProfile, station_max_on_evse_1, Version::v16);
    refused(Neutral::SetChargingProfile, station_max_on_evse_1, Version::v201);
    constexpr auto tx_profile =
        R"({"evseId":1,"chargingProfile":{"id":6,"stackLevel":1,"purpose":"TxProfile","kind":"Relative",)"
        R"("schedule":{"chargingRateUnit":"A","periods":[{"startPeriod":0,"limit":16.25}]}}})";
    refused(Neutral::SetChargingProfile, tx_profile, Version::v201); // K01.FR.03: names its transaction
    auto c16 = ok(Neutral::SetChargingProfile, tx_profile, Version::v16);
    EXPECT_DOUBLE_EQ(c16.payload.at("csChargingProfiles")
                         .at("chargingSchedule")
                         .at("chargingSchedulePeriod")
                         .at(0)
                         .at("limit")
                         .to_number<double>(),
                     16.2)
        << "rounded down to 0.1";
    // A remote start's TxProfile names no transaction yet.
    auto start = ok(Neutral::StartCharging,
                    R"({"evseId":1,"idToken":{"idToken":"A"},"chargingProfile":{"id":6,"stackLevel":1,)"
                    R"("purpose":"TxProfile","kind":"Relative","schedule":{"id":2,"chargingRateUnit":"A",)"
                    R"("periods":[{"startPeriod":0,"limit":16}]}}})",
                    Version::v201);
    EXPECT_FALSE(start.payload.at("chargingProfile").as_object().contains("transactionId"));
    EXPECT_FALSE(ocpp::SchemaValidator::instance().validate(Version::v201, "RequestStartTransaction",
                                                            ocpp::Direction::Request, start.payload));
    refused(Neutral::SetChargingProfile,
            R"({"evseId":0,"chargingProfile":{"id":5,"stackLevel":1,"purpose":"TxDefaultProfile","kind":"Absolute",)"
            R"("schedule":{"chargingRateUnit":"A","startSchedule":"yesterday","periods":[{"startPeriod":0,"limit":16}]}}})",
            Version::v201);
}

TEST(Translate, LocalListsAndReservationsCarryTokensPerVersion) {
    constexpr auto list =
        R"({"listVersion":4,"updateType":"Differential","entries":[{"idToken":{"idToken":"A"},"status":"Blocked",)"
        R"("expiresAt":"2027-01-01T00:00:00Z","groupIdToken":{"idToken":"G"}},{"idToken":{"idToken":"B"}}]})";
    auto l16 = ok(Neutral::SendLocalList, list, Version::v16);
    EXPECT_EQ(json::serialize(l16.payload),
              R"({"listVersion":4,"updateType":"Differential","localAuthorizationList":[{"idTag":"A","idTagInfo":)"
              R"({"parentIdTag":"G","expiryDate":"2027-01-01T00:00:00Z","status":"Blocked"}},{"idTag":"B"}]})");
    auto l201 = ok(Neutral::SendLocalList, list, Version::v201);
    EXPECT_EQ(l201.payload.at("versionNumber").as_int64(), 4);
    EXPECT_EQ(l201.payload.at("localAuthorizationList").at(0).at("idTokenInfo").at("groupIdToken").at("idToken"), "G");
    EXPECT_FALSE(l201.payload.at("localAuthorizationList").at(1).as_object().contains("idTokenInfo"));
    auto r16 = ok(Neutral::Reserve,
                  R"({"reservationId":9,"expiresAt":"2027-01-01T00:00:00Z","idToken":{"idToken":"A"}})", Version::v16);
    EXPECT_EQ(r16.payload.at("connectorId").as_int64(), 0) << "any connector";
    auto r201 =
        ok(Neutral::Reserve, R"({"reservationId":9,"expiresAt":"2027-01-01T00:00:00Z","idToken":{"idToken":"A"}})",
           Version::v201);
    EXPECT_EQ(r201.payload.at("id").as_int64(), 9);
    EXPECT_FALSE(r201.payload.contains("evseId"));
}

TEST(Translate, DiagnosticsAndFirmwareUseTheGeneratedRequestIdOn2x) {
    auto g = ok(Neutral::UploadDiagnostics, R"({"location":"ftp://x/y","from":"2026-01-01T00:00:00Z","retries":2})",
                Version::v201, 55);
    EXPECT_EQ(json::serialize(g.payload),
              R"({"logType":"DiagnosticsLog","requestId":55,"log":{"remoteLocation":"ftp://x/y",)"
              R"("oldestTimestamp":"2026-01-01T00:00:00Z"},"retries":2})");
    auto d = ok(Neutral::UploadDiagnostics, R"({"location":"ftp://x/y","from":"2026-01-01T00:00:00Z"})", Version::v16);
    EXPECT_EQ(json::serialize(d.payload), R"({"location":"ftp://x/y","startTime":"2026-01-01T00:00:00Z"})");
    auto f = ok(Neutral::UpdateFirmware, R"({"location":"https://x","retrieveAt":"2026-01-01T00:00:00Z"})",
                Version::v201, 56);
    EXPECT_EQ(f.payload.at("requestId").as_int64(), 56);
    EXPECT_EQ(f.payload.at("firmware").at("retrieveDateTime").as_string(), "2026-01-01T00:00:00Z");
}

TEST(NeutralStatus, SpellingsOfTheVersionsMeetInOneVocabulary) {
    EXPECT_EQ(neutral_status(Neutral::UploadDiagnostics, Version::v16, json::parse("{}")), "Rejected");
    EXPECT_EQ(
        neutral_status(Neutral::UploadDiagnostics, Version::v201, json::parse(R"({"status":"AcceptedCanceled"})")),
        "Accepted");
    EXPECT_EQ(neutral_status(Neutral::SetConfiguration, Version::v201,
                             json::parse(R"({"setVariableResult":[{"attributeStatus":"UnknownVariable"}]})")),
              "NotSupported");
    EXPECT_EQ(neutral_status(Neutral::SetConfiguration, Version::v16, json::parse(R"({"status":"NotSupported"})")),
              "NotSupported");
    EXPECT_FALSE(neutral_status(Neutral::GetLocalListVersion, Version::v16, json::parse(R"({"listVersion":1})")));
    EXPECT_FALSE(neutral_status(Neutral::Reset, Version::v16, json::parse("[]")));
}

} // namespace
} // namespace recarga::manager::commands

namespace recarga::manager {
namespace {

namespace env = recarga::envelope;

env::Envelope boot_reply(std::string_view status) {
    env::Envelope r;
    r.kind = env::Kind::Result;
    r.payload = boost::json::object{{"status", status}, {"currentTime", "2026-01-01T00:00:00Z"}, {"interval", 300}};
    return r;
}

TEST(Outbox, OpensOnAConnectAndOnAnAcceptedBootOnly) {
    env::Envelope connected;
    connected.kind = env::Kind::Connected;
    EXPECT_TRUE(opens_outbox(connected, std::nullopt));
    env::Envelope boot;
    boot.kind = env::Kind::Call;
    boot.action = "BootNotification";
    EXPECT_TRUE(opens_outbox(boot, boot_reply("Accepted")));
    EXPECT_FALSE(opens_outbox(boot, boot_reply("Pending")));
    EXPECT_FALSE(opens_outbox(boot, std::nullopt));
    env::Envelope heartbeat = boot;
    heartbeat.action = "Heartbeat";
    EXPECT_FALSE(opens_outbox(heartbeat, boot_reply("Accepted")));
    env::Envelope disconnected;
    disconnected.kind = env::Kind::Disconnected;
    EXPECT_FALSE(opens_outbox(disconnected, std::nullopt));
}

TEST(CommandAnswer, ANeutralCommandCarriesTheNeutralStatus) {
    env::Envelope r;
    r.outcome = env::outcome::kResult;
    r.message_id = "m1";
    r.payload = boost::json::object{{"status", "AcceptedCanceled"}};
    auto res = api::command_response(r, commands::Neutral::UploadDiagnostics, ocpp::Version::v201);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(boost::json::parse(res.body).at("status").as_string(), "Accepted");
    r.payload = boost::json::object{{"listVersion", 2}};
    res = api::command_response(r, commands::Neutral::GetLocalListVersion, ocpp::Version::v16);
    EXPECT_FALSE(boost::json::parse(res.body).as_object().contains("status"));
    r.outcome = env::outcome::kOffline;
    EXPECT_EQ(api::command_response(r, commands::Neutral::Reset, ocpp::Version::v16).status, 409);
}

} // namespace
} // namespace recarga::manager
