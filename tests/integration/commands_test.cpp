// CSMS-initiated commands end to end: REST -> manager (CommandClient) -> RabbitMQ -> the gateway that holds
// the station -> the station's answer back. Also duplicate connections across two gateways.
#include <gtest/gtest.h>

#include <future>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness.hpp"

namespace recarga::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class Commands : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-cmd-a");
        stack->start_manager();
        stack->start_gateway();
        // A second gateway and a second manager on the same broker and database.
        other = new Stack(*db, "gw-cmd-b");
        other->start_gateway();
        other->start_manager();
        // The second manager's create-admin set the shared admin's password again, which ends its sessions.
        stack->admin_token = login(stack->http_port, Stack::kAdminUser, Stack::kAdminPassword);
    }
    static void TearDownTestSuite() {
        delete other;
        delete stack;
        delete db;
    }
    static std::unique_ptr<Station> connect(const Stack& s, const std::string& id, const std::string& protocol) {
        auto st = std::make_unique<Station>(s.gateway_port, "/ocpp/" + id, protocol);
        if (st->open()) {
            json::object boot = protocol == "ocpp1.6"
                                    ? json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "T"}}
                                    : json::object{{"reason", "PowerUp"},
                                                   {"chargingStation", {{"vendorName", "Recarga"}, {"model", "T"}}}};
            st->call("boot", "BootNotification", boot);
        }
        return st;
    }
    // Waits until the manager's owner record says the station is connected through `gateway`.
    static bool owned_by(const std::string& id, const std::string& gateway) {
        return eventually([&] {
            return db->scalar("SELECT gateway_id FROM stations WHERE id = '" + id + "' AND connected") == gateway;
        });
    }
    static std::future<HttpResult> post_async(std::uint16_t port, const std::string& target, const std::string& body) {
        return std::async(std::launch::async, [=] { return http_post(port, target, body, stack->admin_token); });
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline Stack* other = nullptr;
};

TEST_F(Commands, ResetReachesA16StationAndReturnsItsAnswer) {
    auto st = connect(*stack, "CMD-16", "ocpp1.6");
    ASSERT_TRUE(st->open());
    ASSERT_TRUE(owned_by("CMD-16", "gw-cmd-a"));
    auto res = post_async(stack->http_port, "/api/v1/stations/CMD-16/commands/Reset", R"({"type":"Soft"})");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "Reset");
    EXPECT_EQ((*call)[3].at("type").as_string(), "Soft");
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    auto r = res.get();
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body);
    EXPECT_EQ(body.at("outcome").as_string(), "result");
    EXPECT_EQ(body.at("status").as_string(), "Accepted");
    EXPECT_EQ(body.at("messageId").as_string(), (*call)[1].as_string());
}

TEST_F(Commands, GetVariablesReachesA201StationThroughEitherManager) {
    auto st = connect(*stack, "CMD-201", "ocpp2.0.1");
    ASSERT_TRUE(st->open());
    ASSERT_TRUE(owned_by("CMD-201", "gw-cmd-a"));
    // Sent through the second manager: any manager reaches any gateway.
    auto res = post_async(other->http_port, "/api/v1/stations/CMD-201/commands/GetVariables",
                          R"({"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]})");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "GetVariables");
    st->answer(std::string((*call)[1].as_string()),
               json::parse(R"({"getVariableResult":[{"attributeStatus":"Accepted","attributeValue":"300",)"
                           R"("component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]})"));
    auto r = res.get();
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body);
    EXPECT_EQ(body.at("outcome").as_string(), "result");
    EXPECT_EQ(body.at("result").at("getVariableResult").at(0).at("attributeValue").as_string(), "300");
}

TEST_F(Commands, AStationCallErrorIsItsAnswer) {
    auto st = connect(*stack, "CMD-ERR", "ocpp1.6");
    ASSERT_TRUE(owned_by("CMD-ERR", "gw-cmd-a"));
    auto res = post_async(stack->http_port, "/api/v1/stations/CMD-ERR/commands/UnlockConnector", R"({"connectorId":1})");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    st->send_text(R"([4,")" + std::string((*call)[1].as_string()) + R"(","NotSupported","no lock here",{}])");
    auto r = res.get();
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body);
    EXPECT_EQ(body.at("outcome").as_string(), "error");
    EXPECT_EQ(body.at("error").at("code").as_string(), "NotSupported");
}

TEST_F(Commands, AnAnswerThatBreaksTheResponseSchemaIsReported) {
    auto st = connect(*stack, "CMD-BAD", "ocpp1.6");
    ASSERT_TRUE(owned_by("CMD-BAD", "gw-cmd-a"));
    auto res = post_async(stack->http_port, "/api/v1/stations/CMD-BAD/commands/Reset", R"({"type":"Hard"})");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Maybe"}});
    auto r = res.get();
    EXPECT_EQ(r.status, 502) << r.body;
}

TEST_F(Commands, UnknownStationInvalidPayloadAndWrongActionAreRefused) {
    EXPECT_EQ(http_post(stack->http_port, "/api/v1/stations/NOPE/commands/Reset", R"({"type":"Soft"})", stack->admin_token).status, 404);
    auto st = connect(*stack, "CMD-VAL", "ocpp1.6");
    ASSERT_TRUE(owned_by("CMD-VAL", "gw-cmd-a"));
    auto bad = http_post(stack->http_port, "/api/v1/stations/CMD-VAL/commands/Reset", R"({"type":"Sideways"})", stack->admin_token);
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_NE(bad.body.find("invalid-payload"), std::string::npos);
    EXPECT_EQ(http_post(stack->http_port, "/api/v1/stations/CMD-VAL/commands/Reset", "not json", stack->admin_token).status, 400);
    // A 2.0.1 action on a 1.6 station, and an action stations send.
    EXPECT_EQ(http_post(stack->http_port, "/api/v1/stations/CMD-VAL/commands/GetVariables", "{}", stack->admin_token).status, 404);
    EXPECT_EQ(http_post(stack->http_port, "/api/v1/stations/CMD-VAL/commands/Heartbeat", "{}", stack->admin_token).status, 400);
    // Nothing reached the station.
    EXPECT_FALSE(st->read_call(300ms));
}

TEST_F(Commands, AnOfflineStationGivesAConflict) {
    {
        auto st = connect(*stack, "CMD-OFF", "ocpp1.6");
        ASSERT_TRUE(owned_by("CMD-OFF", "gw-cmd-a"));
    }
    ASSERT_TRUE(eventually([] { return db->scalar("SELECT connected FROM stations WHERE id = 'CMD-OFF'") == "f"; }));
    auto r = http_post(stack->http_port, "/api/v1/stations/CMD-OFF/commands/Reset", R"({"type":"Soft"})", stack->admin_token);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(r.body.find("station-offline"), std::string::npos);
}

TEST_F(Commands, AStationThatNeverAnswersTimesOutAndTheNextCommandStillGoesThrough) {
    auto st = connect(*stack, "CMD-MUTE", "ocpp1.6");
    ASSERT_TRUE(owned_by("CMD-MUTE", "gw-cmd-a"));
    auto start = std::chrono::steady_clock::now();
    auto res = post_async(stack->http_port, "/api/v1/stations/CMD-MUTE/commands/Reset?timeoutMs=1000",
                          R"({"type":"Soft"})");
    auto first = st->read_call();
    ASSERT_TRUE(first);
    auto r = res.get();
    EXPECT_EQ(r.status, 504) << r.body;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s) << "the gateway answers the timeout itself";
    // The slot is free again: the next command is sent and answered.
    auto next = post_async(stack->http_port, "/api/v1/stations/CMD-MUTE/commands/ClearCache", "{}");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "ClearCache");
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    EXPECT_EQ(next.get().status, 200);
}

TEST_F(Commands, OneCommandAtATimePerStationTheNextWaits) {
    auto st = connect(*stack, "CMD-SEQ", "ocpp1.6");
    ASSERT_TRUE(owned_by("CMD-SEQ", "gw-cmd-a"));
    // Two managers send at once; the gateway sends the second CALL only after the first is answered.
    auto a = post_async(stack->http_port, "/api/v1/stations/CMD-SEQ/commands/ClearCache", "{}");
    auto b = post_async(other->http_port, "/api/v1/stations/CMD-SEQ/commands/ClearCache", "{}");
    auto first = st->read_call();
    ASSERT_TRUE(first);
    EXPECT_FALSE(st->read_call(500ms)) << "a second CALL while the first is outstanding";
    st->answer(std::string((*first)[1].as_string()), json::object{{"status", "Accepted"}});
    auto second = st->read_call();
    ASSERT_TRUE(second);
    EXPECT_NE((*second)[1].as_string(), (*first)[1].as_string());
    st->answer(std::string((*second)[1].as_string()), json::object{{"status", "Rejected"}});
    auto ra = a.get(), rb = b.get();
    EXPECT_EQ(ra.status, 200) << ra.body;
    EXPECT_EQ(rb.status, 200) << rb.body;
    EXPECT_NE(ra.body, rb.body);
}

TEST_F(Commands, AReconnectToTheOtherGatewayClosesTheFirstSocketAndCommandsFollow) {
    auto on_a = connect(*stack, "CMD-MOVE", "ocpp2.0.1");
    ASSERT_TRUE(on_a->open());
    ASSERT_TRUE(owned_by("CMD-MOVE", "gw-cmd-a"));
    auto on_b = connect(*other, "CMD-MOVE", "ocpp2.0.1");
    ASSERT_TRUE(on_b->open());
    ASSERT_TRUE(owned_by("CMD-MOVE", "gw-cmd-b"));
    // Gateway A closes the stale socket with a clear close code.
    EXPECT_FALSE(on_a->read(5s));
    EXPECT_FALSE(on_a->open());
    EXPECT_EQ(on_a->close_code(), 1008);
    auto res = post_async(stack->http_port, "/api/v1/stations/CMD-MOVE/commands/Reset", R"({"type":"Immediate"})");
    auto call = on_b->read_call();
    ASSERT_TRUE(call);
    on_b->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    auto r = res.get();
    EXPECT_EQ(r.status, 200) << r.body;
    // The stale socket's disconnect does not mark the station offline.
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(db->scalar("SELECT connected FROM stations WHERE id = 'CMD-MOVE'"), "t");
}

// Security profile 1 (HTTP Basic over ws://): the manager decides admission, the gateway answers before the upgrade.
TEST_F(Commands, Profile1WrongOrMissingPasswordIs401BeforeTheUpgrade) {
    const std::string pw = "correct-horse-battery-1";
    auto put = http_put(stack->http_port, "/api/v1/stations/SEC-1/security",
                        R"({"securityProfile":1,"password":")" + pw + R"("})", stack->admin_token);
    ASSERT_EQ(put.status, 200) << put.body;
    // Stored as an argon2id hash, never as the password.
    const auto hash = db->scalar("SELECT password_hash FROM stations WHERE id = 'SEC-1'");
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_EQ(hash.find(pw), std::string::npos);

    Station wrong(stack->gateway_port, "/ocpp/SEC-1", "ocpp1.6", "SEC-1:wrong-password-123456");
    EXPECT_FALSE(wrong.open());
    EXPECT_EQ(wrong.handshake().http_status, 401);
    Station none(stack->gateway_port, "/ocpp/SEC-1", "ocpp1.6");
    EXPECT_FALSE(none.open());
    EXPECT_EQ(none.handshake().http_status, 401);
    Station other_user(stack->gateway_port, "/ocpp/SEC-1", "ocpp1.6", "SEC-2:" + pw);
    EXPECT_EQ(other_user.handshake().http_status, 401);
    Station right(stack->gateway_port, "/ocpp/SEC-1", "ocpp1.6", "SEC-1:" + pw);
    EXPECT_TRUE(right.open());
    EXPECT_EQ(right.handshake().http_status, 101);
    auto hb = right.call("h1", "Heartbeat", json::object{});
    EXPECT_EQ(hb[0].as_int64(), 3);
}

TEST_F(Commands, AConnectionBelowTheRequiredProfileIsRefused) {
    const std::string pw = "correct-horse-battery-2";
    ASSERT_EQ(http_put(stack->http_port, "/api/v1/stations/SEC-2/security",
                       R"({"securityProfile":2,"password":")" + pw + R"("})", stack->admin_token)
                  .status,
              200);
    Station plain(stack->gateway_port, "/ocpp/SEC-2", "ocpp1.6", "SEC-2:" + pw);
    EXPECT_FALSE(plain.open());
    EXPECT_EQ(plain.handshake().http_status, 403);
}

TEST_F(Commands, RepeatedWrongPasswordsBlockTheStationForAWhile) {
    const std::string pw = "correct-horse-battery-3";
    ASSERT_EQ(http_put(stack->http_port, "/api/v1/stations/SEC-3/security",
                       R"({"securityProfile":1,"password":")" + pw + R"("})", stack->admin_token)
                  .status,
              200);
    for (int i = 0; i < 5; ++i) {
        Station wrong(stack->gateway_port, "/ocpp/SEC-3", "ocpp1.6", "SEC-3:wrong-password-00000" + std::to_string(i));
        EXPECT_EQ(wrong.handshake().http_status, 401);
    }
    Station right(stack->gateway_port, "/ocpp/SEC-3", "ocpp1.6", "SEC-3:" + pw);
    EXPECT_FALSE(right.open());
    EXPECT_EQ(right.handshake().http_status, 429);
}

TEST_F(Commands, SecuritySettingsAreValidated) {
    EXPECT_EQ(http_put(stack->http_port, "/api/v1/stations/SEC-4/security", R"({"securityProfile":1})", stack->admin_token).status, 400);
    EXPECT_EQ(http_put(stack->http_port, "/api/v1/stations/SEC-4/security",
                       R"({"securityProfile":1,"password":"short"})", stack->admin_token)
                  .status,
              400);
    EXPECT_EQ(http_put(stack->http_port, "/api/v1/stations/SEC-4/security", R"({"securityProfile":7})", stack->admin_token).status, 400);
}

// SIGTERM drains: the station's socket is closed with 1001 (Going Away) and the station shows offline.
TEST_F(Commands, SigtermClosesStationsWithGoingAwayAndTheyShowOffline) {
    Stack drain(*db, "gw-cmd-drain");
    drain.gateway_args = {"--drain-window-ms", "300"};
    drain.start_gateway();
    auto st = connect(drain, "CMD-DRAIN", "ocpp1.6");
    ASSERT_TRUE(st->open());
    ASSERT_TRUE(owned_by("CMD-DRAIN", "gw-cmd-drain"));
    const auto start = std::chrono::steady_clock::now();
    auto stopped = std::async(std::launch::async, [&] { drain.gateway->terminate(); });
    EXPECT_FALSE(st->read(5s));
    EXPECT_EQ(st->close_code(), 1001);
    stopped.get();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_TRUE(eventually([] { return db->scalar("SELECT connected FROM stations WHERE id = 'CMD-DRAIN'") == "f"; }));
}

// Back-pressure: a station that sends CALLs faster than its limit gets GenericError for the excess.
TEST_F(Commands, CallsAboveTheStationsRateAreRefusedAndTheStationRecovers) {
    Stack limited(*db, "gw-cmd-limit");
    limited.gateway_args = {"--max-messages-per-second", "2", "--message-burst", "3"};
    limited.start_gateway();
    auto st = connect(limited, "CMD-FLOOD", "ocpp1.6"); // the boot takes one token
    ASSERT_TRUE(st->open());
    for (int i = 0; i < 6; ++i) {
        st->send_text(R"([2,"f)" + std::to_string(i) + R"(","Heartbeat",{}])");
    }
    int results = 0, limited_errors = 0;
    for (int i = 0; i < 6; ++i) {
        auto text = st->read();
        ASSERT_TRUE(text);
        auto frame = json::parse(*text).as_array();
        if (frame[0] == 3) {
            ++results;
        } else if (frame[0] == 4 && frame[2] == "GenericError") {
            ++limited_errors;
        }
    }
    EXPECT_LE(results, 3);
    EXPECT_GE(limited_errors, 3);
    std::this_thread::sleep_for(1200ms);
    EXPECT_EQ(st->call("after", "Heartbeat", json::object{})[0].as_int64(), 3);
}

// A gateway killed with SIGKILL sends no disconnect; its stations reconnect to another gateway, show online
// there, and commands reach them there.
TEST_F(Commands, AfterAGatewayIsKilledItsStationsReconnectElsewhereAndReceiveCommands) {
    Stack doomed(*db, "gw-cmd-doomed");
    doomed.start_gateway();
    auto first = connect(doomed, "CMD-KILL", "ocpp2.0.1");
    ASSERT_TRUE(first->open());
    ASSERT_TRUE(owned_by("CMD-KILL", "gw-cmd-doomed"));
    doomed.gateway->kill_hard();
    EXPECT_FALSE(first->read(2s));
    auto again = connect(*other, "CMD-KILL", "ocpp2.0.1");
    ASSERT_TRUE(again->open());
    ASSERT_TRUE(owned_by("CMD-KILL", "gw-cmd-b"));
    auto res = post_async(stack->http_port, "/api/v1/stations/CMD-KILL/commands/Reset", R"({"type":"OnIdle"})");
    auto call = again->read_call();
    ASSERT_TRUE(call);
    again->answer(std::string((*call)[1].as_string()), json::object{{"status", "Scheduled"}});
    auto r = res.get();
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body).at("status").as_string(), "Scheduled");
}

} // namespace
} // namespace recarga::test
