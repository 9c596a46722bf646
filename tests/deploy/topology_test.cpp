#include <map>
// The deployment topology run for real (scripts/topology.sh, started by tests/deploy/topology_test.sh): two
// gateways and two managers as separate processes, RabbitMQ over AMQPS only with per-service users, and
// PostgreSQL over TLS with sslmode=verify-full. Stations on each gateway boot, beat and report status, and
// every manager's API shows all of them; the broker and the database refuse what production must refuse.
#include "harness.hpp"
#include "recarga/amqp/connection.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>
#include <sstream>

namespace recarga::test {
namespace {

namespace json = boost::json;

std::vector<std::uint16_t> ports(const char* var) {
    std::vector<std::uint16_t> out;
    std::stringstream in(require_env(var));
    for (std::string p; std::getline(in, p, ',');) {
        out.push_back(static_cast<std::uint16_t>(std::stoi(p)));
    }
    return out;
}

// The URL with its host replaced (to test host name verification).
std::string with_host(const std::string& url, const std::string& from, const std::string& to) {
    auto at = url.find(from);
    return at == std::string::npos ? url : url.substr(0, at) + to + url.substr(at + from.size());
}

json::object boot_payload(const std::string& protocol) {
    if (protocol == "ocpp1.6") {
        return {{"chargePointVendor", "Recarga"}, {"chargePointModel", "TOPO-16"}};
    }
    return {{"reason", "PowerUp"}, {"chargingStation", {{"vendorName", "Recarga"}, {"model", "TOPO-2X"}}}};
}

json::object status_payload(const std::string& protocol) {
    if (protocol == "ocpp1.6") {
        return {{"connectorId", 1},
                {"errorCode", "NoError"},
                {"status", "Available"},
                {"timestamp", "2026-01-02T03:04:05.000Z"}};
    }
    return {
        {"timestamp", "2026-01-02T03:04:05.000Z"}, {"connectorStatus", "Available"}, {"evseId", 1}, {"connectorId", 1}};
}

// Boots, beats and reports status; the answers are CALLRESULTs.
void boot_beat_status(Station& st, const std::string& protocol) {
    auto boot = st.call("b1", "BootNotification", boot_payload(protocol));
    ASSERT_EQ(boot[0].as_int64(), 3) << json::serialize(boot);
    EXPECT_EQ(boot[2].at("status").as_string(), "Accepted");
    auto hb = st.call("h1", "Heartbeat", json::object{});
    ASSERT_EQ(hb[0].as_int64(), 3) << json::serialize(hb);
    EXPECT_TRUE(hb[2].as_object().contains("currentTime"));
    auto status = st.call("s1", "StatusNotification", status_payload(protocol));
    ASSERT_EQ(status[0].as_int64(), 3) << json::serialize(status);
}

// A bearer token for the manager's API (the admin that topology_test.sh created).
const std::string& token_for(std::uint16_t manager_port) {
    static std::map<std::uint16_t, std::string> tokens;
    auto& t = tokens[manager_port];
    if (t.empty()) {
        t = login(manager_port, "topo-admin", "topo-admin-password");
    }
    return t;
}

std::optional<json::object> station_via(std::uint16_t manager_port, const std::string& id) {
    auto res = http_get(manager_port, "/api/v1/stations/" + id, token_for(manager_port));
    if (res.status != 200) {
        return std::nullopt;
    }
    return json::parse(res.body).as_object();
}

TEST(Topology, StationOnEachGatewayIsVisibleThroughEveryManager) {
    const auto gateways = ports("RECARGA_TOPOLOGY_GATEWAY_PORTS");
    const auto managers = ports("RECARGA_TOPOLOGY_MANAGER_PORTS");
    ASSERT_EQ(gateways.size(), 2u);
    ASSERT_EQ(managers.size(), 2u);
    const std::vector<std::string> protocols{"ocpp1.6", "ocpp2.0.1"};

    std::vector<std::unique_ptr<Station>> stations;
    for (std::size_t g = 0; g < gateways.size(); ++g) {
        const std::string id = "TOPO-GW" + std::to_string(g + 1);
        stations.push_back(std::make_unique<Station>(gateways[g], "/ocpp/" + id, protocols[g]));
        ASSERT_TRUE(stations.back()->open()) << id;
        EXPECT_EQ(stations.back()->handshake().subprotocol, protocols[g]);
        boot_beat_status(*stations.back(), protocols[g]);
    }

    for (auto manager : managers) {
        for (std::size_t g = 0; g < gateways.size(); ++g) {
            const std::string id = "TOPO-GW" + std::to_string(g + 1);
            std::optional<json::object> st;
            ASSERT_TRUE(eventually([&] {
                st = station_via(manager, id);
                return st && st->at("connected").as_bool();
            })) << id
                << " via manager on " << manager;
            EXPECT_EQ(st->at("protocol").as_string(), protocols[g]);
            EXPECT_EQ(st->at("gatewayId").as_string(), "gw-topo-" + std::to_string(g + 1));
            EXPECT_EQ(st->at("evses").at(0).at("connectors").at(0).at("status").as_string(), "Available");
        }
        auto list = json::parse(http_get(manager, "/api/v1/stations?connected=true&q=TOPO-GW", token_for(manager)).body).as_object();
        EXPECT_EQ(list.at("items").as_array().size(), 2u) << json::serialize(list);
    }

    // EXTENSION POINT (issue 9): once charging and CSMS-initiated commands land, each station here
    //  * charges: Authorize / StartTransaction (1.6) or TransactionEvent Started (2.x), MeterValues, Stop;
    //    both managers' APIs then show the finished transaction with its energy;
    //  * receives a command sent through the API of the *other* gateway's manager pair (e.g. POST
    //    /api/v1/stations/{id}/commands/reset through managers[1 - g]) and answers it; the API shows the
    //    station's answer. That proves commands are routed to the gateway that holds the station.
}

TEST(Topology, StationMovingToTheOtherGatewayIsFollowed) {
    const auto gateways = ports("RECARGA_TOPOLOGY_GATEWAY_PORTS");
    const auto managers = ports("RECARGA_TOPOLOGY_MANAGER_PORTS");
    const std::string id = "TOPO-MOVER";
    auto first = std::make_unique<Station>(gateways[0], "/ocpp/" + id, "ocpp2.0.1");
    boot_beat_status(*first, "ocpp2.0.1");
    first.reset();
    // Waits until the managers saw the old connection close. Without this wait the move races: when gw-1's
    // `disconnected` (stamped after gw-2's `connected`) is processed first, the later-processed `connected`
    // is dropped as older than connection_changed_at and the station stays offline (found by this test;
    // reported with issue 9 — the manager's connection bookkeeping, not the deployment, must change).
    for (auto manager : managers) {
        ASSERT_TRUE(eventually([&] {
            auto st = station_via(manager, id);
            return st && !st->at("connected").as_bool();
        })) << "via manager on "
            << manager;
    }
    Station second(gateways[1], "/ocpp/" + id, "ocpp2.0.1");
    boot_beat_status(second, "ocpp2.0.1");
    for (auto manager : managers) {
        EXPECT_TRUE(eventually([&] {
            auto st = station_via(manager, id);
            return st && st->at("connected").as_bool() && st->at("gatewayId").as_string() == "gw-topo-2";
        })) << "via manager on "
            << manager;
    }
}

bool amqp_connects(const std::string& url, const std::string& ca) {
    try {
        amqp::Connection c({.url = url, .ca_cert_file = ca, .name = "topology-test"});
        return true;
    } catch (const amqp::AmqpError&) {
        return false;
    }
}

TEST(Topology, BrokerTakesOnlyVerifiedTlsAndEachServicesOwnUser) {
    const auto gw_url = require_env("RECARGA_TOPOLOGY_GATEWAY_AMQP_URL");
    const auto mgr_url = require_env("RECARGA_TOPOLOGY_MANAGER_AMQP_URL");
    const auto ca = require_env("RECARGA_TOPOLOGY_CA_FILE");
    const auto port = require_env("RECARGA_TOPOLOGY_AMQPS_PORT");

    EXPECT_TRUE(amqp_connects(gw_url, ca)) << "positive control";
    EXPECT_TRUE(amqp_connects(mgr_url, ca)) << "positive control";
    EXPECT_FALSE(amqp_connects(with_host(gw_url, "amqps://", "amqp://"), ca)) << "plain AMQP accepted";
    EXPECT_FALSE(amqp_connects("amqps://guest:guest@localhost:" + port + "/recarga", ca)) << "guest exists";
    EXPECT_FALSE(amqp_connects("amqps://guest:guest@localhost:" + port + "/", ca)) << "guest exists";
    EXPECT_FALSE(amqp_connects(with_host(gw_url, "@localhost:", "@127.0.0.1:"), ca)) << "host name not verified";
    EXPECT_FALSE(amqp_connects(gw_url, "")) << "broker certificate not verified against the deployment CA";
    EXPECT_FALSE(amqp_connects(with_host(gw_url, "amqps://gateway:", "amqps://gateway:x"), ca)) << "bad password";

    // The gateway's user may not take the managers' work, nor declare what is not its own.
    amqp::Connection gw({.url = gw_url, .ca_cert_file = ca, .name = "topology-test"});
    EXPECT_THROW(gw.consume("recarga.manager.priority", false), amqp::AmqpError);
    amqp::Connection gw2({.url = gw_url, .ca_cert_file = ca, .name = "topology-test"});
    EXPECT_THROW(gw2.declare_queue("someone.else", {.durable = true}), amqp::AmqpError);
    // The manager's user may not impersonate a gateway's reply queue consumer.
    amqp::Connection mgr({.url = mgr_url, .ca_cert_file = ca, .name = "topology-test"});
    EXPECT_THROW(mgr.declare_queue("recarga.gateway.fake", {.durable = false, .exclusive = true, .auto_delete = true}),
                 amqp::AmqpError);
}

bool pg_connects(const std::string& url) {
    try {
        pqxx::connection c(url);
        pqxx::nontransaction tx(c);
        return tx.exec1("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].as<bool>();
    } catch (const std::exception&) {
        return false;
    }
}

TEST(Topology, DatabaseTakesOnlyVerifiedTls) {
    const auto url = require_env("RECARGA_TOPOLOGY_PG_URL");
    EXPECT_TRUE(pg_connects(url)) << "positive control";
    EXPECT_FALSE(pg_connects(with_host(url, "sslmode=verify-full", "sslmode=disable"))) << "plain connection taken";
    EXPECT_FALSE(pg_connects(with_host(url, "@localhost:", "@127.0.0.1:"))) << "host name not verified";
    EXPECT_FALSE(pg_connects(with_host(url, "recarga_manager:", "recarga_manager:x"))) << "bad password taken";
}

} // namespace
} // namespace recarga::test
