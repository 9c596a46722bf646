// The engine against the in-process fake CSMS on 127.0.0.1: a handful of stations, each run bounded by
// --calls and/or --duration (a few seconds at most).
#include <thread>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "engine.hpp"
#include "fake_csms.hpp"

using namespace recarga::sim;
using namespace std::chrono_literals;

namespace {

Options base_options(const FakeCsms& server, std::size_t stations) {
    Options o;
    o.url = "ws://127.0.0.1:" + std::to_string(server.port()) + "/ocpp";
    o.stations = stations;
    o.progress_s = 0;
    o.seed = 1;
    o.duration_s = 10.0; // safety net; every test stops earlier on its own condition
    o.call_timeout = 2s;
    o.backoff.initial = 100ms;
    o.backoff.max = 400ms;
    return o;
}

std::uint64_t total_ok(const Stats& s) {
    std::uint64_t n = 0;
    for (const auto& [name, a] : s.actions) {
        n += a.ok;
    }
    return n;
}

} // namespace

TEST(Loopback, ClosedLoopHeartbeatsStopAtTheCallBudget) {
    FakeCsms server({});
    auto o = base_options(server, 20);
    o.protocols = {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201, recarga::ocpp::Version::v21};
    o.scenario = Scenario::Heartbeat;
    o.mode = LoadMode::Closed;
    o.max_calls = 2000;
    const auto r = run_simulation(o, false);
    EXPECT_LT(r.info.elapsed_s, 8.0);
    EXPECT_EQ(r.stats.connects, 20u);
    EXPECT_EQ(r.info.stations_booted, 20u);
    EXPECT_GE(r.info.time_to_all_booted_s, 0.0);
    const auto& hb = r.stats.actions.at("Heartbeat");
    EXPECT_GT(hb.ok, 1000u);
    EXPECT_EQ(hb.errors, 0u);
    EXPECT_EQ(hb.timeouts, 0u);
    EXPECT_EQ(hb.latency_us.count(), hb.ok);
    // Every call the stations sent was counted by the server, and no more than the budget was sent.
    std::uint64_t sent = 0;
    for (const auto& [name, a] : r.stats.actions) {
        sent += a.sent;
    }
    EXPECT_LE(sent, 2000u);
    EXPECT_EQ(total_ok(r.stats), server.calls_by_action()["Heartbeat"] + 40u); // + boot and status of each
    // Each station offered its own version and got it.
    const auto protocols = server.subprotocols();
    EXPECT_EQ(protocols.at("SIM-0001"), "ocpp1.6");
    EXPECT_EQ(protocols.at("SIM-0002"), "ocpp2.0.1");
    EXPECT_EQ(protocols.at("SIM-0003"), "ocpp2.1");
    // The sockets were closed when the run ended.
    for (int i = 0; i < 50 && server.open_connections() > 0; ++i) {
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(server.open_connections(), 0u);
}

TEST(Loopback, OpenLoopKeepsTheRate) {
    FakeCsms server({});
    auto o = base_options(server, 10);
    o.scenario = Scenario::Heartbeat;
    o.mode = LoadMode::Open;
    o.rate = 200.0; // 20 per station per second
    o.duration_s = 2.0;
    const auto r = run_simulation(o, false);
    const auto n = r.stats.actions.at("Heartbeat").ok;
    // 2 s at 200/s, minus the time to connect and boot; generous bounds, but a closed loop would be far above.
    EXPECT_GT(n, 250u);
    EXPECT_LT(n, 450u);
}

TEST(Loopback, BootPendingIsRetriedAfterTheInterval) {
    FakeCsmsConfig config;
    config.boot_pending_count = 1;
    config.boot_retry_interval_s = 1;
    FakeCsms server(config);
    auto o = base_options(server, 3);
    o.scenario = Scenario::BootStorm; // ends when every station is accepted
    o.duration_s.reset();
    const auto r = run_simulation(o, false);
    EXPECT_EQ(r.stats.boots_pending, 3u);
    EXPECT_EQ(r.stats.boots_accepted, 3u);
    EXPECT_EQ(r.info.stations_booted, 3u);
    EXPECT_GE(r.info.time_to_all_booted_s, 0.9); // waited for the interval the CSMS gave
    EXPECT_LT(r.info.time_to_all_booted_s, 3.0);
}

TEST(Loopback, CallErrorsAreCountedByCode) {
    FakeCsmsConfig config;
    config.error_action = "Heartbeat";
    FakeCsms server(config);
    auto o = base_options(server, 2);
    o.scenario = Scenario::Heartbeat;
    o.mode = LoadMode::Closed;
    o.max_calls = 50;
    const auto r = run_simulation(o, false);
    const auto& hb = r.stats.actions.at("Heartbeat");
    EXPECT_GT(hb.errors, 0u);
    EXPECT_EQ(hb.ok, 0u);
    EXPECT_EQ(hb.error_codes.at("NotSupported"), hb.errors);
}

TEST(Loopback, ReconnectsWithBackoffAfterTheServerDropsEveryone) {
    FakeCsms server({});
    auto o = base_options(server, 5);
    o.scenario = Scenario::Heartbeat;
    o.heartbeat_interval_s = 1;
    o.duration_s = 3.0;
    std::thread dropper([&] {
        std::this_thread::sleep_for(800ms);
        server.drop_all();
    });
    const auto r = run_simulation(o, false);
    dropper.join();
    EXPECT_EQ(r.stats.disconnects, 5u);
    EXPECT_EQ(r.stats.connects, 10u);
    EXPECT_EQ(r.stats.boots_accepted, 10u); // boots again on reconnect by default
    EXPECT_EQ(server.connections(), 10u);
}

TEST(Loopback, RemoteStartBeginsAChargingSession) {
    for (auto v : {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201}) {
        SCOPED_TRACE(std::string(recarga::ocpp::subprotocol(v)));
        FakeCsmsConfig config;
        config.call_after_boot = v == recarga::ocpp::Version::v16
                                     ? std::pair<std::string, std::string>{"RemoteStartTransaction",
                                                                           R"({"connectorId":1,"idTag":"REMOTE"})"}
                                     : std::pair<std::string, std::string>{
                                           "RequestStartTransaction",
                                           R"({"evseId":1,"remoteStartId":5,"idToken":{"idToken":"REMOTE","type":"Central"}})"};
        FakeCsms server(config);
        auto o = base_options(server, 1);
        o.protocols = {v};
        o.scenario = Scenario::Boot; // no sessions of its own
        o.meter_interval_s = 1;
        o.duration_s = 2.5;
        const auto r = run_simulation(o, false);
        EXPECT_EQ(r.stats.incoming.at(config.call_after_boot->first), 1u);
        EXPECT_EQ(r.stats.sessions_started, 1u);
        const auto answers = server.answers();
        ASSERT_EQ(answers.size(), 1u);
        EXPECT_NE(answers[0].find("\"Accepted\""), std::string::npos) << answers[0];
        const auto calls = server.calls_by_action();
        if (v == recarga::ocpp::Version::v16) {
            EXPECT_EQ(calls.count("Authorize"), 0u); // remote start: no Authorize
            EXPECT_EQ(calls.at("StartTransaction"), 1u);
            EXPECT_GE(calls.at("MeterValues"), 1u);
        } else {
            EXPECT_GE(calls.at("TransactionEvent"), 2u); // Started + at least one Updated
        }
    }
}

TEST(Loopback, ChargingSessionsComplete) {
    FakeCsms server({});
    auto o = base_options(server, 4);
    o.protocols = {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201};
    o.scenario = Scenario::Charging;
    o.session_s = 1.2;
    o.idle_s = 0.2;
    o.meter_interval_s = 1;
    o.duration_s = 3.5;
    const auto r = run_simulation(o, false);
    EXPECT_GE(r.stats.sessions_completed, 4u);
    const auto calls = server.calls_by_action();
    EXPECT_GE(calls.at("StartTransaction"), 2u);
    EXPECT_GE(calls.at("StopTransaction"), 2u);
    EXPECT_GE(calls.at("TransactionEvent"), 6u);
    for (const auto& [name, a] : r.stats.actions) {
        EXPECT_EQ(a.errors, 0u) << name;
        EXPECT_EQ(a.timeouts, 0u) << name;
    }
}

TEST(Loopback, UnreachableServerCountsConnectFailures) {
    // A port nobody listens on (the fake's port after it stopped).
    unsigned short port = 0;
    {
        FakeCsms server({});
        port = server.port();
    }
    Options o;
    o.url = "ws://127.0.0.1:" + std::to_string(port) + "/ocpp";
    o.stations = 2;
    o.progress_s = 0;
    o.seed = 1;
    o.duration_s = 1.0;
    o.backoff.initial = 100ms;
    o.backoff.max = 200ms;
    const auto r = run_simulation(o, false);
    EXPECT_EQ(r.stats.connects, 0u);
    EXPECT_GE(r.stats.connect_failures.at("tcp"), 4u); // retried with backoff
}
