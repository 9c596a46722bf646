// End-to-end: stations talk to the real gateway, RabbitMQ, manager and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness.hpp"
#include "recarga/ocpp/validator.hpp"

namespace recarga::test {
namespace {

namespace json = boost::json;

class WalkingSkeleton : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-skeleton");
        stack->start_manager();
        stack->start_gateway();
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static std::unique_ptr<Station> connect(const std::string& id, const std::string& protocols) {
        return std::make_unique<Station>(stack->gateway_port, "/ocpp/" + id, protocols);
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
};

json::object boot_payload(const std::string& protocol) {
    if (protocol == "ocpp1.6") {
        return {{"chargePointVendor", "Recarga"}, {"chargePointModel", "SIM-16"}, {"firmwareVersion", "1.2.3"}};
    }
    return {{"reason", "PowerUp"}, {"chargingStation", {{"vendorName", "Recarga"}, {"model", "SIM-2X"}}}};
}

json::object status_payload(const std::string& protocol, const std::string& timestamp) {
    if (protocol == "ocpp1.6") {
        return {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}, {"timestamp", timestamp}};
    }
    return {{"timestamp", timestamp}, {"connectorStatus", "Available"}, {"evseId", 1}, {"connectorId", 1}};
}

class BootEachProtocol : public WalkingSkeleton, public ::testing::WithParamInterface<std::string> {};

// B01 / 1.6 core: a station boots, beats and reports status; rows and the API show it.
TEST_P(BootEachProtocol, BootHeartbeatStatusAreStoredAndVisible) {
    const std::string protocol = GetParam();
    const std::string id = "CP-" + std::string(protocol == "ocpp1.6" ? "16" : protocol == "ocpp2.0.1" ? "201" : "21");
    auto st = connect(id, protocol);
    ASSERT_TRUE(st->open());
    EXPECT_EQ(st->handshake().subprotocol, protocol);

    auto boot = st->call("b1", "BootNotification", boot_payload(protocol));
    ASSERT_EQ(boot[0].as_int64(), 3) << json::serialize(boot);
    EXPECT_EQ(boot[2].at("status").as_string(), "Accepted");
    EXPECT_EQ(boot[2].at("interval").to_number<double>(), 300);

    auto hb = st->call("h1", "Heartbeat", json::object{});
    ASSERT_EQ(hb[0].as_int64(), 3);
    EXPECT_TRUE(hb[2].as_object().contains("currentTime"));

    auto status = st->call("s1", "StatusNotification", status_payload(protocol, "2026-01-02T03:04:05.000Z"));
    ASSERT_EQ(status[0].as_int64(), 3) << json::serialize(status);

    // Everything the central system answered conforms to the version's response schemas.
    const auto version = *ocpp::version_from_subprotocol(protocol);
    const auto& validator = ocpp::SchemaValidator::instance();
    EXPECT_FALSE(validator.validate(version, "BootNotification", ocpp::Direction::Response, boot[2]));
    EXPECT_FALSE(validator.validate(version, "Heartbeat", ocpp::Direction::Response, hb[2]));
    EXPECT_FALSE(validator.validate(version, "StatusNotification", ocpp::Direction::Response, status[2]));

    EXPECT_EQ(db->scalar("SELECT protocol FROM stations WHERE id = '" + id + "'"), protocol);
    EXPECT_EQ(db->scalar("SELECT vendor FROM stations WHERE id = '" + id + "'"), "Recarga");
    EXPECT_EQ(db->scalar("SELECT status FROM connectors WHERE station_id = '" + id + "' AND evse_id = 1"),
              "Available");
    EXPECT_TRUE(eventually([&] { return db->scalar("SELECT connected FROM stations WHERE id = '" + id + "'") == "t"; }));

    auto res = http_get(stack->http_port, "/api/v1/stations/" + id, stack->admin_token);
    ASSERT_EQ(res.status, 200);
    auto station = json::parse(res.body).as_object();
    EXPECT_EQ(station.at("id").as_string(), id);
    EXPECT_EQ(station.at("connected").as_bool(), true);
    EXPECT_EQ(station.at("protocol").as_string(), protocol);
    EXPECT_EQ(station.at("gatewayId").as_string(), "gw-skeleton");
    EXPECT_EQ(station.at("evses").at(0).at("connectors").at(0).at("status").as_string(), "Available");

    auto list = json::parse(http_get(stack->http_port, "/api/v1/stations?connected=true&q=" + id, stack->admin_token).body)
                    .as_object();
    ASSERT_EQ(list.at("items").as_array().size(), 1u);
    EXPECT_EQ(list.at("items").at(0).at("id").as_string(), id);
    // The list carries each connector's status, for the overview's charging and faulted counts.
    const auto& statuses = list.at("items").at(0).at("connectorStatuses").as_array();
    ASSERT_EQ(statuses.size(), 1u) << json::serialize(list);
    EXPECT_EQ(statuses.at(0).at("evseId").as_int64(), 1);
    EXPECT_EQ(statuses.at(0).at("connectorId").as_int64(), 1);
    EXPECT_EQ(statuses.at(0).at("status").as_string(), "Available");
    EXPECT_FALSE(statuses.at(0).at("transactionActive").as_bool());

    st.reset(); // disconnect
    EXPECT_TRUE(eventually([&] { return db->scalar("SELECT connected FROM stations WHERE id = '" + id + "'") == "f"; }));
}

INSTANTIATE_TEST_SUITE_P(Protocols, BootEachProtocol, ::testing::Values("ocpp1.6", "ocpp2.0.1", "ocpp2.1"));

TEST_F(WalkingSkeleton, MalformedFrameGetsTheVersionsCodeAndTheConnectionGoesOn) {
    auto v16 = connect("CP-BAD-16", "ocpp1.6");
    v16->send_text("this is not json");
    auto a = json::parse(*v16->read()).as_array();
    EXPECT_EQ(a[0].as_int64(), 4);
    EXPECT_EQ(a[1].as_string(), "-1");
    EXPECT_EQ(a[2].as_string(), "FormationViolation");

    auto v201 = connect("CP-BAD-201", "ocpp2.0.1");
    v201->send_text("[2, \"x\"]");
    auto b = json::parse(*v201->read()).as_array();
    EXPECT_EQ(b[2].as_string(), "RpcFrameworkError");
    v201->send_text("[9, \"m9\", \"Heartbeat\", {}]");
    auto c = json::parse(*v201->read()).as_array();
    EXPECT_EQ(c[1].as_string(), "m9");
    EXPECT_EQ(c[2].as_string(), "MessageTypeNotSupported");

    // Both connections still work.
    EXPECT_EQ(v16->call("ok1", "Heartbeat", json::object{})[0].as_int64(), 3);
    EXPECT_EQ(v201->call("ok2", "Heartbeat", json::object{})[0].as_int64(), 3);
}

TEST_F(WalkingSkeleton, UnknownActionIsNotImplemented) {
    auto st = connect("CP-UNKNOWN", "ocpp1.6");
    auto a = st->call("u1", "MakeCoffee", json::object{});
    EXPECT_EQ(a[0].as_int64(), 4);
    EXPECT_EQ(a[2].as_string(), "NotImplemented");
}

TEST_F(WalkingSkeleton, KnownButUnhandledActionIsNotImplementedByTheManager) {
    // 2.1 transaction messages have no handler yet (2.0.1 ones do).
    auto st = connect("CP-NYI", "ocpp2.1");
    auto a = st->call("n1", "MeterValues",
                      json::object{{"evseId", 1},
                                   {"meterValue", json::array{{{"timestamp", "2026-01-01T00:00:00Z"},
                                                               {"sampledValue", json::array{{{"value", 1}}}}}}}});
    EXPECT_EQ(a[0].as_int64(), 4);
    EXPECT_EQ(a[2].as_string(), "NotImplemented");
}

TEST_F(WalkingSkeleton, SchemaViolationsUseEachVersionsSpelling) {
    auto v16 = connect("CP-SCHEMA-16", "ocpp1.6");
    auto a = v16->call("v1", "BootNotification", json::object{{"chargePointVendor", "X"}});
    EXPECT_EQ(a[2].as_string(), "OccurenceConstraintViolation");
    auto v201 = connect("CP-SCHEMA-201", "ocpp2.0.1");
    auto b = v201->call("v2", "BootNotification", json::object{{"reason", "PowerUp"}});
    EXPECT_EQ(b[2].as_string(), "OccurrenceConstraintViolation");
    auto c = v201->call("v3", "Heartbeat", json::object{{"unexpected", 1}});
    EXPECT_EQ(c[2].as_string(), "FormatViolation");
}

TEST_F(WalkingSkeleton, OversizeFrameIsRefusedAndTheConnectionGoesOn) {
    auto st = connect("CP-BIG", "ocpp2.0.1");
    std::string big = "[2,\"big\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\"" + std::string(70000, 'a') + "\"}]";
    st->send_text(big);
    auto a = json::parse(*st->read()).as_array();
    EXPECT_EQ(a[2].as_string(), "FormatViolation");
    EXPECT_EQ(st->call("after", "Heartbeat", json::object{})[0].as_int64(), 3);
}

TEST_F(WalkingSkeleton, WrongSubprotocolIsRefusedAtTheHandshake) {
    Station st(stack->gateway_port, "/ocpp/CP-PROTO", "ocpp1.5, mqtt");
    EXPECT_FALSE(st.open());
    EXPECT_EQ(st.handshake().http_status, 400);
    Station none(stack->gateway_port, "/ocpp/CP-PROTO", "");
    EXPECT_FALSE(none.open());
    EXPECT_EQ(none.handshake().http_status, 400);
}

TEST_F(WalkingSkeleton, InvalidStationIdGets404BeforeTheUpgrade) {
    for (const std::string& target : std::vector<std::string>{"/ocpp/", "/ocpp/a%2Fb", "/ocpp/has%20space", "/other/CP1", "/ocpp/a/b",
                               "/ocpp/" + std::string(49, 'x'), "/ocpp/%zz"}) {
        Station st(stack->gateway_port, target, "ocpp1.6");
        EXPECT_FALSE(st.open()) << target;
        EXPECT_EQ(st.handshake().http_status, 404) << target;
    }
    // Percent-decoding: CP%2D1 is CP-1.
    Station ok(stack->gateway_port, "/ocpp/CP%2DDECODED", "ocpp1.6");
    EXPECT_TRUE(ok.open());
    EXPECT_EQ(ok.call("d1", "Heartbeat", json::object{})[0].as_int64(), 3);
    EXPECT_TRUE(eventually([&] { return db->scalar("SELECT count(*) FROM stations WHERE id = 'CP-DECODED'") == "1"; }));
}

TEST_F(WalkingSkeleton, ASecondConnectionReplacesTheFirst) {
    auto first = connect("CP-TWICE", "ocpp1.6");
    ASSERT_TRUE(first->open());
    auto second = connect("CP-TWICE", "ocpp1.6");
    ASSERT_TRUE(second->open());
    EXPECT_FALSE(first->read(std::chrono::seconds(5)).has_value());
    EXPECT_FALSE(first->open());
    EXPECT_EQ(first->close_code(), 1008);
    EXPECT_EQ(second->call("r1", "Heartbeat", json::object{})[0].as_int64(), 3);
}

// Delivery (DESIGN §3): a manager killed in the middle of traffic loses nothing a station got an answer for.
TEST(ManagerRestart, NoAnsweredMessageIsLost) {
    TestDatabase db;
    Stack stack(db, "gw-restart", 3000);
    stack.start_manager();
    stack.start_gateway();

    constexpr int kStations = 4;
    std::atomic<bool> stop{false};
    std::vector<std::set<std::string>> answered(kStations);
    std::vector<std::thread> threads;
    for (int s = 0; s < kStations; ++s) {
        threads.emplace_back([&, s] {
            Station st(stack.gateway_port, "/ocpp/CP-R" + std::to_string(s), "ocpp1.6");
            st.call("boot", "BootNotification", boot_payload("ocpp1.6"));
            for (int n = 0; !stop.load() && n < 100000; ++n) {
                char ts[40];
                std::snprintf(ts, sizeof ts, "2026-01-01T00:%02d:%02d.%03dZ", n / 60000 % 60, n / 1000 % 60, n % 1000);
                const std::string id = "m" + std::to_string(n);
                // Like a real station, retry the same message until it is answered with a CALLRESULT.
                while (!stop.load()) {
                    try {
                        auto a = st.call(id, "StatusNotification", status_payload("ocpp1.6", ts));
                        if (a[0].as_int64() == 3) {
                            answered[s].insert(ts);
                            break;
                        }
                    } catch (const std::exception&) {
                    }
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stack.manager->kill_hard();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stack.start_manager();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop.store(true);
    for (auto& t : threads) {
        t.join();
    }
    std::size_t total = 0;
    for (int s = 0; s < kStations; ++s) {
        total += answered[s].size();
        const auto stored = db.scalar("SELECT string_agg(iso_utc(reported_at), ',') FROM status_events "
                                      "WHERE station_id = 'CP-R" + std::to_string(s) + "'");
        std::multiset<std::string> rows;
        for (std::size_t pos = 0; pos < stored.size();) {
            auto comma = stored.find(',', pos);
            rows.insert(stored.substr(pos, comma - pos));
            pos = comma == std::string::npos ? stored.size() : comma + 1;
        }
        // Every answered report is stored exactly once (a redelivery adds no duplicate). At most one more row
        // may exist: the call in flight when the stations stopped, committed but not yet answered.
        for (const auto& ts : answered[s]) {
            EXPECT_EQ(rows.count(ts), 1u) << "station " << s << " report " << ts;
        }
        EXPECT_LE(rows.size(), answered[s].size() + 1) << "station " << s;
    }
    EXPECT_GT(total, 50u) << "too little traffic to judge";
}

} // namespace
} // namespace recarga::test
