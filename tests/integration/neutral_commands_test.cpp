// The one command API whatever the station's OCPP version, end to end: REST -> manager (translation, command
// record) -> RabbitMQ -> gateway -> a simulated 1.6 or 2.0.1 station (tests/support Station) and its answer
// back; async commands and their records; the durable outbox of offline stations (order, expiry, no double
// delivery with two managers); permissions; and bad input answered 4xx, never 500.
#include "command_samples.hpp"
#include "harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <future>
#include <gtest/gtest.h>

namespace recarga::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class NeutralCommands : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-nc-a");
        stack->start_manager();
        stack->start_gateway();
        other = new Stack(*db, "gw-nc-b");
        other->start_manager();
        // The second manager's create-admin set the shared admin's password again, which ends its sessions.
        stack->admin_token = login(stack->http_port, Stack::kAdminUser, Stack::kAdminPassword);
        other->admin_token = stack->admin_token;
    }
    static void TearDownTestSuite() {
        delete other;
        delete stack;
        delete db;
    }
    static bool is16(const std::string& protocol) { return protocol == "ocpp1.6"; }
    static std::unique_ptr<Station> connect(const std::string& id, const std::string& protocol, bool boot = true) {
        auto st = std::make_unique<Station>(stack->gateway_port, "/ocpp/" + id, protocol);
        if (st->open() && boot) {
            json::object payload = is16(protocol)
                                       ? json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "T"}}
                                       : json::object{{"reason", "PowerUp"},
                                                      {"chargingStation", {{"vendorName", "Recarga"}, {"model", "T"}}}};
            st->call("boot", "BootNotification", payload);
        }
        return st;
    }
    static bool online(const std::string& id, bool connected = true) {
        return eventually([&] {
            return db->scalar("SELECT connected FROM stations WHERE id = '" + id + "'") == (connected ? "t" : "f");
        });
    }
    static std::future<HttpResult> post_async(const std::string& target, const std::string& body,
                                              std::uint16_t port = 0) {
        return std::async(std::launch::async, [=] {
            return http_post(port == 0 ? stack->http_port : port, target, body, stack->admin_token);
        });
    }
    static HttpResult post(const std::string& target, const std::string& body, std::uint16_t port = 0) {
        return http_post(port == 0 ? stack->http_port : port, target, body, stack->admin_token);
    }
    static json::value get_json(const std::string& target) {
        auto r = http_get(stack->http_port, target, stack->admin_token);
        EXPECT_EQ(r.status, 200) << target << ": " << r.body;
        return r.status == 200 ? json::parse(r.body) : json::value();
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline Stack* other = nullptr;
};

// issue #6 "done when": every neutral command reaches a 1.6 and a 2.0.1 station and returns its answer.
TEST_F(NeutralCommands, EveryNeutralCommandReachesA16AndA201StationAndReturnsItsAnswer) {
    for (const std::string protocol : {"ocpp1.6", "ocpp2.0.1"}) {
        const std::string id = is16(protocol) ? "NC-16" : "NC-201";
        auto st = connect(id, protocol);
        ASSERT_TRUE(st->open());
        ASSERT_TRUE(online(id));
        for (const auto& s : kCommandSamples) {
            SCOPED_TRACE(std::string(s.command) + " on " + protocol);
            auto res =
                post_async("/api/v1/stations/" + id + "/commands/" + std::string(s.command), std::string(s.body));
            auto call = st->read_call(5s);
            ASSERT_TRUE(call) << "no call; the API answered: " << res.get().body;
            const auto action = std::string((*call)[2].as_string());
            EXPECT_EQ(action, is16(protocol) ? s.action16 : s.action2x);
            const auto answer = json::parse(sample_answer(is16(protocol), action));
            st->answer(std::string((*call)[1].as_string()), answer);
            auto r = res.get();
            ASSERT_EQ(r.status, 200) << r.body;
            auto body = json::parse(r.body).as_object();
            EXPECT_EQ(body.at("outcome").as_string(), "result");
            EXPECT_EQ(body.at("result"), answer);
            const auto expected = is16(protocol) ? s.status16 : s.status2x;
            if (expected.empty()) {
                EXPECT_FALSE(body.contains("status")) << r.body;
            } else {
                ASSERT_TRUE(body.contains("status")) << r.body;
                EXPECT_EQ(body.at("status").as_string(), expected);
            }
        }
        // Every one of them is recorded as answered, with who sent it.
        EXPECT_EQ(db->scalar("SELECT count(*) FROM commands WHERE station_id = '" + id +
                             "' AND status = 'answered' AND created_by = 'user:it-admin'"),
                  std::to_string(std::size(kCommandSamples)));
    }
}

TEST_F(NeutralCommands, StartThenStopChargingCreatesAndEndsATransactionOn16) {
    db->scalar("INSERT INTO id_tokens (id_token) VALUES ('TAG-NC16') ON CONFLICT DO NOTHING");
    auto st = connect("NC-TX16", "ocpp1.6");
    ASSERT_TRUE(online("NC-TX16"));
    auto start = post_async("/api/v1/stations/NC-TX16/commands/start-charging",
                            R"({"evseId":1,"idToken":{"idToken":"TAG-NC16"}})");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "RemoteStartTransaction");
    EXPECT_EQ((*call)[3].at("idTag").as_string(), "TAG-NC16");
    EXPECT_EQ((*call)[3].at("connectorId").as_int64(), 1);
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    ASSERT_EQ(start.get().status, 200);
    auto started = st->call(
        "st", "StartTransaction",
        json::object{
            {"connectorId", 1}, {"idTag", "TAG-NC16"}, {"meterStart", 1000}, {"timestamp", "2026-01-01T10:00:00Z"}});
    const auto tx_id = started[2].at("transactionId").as_int64();
    ASSERT_EQ(db->scalar("SELECT state FROM transactions WHERE station_id = 'NC-TX16'"), "Active");

    auto stop = post_async("/api/v1/stations/NC-TX16/commands/stop-charging",
                           R"({"transactionId":")" + std::to_string(tx_id) + R"("})");
    call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "RemoteStopTransaction");
    EXPECT_EQ((*call)[3].at("transactionId").as_int64(), tx_id);
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    auto r = stop.get();
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body).at("status").as_string(), "Accepted");
    st->call("sp", "StopTransaction",
             json::object{{"transactionId", tx_id},
                          {"meterStop", 3500},
                          {"timestamp", "2026-01-01T11:00:00Z"},
                          {"reason", "Remote"}});
    EXPECT_EQ(db->scalar("SELECT state || ' ' || energy_wh FROM transactions WHERE station_id = 'NC-TX16'"),
              "Ended 2500");
}

TEST_F(NeutralCommands, StartThenStopChargingCreatesAndEndsATransactionOn201WithTheRemoteStartId) {
    auto st = connect("NC-TX201", "ocpp2.0.1");
    ASSERT_TRUE(online("NC-TX201"));
    auto start = post_async("/api/v1/stations/NC-TX201/commands/start-charging",
                            R"({"evseId":1,"idToken":{"idToken":"TAG-NC201"}})");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "RequestStartTransaction");
    const auto remote_start_id = (*call)[3].at("remoteStartId").as_int64();
    EXPECT_EQ((*call)[3].at("idToken").at("type").as_string(), "Central");
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    ASSERT_EQ(start.get().status, 200);
    // The remoteStartId is the command's record id.
    EXPECT_EQ(db->scalar("SELECT command FROM commands WHERE id = " + std::to_string(remote_start_id)),
              "start-charging");
    st->call("te1", "TransactionEvent",
             json::parse(R"({"eventType":"Started","timestamp":"2026-01-01T10:00:00Z","triggerReason":"RemoteStart",)"
                         R"("seqNo":0,"transactionInfo":{"transactionId":"NC-T-1","remoteStartId":)" +
                         std::to_string(remote_start_id) +
                         R"(},"idToken":{"idToken":"TAG-NC201","type":"Central"},"evse":{"id":1,"connectorId":1}})"));
    ASSERT_EQ(db->scalar("SELECT state FROM transactions WHERE transaction_id = 'NC-T-1'"), "Active");

    auto stop = post_async("/api/v1/stations/NC-TX201/commands/stop-charging", R"({"transactionId":"NC-T-1"})");
    call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "RequestStopTransaction");
    EXPECT_EQ((*call)[3].at("transactionId").as_string(), "NC-T-1");
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    EXPECT_EQ(stop.get().status, 200);
    st->call("te2", "TransactionEvent",
             json::parse(R"({"eventType":"Ended","timestamp":"2026-01-01T11:00:00Z","triggerReason":"RemoteStop",)"
                         R"("seqNo":1,"transactionInfo":{"transactionId":"NC-T-1","stoppedReason":"Remote"}})"));
    EXPECT_EQ(db->scalar("SELECT state FROM transactions WHERE transaction_id = 'NC-T-1'"), "Ended");
}

TEST_F(NeutralCommands, AViewerAndAnApiKeyWithoutTheCommandScopeGet403) {
    auto st = connect("NC-PERM", "ocpp1.6");
    ASSERT_TRUE(online("NC-PERM"));
    ASSERT_EQ(
        post("/api/v1/users", R"({"username":"nc-viewer","role":"viewer","password":"viewer-password-1"})").status,
        201);
    const auto viewer = login(stack->http_port, "nc-viewer", "viewer-password-1");
    ASSERT_FALSE(viewer.empty());
    auto key = post("/api/v1/api-keys", R"({"name":"nc-reader","scopes":["read"]})");
    ASSERT_EQ(key.status, 201) << key.body;
    const std::string api_key(json::parse(key.body).at("key").as_string());
    for (const std::string target :
         {"/api/v1/stations/NC-PERM/commands/reset", "/api/v1/stations/NC-PERM/commands/Reset"}) {
        const std::string body = target.ends_with("reset") ? R"({"type":"Immediate"})" : R"({"type":"Hard"})";
        EXPECT_EQ(http_post(stack->http_port, target, body, viewer).status, 403) << target;
        EXPECT_EQ(http_request(stack->http_port, "POST", target, body, {{"X-API-Key", api_key}}).status, 403) << target;
    }
    EXPECT_FALSE(st->read_call(300ms)) << "nothing reached the station";
    // Reading the records is within both.
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/commands?stationId=NC-PERM", viewer).status, 200);
    EXPECT_EQ(http_request(stack->http_port, "GET", "/api/v1/commands", "", {{"X-API-Key", api_key}}).status, 200);
    // The refusals are audited.
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE path LIKE '/api/v1/stations/NC-PERM/commands/%' "
                         "AND status = 403"),
              "4");
}

TEST_F(NeutralCommands, AsyncAnswers202WithARecordToPoll) {
    auto st = connect("NC-ASYNC", "ocpp2.0.1");
    ASSERT_TRUE(online("NC-ASYNC"));
    auto r = post("/api/v1/stations/NC-ASYNC/commands/reset?async=true", R"({"type":"Immediate"})");
    ASSERT_EQ(r.status, 202) << r.body;
    auto rec = json::parse(r.body);
    const std::string id(rec.at("id").as_string());
    EXPECT_EQ(r.header("Location"), "/api/v1/commands/" + id);
    EXPECT_EQ(rec.at("command").as_string(), "reset");
    EXPECT_EQ(rec.at("action").as_string(), "Reset");
    auto call = st->read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[3].at("type").as_string(), "Immediate");
    EXPECT_EQ(get_json("/api/v1/commands/" + id).at("status").as_string(), "sent");
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Scheduled"}});
    ASSERT_TRUE(eventually([&] { return get_json("/api/v1/commands/" + id).at("status").as_string() == "answered"; }));
    auto done = get_json("/api/v1/commands/" + id);
    EXPECT_EQ(done.at("answer").at("status").as_string(), "Scheduled");
    EXPECT_EQ(done.at("httpStatus").as_int64(), 200);
    EXPECT_TRUE(done.at("answeredAt").is_string());
    auto page = get_json("/api/v1/commands?stationId=NC-ASYNC");
    ASSERT_EQ(page.at("items").as_array().size(), 1u);
    EXPECT_EQ(page.at("items").at(0).at("id").as_string(), id);
}

TEST_F(NeutralCommands, TheOutboxDeliversInOrderAfterAReconnectAndExpiredCommandsAreNeverSent) {
    {
        auto st = connect("NC-OUT", "ocpp1.6");
        ASSERT_TRUE(online("NC-OUT"));
    }
    ASSERT_TRUE(online("NC-OUT", false));
    // Without deliver=queue an offline station is a conflict, and nothing is queued.
    auto refused = post("/api/v1/stations/NC-OUT/commands/reset", R"({"type":"OnIdle"})");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_NE(refused.body.find("station-offline"), std::string::npos);

    auto first = post("/api/v1/stations/NC-OUT/commands/reset?deliver=queue", R"({"type":"OnIdle"})");
    ASSERT_EQ(first.status, 202) << first.body;
    EXPECT_EQ(json::parse(first.body).at("status").as_string(), "pending");
    EXPECT_TRUE(json::parse(first.body).at("outbox").as_bool());
    auto expiring = post("/api/v1/stations/NC-OUT/commands/trigger-message?deliver=queue&expiresIn=1",
                         R"({"message":"Heartbeat"})");
    ASSERT_EQ(expiring.status, 202) << expiring.body;
    auto raw = post("/api/v1/stations/NC-OUT/commands/ClearCache?deliver=queue&expiresIn=3600", "{}");
    ASSERT_EQ(raw.status, 202) << raw.body;
    const std::string expiring_id(json::parse(expiring.body).at("id").as_string());
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(get_json("/api/v1/commands/" + expiring_id).at("status").as_string(), "expired");

    // The station comes back (a reconnect without a reboot: no BootNotification): the outbox goes out in order,
    // one at a time, without the expired command.
    Station back(stack->gateway_port, "/ocpp/NC-OUT", "ocpp1.6");
    ASSERT_TRUE(back.open());
    auto c1 = back.read_call();
    ASSERT_TRUE(c1);
    EXPECT_EQ((*c1)[2].as_string(), "Reset");
    EXPECT_EQ((*c1)[3].at("type").as_string(), "Soft");
    EXPECT_FALSE(back.read_call(500ms)) << "the next one waits for the answer";
    back.answer(std::string((*c1)[1].as_string()), json::object{{"status", "Accepted"}});
    auto c2 = back.read_call();
    ASSERT_TRUE(c2);
    EXPECT_EQ((*c2)[2].as_string(), "ClearCache");
    back.answer(std::string((*c2)[1].as_string()), json::object{{"status", "Accepted"}});
    EXPECT_FALSE(back.read_call(1000ms)) << "the expired TriggerMessage was sent";
    const std::string first_id(json::parse(first.body).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return get_json("/api/v1/commands/" + first_id).at("status") == "answered"; }));
    EXPECT_EQ(get_json("/api/v1/commands/" + first_id).at("answer").at("status").as_string(), "Accepted");
    EXPECT_EQ(db->scalar("SELECT string_agg(status, ',' ORDER BY id) FROM commands WHERE station_id = 'NC-OUT'"),
              "answered,expired,answered");
    EXPECT_EQ(db->scalar("SELECT sent_at IS NULL FROM commands WHERE id = " + expiring_id), "t");
    // The records, newest first, in pages.
    auto page = get_json("/api/v1/commands?stationId=NC-OUT&limit=2");
    ASSERT_EQ(page.at("items").as_array().size(), 2u);
    EXPECT_EQ(page.at("items").at(1).at("id").as_string(), expiring_id);
    ASSERT_TRUE(page.at("nextCursor").is_string());
    auto rest =
        get_json("/api/v1/commands?stationId=NC-OUT&limit=2&cursor=" + std::string(page.at("nextCursor").as_string()));
    ASSERT_EQ(rest.at("items").as_array().size(), 1u);
    EXPECT_EQ(rest.at("items").at(0).at("id").as_string(), first_id);
    EXPECT_TRUE(rest.at("nextCursor").is_null());
    EXPECT_EQ(get_json("/api/v1/commands?stationId=NC-OUT&status=expired").at("items").as_array().size(), 1u);
}

// Two managers wake the same outbox at once (commands queued through both while the station is connected):
// each command reaches the station exactly once, in the order queued.
TEST_F(NeutralCommands, TwoManagersDeliverEachQueuedCommandOnceInOrder) {
    auto st = connect("NC-TWO", "ocpp2.0.1");
    ASSERT_TRUE(online("NC-TWO"));
    constexpr int n = 6;
    for (int i = 0; i < n; ++i) {
        auto r = post("/api/v1/stations/NC-TWO/commands/data-transfer?deliver=queue",
                      R"({"vendorId":"com.example","messageId":"m)" + std::to_string(i) + R"("})",
                      i % 2 == 0 ? stack->http_port : other->http_port);
        ASSERT_EQ(r.status, 202) << r.body;
    }
    std::vector<std::string> seen;
    while (auto call = st->read_call(1500ms)) {
        seen.emplace_back((*call)[3].at("messageId").as_string());
        st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"m0", "m1", "m2", "m3", "m4", "m5"}));
    ASSERT_TRUE(eventually([] {
        return db->scalar("SELECT count(*) FROM commands WHERE station_id = 'NC-TWO' AND status = 'answered'") == "6";
    }));
}

TEST_F(NeutralCommands, BadBodiesAndParametersAre4xxNever500) {
    auto st16 = connect("NC-BAD16", "ocpp1.6");
    auto st201 = connect("NC-BAD201", "ocpp2.0.1");
    ASSERT_TRUE(online("NC-BAD16"));
    ASSERT_TRUE(online("NC-BAD201"));
    const std::string p16 = "/api/v1/stations/NC-BAD16/commands/", p201 = "/api/v1/stations/NC-BAD201/commands/";
    struct Case {
        std::string target, body;
        int status;
        std::string type;
    };
    const std::vector<Case> cases = {
        {p16 + "reset", R"({"type":"Sideways"})", 400, "invalid-body"},
        {p16 + "reset", "not json", 400, "invalid-json"},
        {p16 + "reset", "", 400, "invalid-body"},
        {p16 + "reset", R"({"type":"OnIdle","extra":1})", 400, "invalid-body"},
        {p16 + "reset", R"([1,2])", 400, "invalid-body"},
        {p16 + "start-charging", R"({"idToken":{"idToken":"A","type":"ISO14443"}})", 422, "not-translatable"},
        {p16 + "start-charging", R"({"idToken":{"idToken":"ABCDEFGHIJKLMNOPQRSTUVWXYZ"}})", 422, "not-translatable"},
        {p16 + "stop-charging", R"({"transactionId":"'; DROP TABLE commands; --"})", 422, "not-translatable"},
        {p16 + "reset", R"({"type":"Immediate","evseId":1})", 422, "not-translatable"},
        {p201 + "get-configuration", R"({})", 422, "not-translatable"},
        {p201 + "set-configuration", R"({"key":"HeartbeatInterval","value":"1"})", 422, "not-translatable"},
        {p201 + "start-charging", R"({"connectorId":1,"idToken":{"idToken":"A"}})", 422, "not-translatable"},
        {p16 + "reset?expiresIn=10", R"({"type":"OnIdle"})", 400, "invalid-parameter"},
        {p16 + "reset?async=maybe", R"({"type":"OnIdle"})", 400, "invalid-parameter"},
        {p16 + "reset?deliver=later", R"({"type":"OnIdle"})", 400, "invalid-parameter"},
        {p16 + "reset?deliver=queue&expiresIn=0", R"({"type":"OnIdle"})", 400, "invalid-parameter"},
        {p16 + "Reset", R"({"type":"Sideways"})", 400, "invalid-payload"},
        {p16 + "GetVariables", "{}", 404, "unknown-action"},
        {"/api/v1/stations/NC-NOPE/commands/reset", R"({"type":"OnIdle"})", 404, "not-found"},
    };
    for (const auto& c : cases) {
        auto r = post(c.target, c.body);
        EXPECT_EQ(r.status, c.status) << c.target << " " << c.body << ": " << r.body;
        EXPECT_NE(r.body.find("/api/problems/" + c.type), std::string::npos) << c.target << ": " << r.body;
    }
    auto big = post(p201 + "data-transfer", R"({"vendorId":")" + std::string(300, 'v') + R"("})");
    EXPECT_EQ(big.status, 400);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/commands/abc", stack->admin_token).status, 400);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/commands/999999999", stack->admin_token).status, 404);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/commands?status=lost", stack->admin_token).status, 400);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/commands?cursor=x", stack->admin_token).status, 400);
    EXPECT_FALSE(st16->read_call(300ms));
    EXPECT_FALSE(st201->read_call(300ms));
}

} // namespace
} // namespace recarga::test
