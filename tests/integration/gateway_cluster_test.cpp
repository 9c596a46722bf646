// Many gateways, many managers: CSMS-initiated commands reach every station through whichever gateway holds it,
// stations that move or whose gateway dies (recarga-sim with reconnect) come back online elsewhere, and a gateway
// rides out a broker restart without being restarted itself.
#include <gtest/gtest.h>

#include <functional>
#include <future>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness.hpp"

namespace recarga::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A 1.6 station connected and booted (when the upgrade succeeded).
std::unique_ptr<Station> boot_station(std::uint16_t port, const std::string& id) {
    auto st = std::make_unique<Station>(port, "/ocpp/" + id, "ocpp1.6");
    if (st->open()) {
        st->call("boot", "BootNotification", json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "T"}});
    }
    return st;
}

class GatewayCluster : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        a = new Stack(*db, "gw-cl-a");
        a->start_manager();
        a->start_gateway();
        b = new Stack(*db, "gw-cl-b");
        b->start_gateway();
        b->start_manager();
        // The second manager's create-admin set the shared admin's password again, which ends the first's sessions.
        a->admin_token = login(a->http_port, Stack::kAdminUser, Stack::kAdminPassword);
    }
    static void TearDownTestSuite() {
        delete b;
        delete a;
        delete db;
    }
    static std::unique_ptr<Station> boot(std::uint16_t port, const std::string& id) { return boot_station(port, id); }
    static std::string count(const std::string& where) {
        return db->scalar("SELECT count(*) FROM stations WHERE " + where);
    }
    // Sends GetConfiguration through `manager` and answers it as the station: the HTTP status and outcome.
    static std::pair<int, std::string> command_round_trip(const Stack& manager, Station& st, const std::string& id) {
        auto res = std::async(std::launch::async, [&] {
            return http_post(manager.http_port, "/api/v1/stations/" + id + "/commands/GetConfiguration", "{}",
                             manager.admin_token);
        });
        if (auto call = st.read_call(); call && (*call)[2] == "GetConfiguration") {
            st.answer(std::string((*call)[1].as_string()), json::object{{"configurationKey", json::array{}}});
        }
        auto r = res.get();
        if (r.status != 200) {
            return {r.status, r.body};
        }
        return {r.status, std::string(json::parse(r.body).at("outcome").as_string())};
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* a = nullptr;
    static inline Stack* b = nullptr;
};

TEST_F(GatewayCluster, TwoHundredStationsOnTwoGatewaysAllReceiveCommandsThroughEitherManager) {
    std::vector<std::unique_ptr<Station>> stations;
    for (int i = 0; i < 200; ++i) {
        stations.push_back(boot(i % 2 == 0 ? a->gateway_port : b->gateway_port, "CL-" + std::to_string(i)));
        ASSERT_TRUE(stations.back()->open()) << i;
    }
    ASSERT_TRUE(eventually([] { return count("id LIKE 'CL-%' AND connected AND gateway_id = 'gw-cl-a'") == "100"; }));
    ASSERT_TRUE(eventually([] { return count("id LIKE 'CL-%' AND connected AND gateway_id = 'gw-cl-b'") == "100"; }));
    int delivered = 0;
    for (int i = 0; i < 200; ++i) {
        // Half through the manager beside the station's gateway, half through the other one.
        const auto& manager = (i / 2) % 2 == 0 ? *a : *b;
        auto [status, outcome] = command_round_trip(manager, *stations[static_cast<std::size_t>(i)], "CL-" + std::to_string(i));
        EXPECT_EQ(status, 200) << i << " " << outcome;
        delivered += outcome == "result" ? 1 : 0;
    }
    EXPECT_EQ(delivered, 200);
}

TEST_F(GatewayCluster, StationsThatMoveToTheOtherGatewayKeepReceivingCommands) {
    std::vector<std::unique_ptr<Station>> moved;
    for (int i = 0; i < 10; ++i) {
        auto first = boot(a->gateway_port, "CL-MOVE-" + std::to_string(i));
        ASSERT_TRUE(first->open());
        auto again = boot(b->gateway_port, "CL-MOVE-" + std::to_string(i));
        ASSERT_TRUE(again->open());
        EXPECT_FALSE(first->read(2s)); // the old socket is closed ...
        EXPECT_EQ(first->close_code(), 1008);
        moved.push_back(std::move(again));
    }
    ASSERT_TRUE(eventually([] { return count("id LIKE 'CL-MOVE-%' AND connected AND gateway_id = 'gw-cl-b'") == "10"; }));
    for (int i = 0; i < 10; ++i) {
        auto [status, outcome] = command_round_trip(*a, *moved[static_cast<std::size_t>(i)], "CL-MOVE-" + std::to_string(i));
        EXPECT_EQ(status, 200);
        EXPECT_EQ(outcome, "result"); // ... and commands follow the station
    }
}

// recarga-sim stations with reconnect, spread over two gateways; one gateway is killed with SIGKILL (no drain,
// no disconnect events): its stations fail over to the other and show online there.
TEST_F(GatewayCluster, KilledGatewaysSimulatedStationsReconnectToTheOtherAndShowOnline) {
    Stack doomed(*db, "gw-cl-doomed");
    doomed.start_gateway();
    const std::string urls = "ws://127.0.0.1:" + std::to_string(doomed.gateway_port) + "/ocpp,ws://127.0.0.1:" +
                             std::to_string(b->gateway_port) + "/ocpp";
    Process sim(RECARGA_SIM_BIN,
                {"-u", urls, "-n", "40", "--id-prefix", "CL-SIM-", "-s", "heartbeat", "--backoff-initial", "1",
                 "--backoff-max", "2", "-d", "60", "--progress", "0", "--report", "sim-failover.json"},
                {}, "sim-failover.log");
    ASSERT_TRUE(eventually([] { return count("id LIKE 'CL-SIM-%' AND connected") == "40"; }, 20s));
    EXPECT_EQ(count("id LIKE 'CL-SIM-%' AND connected AND gateway_id = 'gw-cl-doomed'"), "20");
    doomed.gateway->kill_hard();
    EXPECT_TRUE(eventually([] { return count("id LIKE 'CL-SIM-%' AND connected AND gateway_id = 'gw-cl-b'") == "40"; },
                           20s))
        << count("id LIKE 'CL-SIM-%' AND connected AND gateway_id = 'gw-cl-b'");
    // And a command reaches a station that failed over (the simulator answers GetConfiguration itself).
    auto r = http_post(a->http_port, "/api/v1/stations/CL-SIM-0001/commands/GetConfiguration", "{}", a->admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    sim.terminate();
}

// A RabbitMQ of its own for this test (scripts/services.sh broker-start), so that restarting it disturbs no other
// test: the gateway refuses new stations with 503 while the broker is away, keeps the ones it has, reconnects
// with backoff and admits stations again, all without a restart of its own.
TEST(GatewayBrokerRestart, TheGatewayRecoversWithoutARestart) {
    const int base = std::stoi(require_env("RECARGA_TEST_PORT_BASE"));
    const std::string state = require_env("RECARGA_STATE_DIR") + "/broker-restart";
    const std::string env = "RECARGA_STATE_DIR=" + state + " RECARGA_AMQP_PORT=" + std::to_string(base + 90) +
                            " RECARGA_AMQP_MGMT_PORT=" + std::to_string(base + 91) + " RECARGA_AMQP_DIST_PORT=" +
                            std::to_string(base + 92) + " RECARGA_EPMD_PORT=" + std::to_string(base + 93) +
                            " RECARGA_CTL_DIST_MIN=" + std::to_string(base + 94) + " bash " RECARGA_SOURCE_DIR
                            "/scripts/services.sh ";
    auto broker = [&](const std::string& what) { return std::system((env + what + " >/dev/null 2>&1").c_str()); };
    ASSERT_EQ(broker("broker-start"), 0);
    struct Stop {
        std::function<int(const std::string&)> f;
        ~Stop() { f("broker-stop"); }
    } stop{broker};

    TestDatabase db;
    Stack s(db, "gw-broker");
    s.amqp_url = "amqp://guest:guest@127.0.0.1:" + std::to_string(base + 90) + "/";
    s.start_manager();
    s.start_gateway();
    auto kept = boot_station(s.gateway_port, "BR-KEPT");
    ASSERT_TRUE(kept->open());

    ASSERT_EQ(broker("broker-stop"), 0);
    ASSERT_TRUE(eventually([&] { return http_get(s.gateway_port, "/health").status == 503; }, 20s));
    Station refused(s.gateway_port, "/ocpp/BR-NEW", "ocpp1.6");
    EXPECT_EQ(refused.handshake().http_status, 503);
    EXPECT_FALSE(kept->read(300ms)); // still open: nothing came, and ...
    kept->send_text(R"([2,"hb-away","Heartbeat",{}])");

    ASSERT_EQ(broker("broker-start"), 0);
    ASSERT_TRUE(eventually([&] { return http_get(s.gateway_port, "/health").status == 200; }, 30s));
    EXPECT_TRUE(s.gateway->running());
    // ... the station kept through the outage is served again, and new stations are admitted.
    int attempt = 0;
    EXPECT_TRUE(eventually(
        [&] {
            try {
                return kept->call("hb-" + std::to_string(++attempt), "Heartbeat", json::object{})[0] == 3;
            } catch (...) {
                return false;
            }
        },
        30s));
    EXPECT_TRUE(eventually([&] { return boot_station(s.gateway_port, "BR-NEW")->open(); }, 30s));
}

} // namespace
} // namespace recarga::test
