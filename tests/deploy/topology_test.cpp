// The deployment topology run for real (scripts/topology.sh, started by tests/deploy/topology_test.sh): two
// gateways and two managers as separate processes, RabbitMQ over AMQPS only with per-service users, and
// PostgreSQL over TLS with sslmode=verify-full. Stations on each gateway boot, beat and report status, and
// every manager's API shows all of them; a station on each gateway charges (one transaction with the right
// energy in PostgreSQL) and answers a command sent through a manager's REST API; the broker and the database
// refuse what production must refuse.
#include "harness.hpp"
#include "recarga/amqp/connection.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <future>
#include <gtest/gtest.h>
#include <map>
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
        auto list = json::parse(http_get(manager, "/api/v1/stations?connected=true&q=TOPO-GW", token_for(manager)).body)
                        .as_object();
        EXPECT_EQ(list.at("items").as_array().size(), 2u) << json::serialize(list);
    }
}

// The first column of the first row of a query on the topology's database ("" when no row or NULL).
std::string db_scalar(const std::string& sql) {
    pqxx::connection c(require_env("RECARGA_TOPOLOGY_PG_URL"));
    pqxx::nontransaction tx(c);
    auto r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? std::string() : r[0][0].c_str();
}

// A CALL whose answer must be a CALLRESULT; its payload.
json::object ok(Station& st, const std::string& id, const std::string& action, const json::value& payload) {
    auto a = st.call(id, action, payload);
    EXPECT_EQ(a[0].as_int64(), 3) << action << ": " << json::serialize(a);
    return a[0].as_int64() == 3 ? a[2].as_object() : json::object{};
}

// An energy register reading in Wh: value as a string and `unit` in 1.6, a number and `unitOfMeasure` in 2.x.
json::array energy_at(const std::string& ts, std::int64_t wh, const std::string& context, bool v16) {
    json::object sample{{"measurand", "Energy.Active.Import.Register"}, {"context", context}};
    if (v16) {
        sample["value"] = std::to_string(wh);
        sample["unit"] = "Wh";
    } else {
        sample["value"] = wh;
        sample["unitOfMeasure"] = json::object{{"unit", "Wh"}};
    }
    return json::array{{{"timestamp", ts}, {"sampledValue", json::array{sample}}}};
}

// 1.6: Authorize, StartTransaction, MeterValues, StopTransaction. Returns the transaction's row filter.
std::string charge_v16(Station& st, const std::string& month) {
    EXPECT_EQ(ok(st, "a1", "Authorize", json::object{{"idTag", "TOPO-TAG"}})["idTagInfo"].at("status").as_string(),
              "Accepted");
    auto started = ok(st, "s1", "StartTransaction",
                      json::object{{"connectorId", 1},
                                   {"idTag", "TOPO-TAG"},
                                   {"meterStart", 1000},
                                   {"timestamp", month + "-01T10:00:00.000Z"}});
    EXPECT_EQ(started["idTagInfo"].at("status").as_string(), "Accepted");
    const auto tx = started["transactionId"].as_int64();
    ok(st, "m1", "MeterValues",
       json::object{{"connectorId", 1},
                    {"transactionId", tx},
                    {"meterValue", energy_at(month + "-01T10:15:00.000Z", 2600, "Sample.Periodic", true)}});
    ok(st, "x1", "StopTransaction",
       json::object{{"transactionId", tx},
                    {"idTag", "TOPO-TAG"},
                    {"meterStop", 4500},
                    {"timestamp", month + "-01T10:30:00.000Z"},
                    {"reason", "EVDisconnected"}});
    return "v16_transaction_id = " + std::to_string(tx);
}

json::object tx_event(const std::string& type, int seq, const std::string& ts, const std::string& trigger,
                      std::int64_t wh, const std::string& context) {
    json::object info{{"transactionId", "TOPO-TX"}};
    if (type == "Ended") {
        info["stoppedReason"] = "EVDisconnected";
    }
    return {{"eventType", type}, {"timestamp", ts},         {"triggerReason", trigger},
            {"seqNo", seq},      {"transactionInfo", info}, {"meterValue", energy_at(ts, wh, context, false)}};
}

// 2.0.1: Authorize, TransactionEvent Started / Updated / Ended. Returns the transaction's row filter.
std::string charge_v201(Station& st, const std::string& month) {
    const json::object token{{"idToken", "TOPO-TAG"}, {"type", "ISO14443"}};
    EXPECT_EQ(ok(st, "a1", "Authorize", json::object{{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "Accepted");
    auto started = tx_event("Started", 0, month + "-01T11:00:00.000Z", "Authorized", 10000, "Transaction.Begin");
    started["evse"] = json::object{{"id", 1}, {"connectorId", 1}};
    started["idToken"] = token;
    EXPECT_EQ(ok(st, "e0", "TransactionEvent", started)["idTokenInfo"].at("status").as_string(), "Accepted");
    ok(st, "e1", "TransactionEvent",
       tx_event("Updated", 1, month + "-01T11:15:00.000Z", "MeterValuePeriodic", 11200, "Sample.Periodic"));
    ok(st, "e2", "TransactionEvent",
       tx_event("Ended", 2, month + "-01T11:30:00.000Z", "EVCommunicationLost", 12500, "Transaction.End"));
    return "transaction_id = 'TOPO-TX'";
}

// Issue 9: a station on each gateway charges, and receives a command sent through the REST API of the manager
// "belonging" to the other gateway: commands are routed through the broker to the gateway that holds the station.
TEST(Topology, StationOnEachGatewayChargesAndAnswersACommandSentThroughAManager) {
    const auto gateways = ports("RECARGA_TOPOLOGY_GATEWAY_PORTS");
    const auto managers = ports("RECARGA_TOPOLOGY_MANAGER_PORTS");
    ASSERT_EQ(gateways.size(), 2u);
    ASSERT_EQ(managers.size(), 2u);
    db_scalar("INSERT INTO id_tokens (id_token, type, status) VALUES ('TOPO-TAG', 'ISO14443', 'Accepted') "
              "ON CONFLICT DO NOTHING");
    const auto month = db_scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    const std::vector<std::string> protocols{"ocpp1.6", "ocpp2.0.1"};
    const std::vector<std::int64_t> energy_wh{3500, 2500};

    for (std::size_t g = 0; g < gateways.size(); ++g) {
        const std::string id = "TOPO-CHARGE" + std::to_string(g + 1);
        SCOPED_TRACE(id + " on gateway " + std::to_string(gateways[g]));
        Station st(gateways[g], "/ocpp/" + id, protocols[g]);
        ASSERT_TRUE(st.open());
        boot_beat_status(st, protocols[g]);

        const auto which = g == 0 ? charge_v16(st, month) : charge_v201(st, month);
        const std::string where = " FROM transactions WHERE station_id = '" + id + "' AND " + which;
        EXPECT_TRUE(eventually([&] { return db_scalar("SELECT state" + where) == "Ended"; }));
        EXPECT_EQ(db_scalar("SELECT count(*) FROM transactions WHERE station_id = '" + id + "'"), "1");
        EXPECT_EQ(db_scalar("SELECT energy_wh || ' ' || stop_reason || ' ' || id_token" + where),
                  std::to_string(energy_wh[g]) + " EVDisconnected TOPO-TAG");
        EXPECT_EQ(db_scalar("SELECT count(*) > 0 FROM meter_values WHERE station_id = '" + id + "'"), "t");

        // The command goes through the other manager's API; the station's answer comes back through it.
        const auto manager = managers[1 - g];
        ASSERT_TRUE(eventually([&] {
            auto s = station_via(manager, id);
            return s && s->at("connected").as_bool() &&
                   s->at("gatewayId").as_string() == "gw-topo-" + std::to_string(g + 1);
        }));
        const std::string body = g == 0 ? R"({"type":"Soft"})" : R"({"type":"Immediate"})";
        const auto token = token_for(manager);
        auto res = std::async(std::launch::async, [&] {
            return http_post(manager, "/api/v1/stations/" + id + "/commands/Reset", body, token);
        });
        auto call = st.read_call();
        ASSERT_TRUE(call) << "no command reached the station";
        EXPECT_EQ((*call)[2].as_string(), "Reset");
        EXPECT_EQ(json::serialize((*call)[3]), body);
        st.answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
        auto r = res.get();
        ASSERT_EQ(r.status, 200) << r.body;
        auto answer = json::parse(r.body).as_object();
        EXPECT_EQ(answer.at("outcome").as_string(), "result");
        EXPECT_EQ(answer.at("status").as_string(), "Accepted");
        EXPECT_EQ(answer.at("messageId").as_string(), (*call)[1].as_string());
    }
}

TEST(Topology, StationMovingToTheOtherGatewayIsFollowed) {
    const auto gateways = ports("RECARGA_TOPOLOGY_GATEWAY_PORTS");
    const auto managers = ports("RECARGA_TOPOLOGY_MANAGER_PORTS");
    const std::string id = "TOPO-MOVER";
    auto first = std::make_unique<Station>(gateways[0], "/ocpp/" + id, "ocpp2.0.1");
    boot_beat_status(*first, "ocpp2.0.1");
    // Moves at once: the old gateway's `disconnected` may be stamped after the new gateway's `connected` and be
    // processed first; the managers must still end with the station connected through gw-topo-2
    // (PgStationStore::record_connection: a disconnect only ends its own connection).
    first.reset();
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
