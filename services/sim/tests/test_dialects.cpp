// Every payload the simulated stations send, and every answer they give to a CSMS CALL, is checked against
// the official JSON schema of its version with libs/ocpp's SchemaValidator.
#include "dialect.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "recarga/ocpp/validator.hpp"

namespace json = boost::json;
using namespace recarga::sim;
using recarga::ocpp::Direction;
using recarga::ocpp::SchemaValidator;
using recarga::ocpp::Version;

namespace {

const Clock::time_point kAt = Clock::time_point(std::chrono::milliseconds(1'764'000'000'123));

std::string name(Version v) { return std::string(recarga::ocpp::subprotocol(v)); }

void expect_valid(Version v, const OutCall& c) {
    const auto err = SchemaValidator::instance().validate(v, c.action, Direction::Request, c.payload);
    EXPECT_FALSE(err) << name(v) << " " << c.action << ": " << (err ? err->description : "") << "\n"
                      << json::serialize(c.payload);
}

void expect_valid_answer(Version v, const std::string& action, const IncomingReply& r) {
    ASSERT_FALSE(r.error) << name(v) << " " << action << " answered with an error: " << r.error->description;
    const auto err = SchemaValidator::instance().validate(v, action, Direction::Response, r.result);
    EXPECT_FALSE(err) << name(v) << " " << action << " response: " << (err ? err->description : "") << "\n"
                      << json::serialize(r.result);
}

MeterReading reading() {
    MeterReading m;
    m.energy_wh = 123456.7;
    m.power_w = 11000.0;
    m.current_a = 15.9;
    m.voltage_v = 231.2;
    m.soc_percent = 55.5;
    return m;
}

class DialectTest : public ::testing::TestWithParam<Version> {
protected:
    const Dialect& d() const { return dialect_for(GetParam()); }
    bool v16() const { return GetParam() == Version::v16; }

    TxContext tx() const {
        TxContext t;
        t.evse_id = 1;
        t.connector_id = 1;
        t.id_token = "SIMTOKEN";
        t.transaction_id = v16() ? "42" : "0c426eb87d40cafb0001";
        return t;
    }

    StationView view(const TxContext* active = nullptr) const {
        StationView v;
        v.identity = &identity;
        v.connectors = 2;
        v.heartbeat_interval_s = 300;
        v.meter_interval_s = 10;
        if (active) {
            v.transactions.push_back(active);
        }
        return v;
    }

    // Validates the request first, so that a wrong test input cannot pass for a right answer.
    IncomingReply answer(const std::string& action, const char* request) const {
        const auto payload = json::parse(request).as_object();
        const auto err = SchemaValidator::instance().validate(GetParam(), action, Direction::Request, payload);
        EXPECT_FALSE(err) << "test input for " << action << " is not valid: " << (err ? err->description : "");
        return d().answer(action, payload, view(&active_tx));
    }

    StationIdentity identity{"SIM-0001", "Recarga", "SimCharger", "SIM-0001", "recarga-sim-0.1"};
    TxContext active_tx = tx();
};

} // namespace

TEST_P(DialectTest, VersionMatches) { EXPECT_EQ(d().version(), GetParam()); }

TEST_P(DialectTest, ValidatorRejectsABrokenPayload) {
    // Guards the tests below: the validator must actually look at our payloads.
    auto c = d().boot_notification(identity);
    c.payload.erase(v16() ? "chargePointModel" : "chargingStation");
    EXPECT_TRUE(SchemaValidator::instance().validate(GetParam(), c.action, Direction::Request, c.payload));
}

TEST_P(DialectTest, BootHeartbeatAuthorizeAreSchemaValid) {
    expect_valid(GetParam(), d().boot_notification(identity));
    StationIdentity minimal;
    minimal.id = "X";
    expect_valid(GetParam(), d().boot_notification(minimal));
    StationIdentity long_names{"X", std::string(80, 'v'), std::string(80, 'm'), std::string(80, 's'),
                               std::string(80, 'f')};
    expect_valid(GetParam(), d().boot_notification(long_names)); // truncated to the schema's lengths
    expect_valid(GetParam(), d().heartbeat());
    expect_valid(GetParam(), d().authorize("SIMTOKEN"));
    expect_valid(GetParam(), d().authorize(std::string(60, 'T')));
}

TEST_P(DialectTest, StatusNotificationForEveryStateIsSchemaValid) {
    for (auto s : {ConnectorState::Available, ConnectorState::Preparing, ConnectorState::Charging,
                   ConnectorState::Finishing, ConnectorState::Unavailable, ConnectorState::Faulted}) {
        expect_valid(GetParam(), d().status_notification(1, 1, s, kAt));
    }
}

TEST_P(DialectTest, TransactionMessagesAreSchemaValid) {
    auto t = tx();
    expect_valid(GetParam(), d().transaction_started(t, reading(), kAt));
    expect_valid(GetParam(), d().transaction_meter(t, reading(), kAt));
    for (auto r : {StopReason::Local, StopReason::Remote, StopReason::EVDisconnected, StopReason::Reboot,
                   StopReason::Other}) {
        expect_valid(GetParam(), d().transaction_ended(t, reading(), r, kAt));
    }
    auto remote = tx();
    remote.remote = true;
    remote.remote_start_id = 7;
    expect_valid(GetParam(), d().transaction_started(remote, reading(), kAt));
}

TEST(Dialect2x, TransactionEventSeqNoIncreases) {
    for (auto v : {Version::v201, Version::v21}) {
        const auto& d = dialect_for(v);
        TxContext t;
        t.transaction_id = "abc";
        EXPECT_EQ(d.transaction_started(t, reading(), kAt).payload.at("seqNo").as_int64(), 0);
        EXPECT_EQ(d.transaction_meter(t, reading(), kAt).payload.at("seqNo").as_int64(), 1);
        EXPECT_EQ(d.transaction_ended(t, reading(), StopReason::Local, kAt).payload.at("seqNo").as_int64(), 2);
    }
}

TEST_P(DialectTest, MeterValuesCarryTheFiveMeasurands) {
    auto t = tx();
    const auto c = d().transaction_meter(t, reading(), kAt);
    const auto& sampled = c.payload.at("meterValue").as_array().at(0).at("sampledValue").as_array();
    ASSERT_EQ(sampled.size(), 5u);
    EXPECT_EQ(sampled.at(0).at("measurand").as_string(), "Energy.Active.Import.Register");
    if (v16()) {
        EXPECT_EQ(sampled.at(0).at("value").as_string(), "123456.7");
    } else {
        EXPECT_DOUBLE_EQ(sampled.at(0).at("value").as_double(), 123456.7);
    }
}

TEST_P(DialectTest, ReadsBootAnswers) {
    const auto a = d().read_boot(json::parse(R"({"currentTime":"2026-01-01T00:00:00Z","interval":120,
                                                  "status":"Accepted"})")
                                     .as_object());
    EXPECT_EQ(a.status, BootStatus::Accepted);
    EXPECT_EQ(a.interval_s, 120);
    EXPECT_EQ(d().read_boot(json::parse(R"({"currentTime":"x","interval":5,"status":"Pending"})").as_object()).status,
              BootStatus::Pending);
    EXPECT_EQ(d().read_boot(json::parse(R"({"status":"Rejected"})").as_object()).status, BootStatus::Rejected);
    EXPECT_EQ(d().read_boot(json::object{}).status, BootStatus::Unknown);
}

TEST_P(DialectTest, ReadsAuthorizeAndStartAnswers) {
    const char* accepted = v16() ? R"({"idTagInfo":{"status":"Accepted"}})" : R"({"idTokenInfo":{"status":"Accepted"}})";
    const char* blocked = v16() ? R"({"idTagInfo":{"status":"Blocked"}})" : R"({"idTokenInfo":{"status":"Blocked"}})";
    EXPECT_TRUE(d().read_authorize(json::parse(accepted).as_object()));
    EXPECT_FALSE(d().read_authorize(json::parse(blocked).as_object()));
    TxContext t = tx();
    if (v16()) {
        t.transaction_id.clear();
        EXPECT_TRUE(d().read_transaction_started(
            json::parse(R"({"transactionId":991,"idTagInfo":{"status":"Accepted"}})").as_object(), t));
        EXPECT_EQ(t.transaction_id, "991");
    } else {
        EXPECT_TRUE(d().read_transaction_started(json::object{}, t)); // idTokenInfo is optional
        EXPECT_FALSE(d().read_transaction_started(json::parse(blocked).as_object(), t));
    }
}

TEST_P(DialectTest, UnknownActionGetsNotImplementedInTheVersionsSpelling) {
    const auto r = d().answer("NoSuchAction", json::object{}, view());
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->kind, recarga::ocpp::ErrorKind::NotImplemented);
    EXPECT_EQ(recarga::ocpp::error_code(GetParam(), r.error->kind), "NotImplemented");
}

TEST_P(DialectTest, RemoteStartIsAcceptedAndStartsASession) {
    const auto r = v16() ? answer("RemoteStartTransaction", R"({"connectorId":2,"idTag":"REMOTE1"})")
                         : answer("RequestStartTransaction",
                                  R"({"evseId":2,"remoteStartId":17,"idToken":{"idToken":"REMOTE1","type":"Central"}})");
    expect_valid_answer(GetParam(), v16() ? "RemoteStartTransaction" : "RequestStartTransaction", r);
    EXPECT_EQ(r.result.at("status").as_string(), "Accepted");
    ASSERT_EQ(r.effects.size(), 1u);
    EXPECT_EQ(r.effects[0].kind, Effect::Kind::RemoteStart);
    EXPECT_EQ(r.effects[0].connector_id, 2);
    EXPECT_EQ(r.effects[0].id_token, "REMOTE1");
    if (!v16()) {
        EXPECT_EQ(r.effects[0].remote_start_id, 17);
    }
}

TEST_P(DialectTest, RemoteStartOnABusyConnectorIsRejected) {
    // active_tx is on connector / EVSE 1.
    const auto r = v16() ? answer("RemoteStartTransaction", R"({"connectorId":1,"idTag":"REMOTE1"})")
                         : answer("RequestStartTransaction",
                                  R"({"evseId":1,"remoteStartId":1,"idToken":{"idToken":"R","type":"Central"}})");
    EXPECT_EQ(r.result.at("status").as_string(), "Rejected");
    EXPECT_TRUE(r.effects.empty());
}

TEST_P(DialectTest, RemoteStopOfTheActiveTransaction) {
    const auto r = v16() ? answer("RemoteStopTransaction", R"({"transactionId":42})")
                         : answer("RequestStopTransaction", R"({"transactionId":"0c426eb87d40cafb0001"})");
    expect_valid_answer(GetParam(), v16() ? "RemoteStopTransaction" : "RequestStopTransaction", r);
    EXPECT_EQ(r.result.at("status").as_string(), "Accepted");
    ASSERT_EQ(r.effects.size(), 1u);
    EXPECT_EQ(r.effects[0].kind, Effect::Kind::RemoteStop);
    EXPECT_EQ(r.effects[0].transaction_id, active_tx.transaction_id);
    const auto unknown = v16() ? answer("RemoteStopTransaction", R"({"transactionId":43})")
                               : answer("RequestStopTransaction", R"({"transactionId":"nope"})");
    EXPECT_EQ(unknown.result.at("status").as_string(), "Rejected");
}

TEST_P(DialectTest, ConfigurationChangesAreAnsweredAndApplied) {
    if (v16()) {
        const auto r = answer("ChangeConfiguration", R"({"key":"HeartbeatInterval","value":"45"})");
        expect_valid_answer(GetParam(), "ChangeConfiguration", r);
        EXPECT_EQ(r.result.at("status").as_string(), "Accepted");
        ASSERT_EQ(r.effects.size(), 1u);
        EXPECT_EQ(r.effects[0].kind, Effect::Kind::SetHeartbeatInterval);
        EXPECT_EQ(r.effects[0].value, 45);
        EXPECT_EQ(answer("ChangeConfiguration", R"({"key":"HeartbeatInterval","value":"soon"})")
                      .result.at("status")
                      .as_string(),
                  "Rejected");
        EXPECT_EQ(answer("ChangeConfiguration", R"({"key":"NoSuchKey","value":"1"})").result.at("status").as_string(),
                  "NotSupported");
        const auto get = answer("GetConfiguration", R"({"key":["HeartbeatInterval","NoSuchKey"]})");
        expect_valid_answer(GetParam(), "GetConfiguration", get);
        EXPECT_EQ(get.result.at("configurationKey").as_array().at(0).at("value").as_string(), "300");
        EXPECT_EQ(get.result.at("unknownKey").as_array().at(0).as_string(), "NoSuchKey");
        expect_valid_answer(GetParam(), "GetConfiguration", answer("GetConfiguration", "{}"));
    } else {
        const auto r = answer("SetVariables", R"({"setVariableData":[
            {"attributeValue":"45","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}},
            {"attributeValue":"1","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"Nope"}},
            {"attributeValue":"1","component":{"name":"Nope"},"variable":{"name":"Nope"}}]})");
        expect_valid_answer(GetParam(), "SetVariables", r);
        const auto& results = r.result.at("setVariableResult").as_array();
        ASSERT_EQ(results.size(), 3u);
        EXPECT_EQ(results[0].at("attributeStatus").as_string(), "Accepted");
        EXPECT_EQ(results[1].at("attributeStatus").as_string(), "UnknownVariable");
        EXPECT_EQ(results[2].at("attributeStatus").as_string(), "UnknownComponent");
        ASSERT_EQ(r.effects.size(), 1u);
        EXPECT_EQ(r.effects[0].kind, Effect::Kind::SetHeartbeatInterval);
        EXPECT_EQ(r.effects[0].value, 45);
        const auto get = answer("GetVariables", R"({"getVariableData":[
            {"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}},
            {"component":{"name":"X"},"variable":{"name":"Y"}}]})");
        expect_valid_answer(GetParam(), "GetVariables", get);
        EXPECT_EQ(get.result.at("getVariableResult").as_array().at(0).at("attributeValue").as_string(), "300");
    }
}

TEST_P(DialectTest, EveryRoutedCsmsCallGetsASchemaValidAnswer) {
    struct Case {
        const char* action;
        const char* request;
    };
    const std::vector<Case> v16_cases{
        {"Reset", R"({"type":"Soft"})"},
        {"TriggerMessage", R"({"requestedMessage":"Heartbeat"})"},
        {"TriggerMessage", R"({"requestedMessage":"DiagnosticsStatusNotification"})"},
        {"ChangeAvailability", R"({"connectorId":1,"type":"Inoperative"})"},
        {"UnlockConnector", R"({"connectorId":1})"},
        {"ClearCache", "{}"},
        {"DataTransfer", R"({"vendorId":"acme"})"},
        {"GetLocalListVersion", "{}"},
        {"SendLocalList", R"({"listVersion":1,"updateType":"Full"})"},
        {"ReserveNow", R"({"connectorId":1,"expiryDate":"2026-01-01T00:00:00Z","idTag":"A","reservationId":1})"},
        {"CancelReservation", R"({"reservationId":1})"},
        {"ClearChargingProfile", "{}"},
        {"GetCompositeSchedule", R"({"connectorId":1,"duration":60})"},
        {"GetDiagnostics", R"({"location":"ftp://example.com/"})"},
        {"UpdateFirmware", R"({"location":"ftp://example.com/fw","retrieveDate":"2026-01-01T00:00:00Z"})"},
    };
    const std::vector<Case> v2x_cases{
        {"Reset", R"({"type":"Immediate"})"},
        {"TriggerMessage", R"({"requestedMessage":"StatusNotification","evse":{"id":1,"connectorId":1}})"},
        {"TriggerMessage", R"({"requestedMessage":"LogStatusNotification"})"},
        {"GetTransactionStatus", R"({"transactionId":"0c426eb87d40cafb0001"})"},
        {"GetTransactionStatus", "{}"},
        {"ChangeAvailability", R"({"operationalStatus":"Inoperative"})"},
        {"UnlockConnector", R"({"evseId":1,"connectorId":1})"},
        {"ClearCache", "{}"},
        {"DataTransfer", R"({"vendorId":"acme"})"},
        {"GetBaseReport", R"({"requestId":1,"reportBase":"FullInventory"})"},
        {"GetLocalListVersion", "{}"},
        {"SendLocalList", R"({"versionNumber":1,"updateType":"Full"})"},
        {"CancelReservation", R"({"reservationId":1})"},
        {"ClearChargingProfile", "{}"},
        {"GetCompositeSchedule", R"({"duration":60,"evseId":1})"},
    };
    for (const auto& c : v16() ? v16_cases : v2x_cases) {
        SCOPED_TRACE(c.action);
        expect_valid_answer(GetParam(), c.action, answer(c.action, c.request));
    }
}

TEST_P(DialectTest, TriggerMessageAsksForTheMessage) {
    const auto r = answer("TriggerMessage", R"({"requestedMessage":"BootNotification"})");
    EXPECT_EQ(r.result.at("status").as_string(), "Accepted");
    ASSERT_EQ(r.effects.size(), 1u);
    EXPECT_EQ(r.effects[0].kind, Effect::Kind::Trigger);
    EXPECT_EQ(r.effects[0].action, "BootNotification");
}

INSTANTIATE_TEST_SUITE_P(AllVersions, DialectTest, ::testing::Values(Version::v16, Version::v201, Version::v21),
                         [](const auto& info) {
                             return info.param == Version::v16 ? "v16" : info.param == Version::v201 ? "v201" : "v21";
                         });

TEST(Iso8601, FormatsUtcWithMilliseconds) {
    EXPECT_EQ(iso8601(Clock::time_point(std::chrono::milliseconds(1'764'000'000'123))), "2025-11-24T16:00:00.123Z");
    EXPECT_EQ(iso8601(Clock::time_point{}), "1970-01-01T00:00:00.000Z");
}
