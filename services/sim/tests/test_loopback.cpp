// The engine against the in-process fake CSMS on 127.0.0.1: a handful of stations, each run bounded by
// --calls and/or --duration (a few seconds at most).
#include "engine.hpp"
#include "fake_csms.hpp"

#include <boost/json/parse.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <thread>
#include <unistd.h>

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

std::string bio_string(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return out;
}

// A self-signed P-256 certificate, made in memory: {cert PEM, key PEM}. The default is a server certificate
// for 127.0.0.1 (subjectAltName IP); a station's client certificate carries its id as CN.
std::pair<std::string, std::string> self_signed_for_loopback(const char* cn = "127.0.0.1",
                                                             const char* san = "IP:127.0.0.1") {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    X509_sign(cert, key, EVP_sha256());
    BIO* cert_bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(cert_bio, cert);
    BIO* key_bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(key_bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    X509_free(cert);
    EVP_PKEY_free(key);
    return {bio_string(cert_bio), bio_string(key_bio)};
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
    // Open loop also measures from the scheduled slot, which can only be later than the send.
    const auto& hb = r.stats.actions.at("Heartbeat");
    EXPECT_EQ(hb.schedule_latency_us.count(), hb.ok);
    EXPECT_GE(hb.schedule_latency_us.percentile(50), hb.latency_us.percentile(50));
    EXPECT_EQ(r.stats.actions.at("BootNotification").schedule_latency_us.count(), 0u);
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
    // Every station came back; with a 100-400 ms backoff that takes well under the rest of the run.
    EXPECT_EQ(r.info.recoveries, 5u);
    EXPECT_EQ(r.info.still_down, 0);
    EXPECT_GT(r.info.recovery_s, 0.04);
    EXPECT_LT(r.info.recovery_s, 1.5);
}

TEST(Loopback, RemoteStartBeginsAChargingSession) {
    for (auto v : {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201}) {
        SCOPED_TRACE(std::string(recarga::ocpp::subprotocol(v)));
        FakeCsmsConfig config;
        config.call_after_boot =
            v == recarga::ocpp::Version::v16
                ? std::pair<std::string, std::string>{"RemoteStartTransaction", R"({"connectorId":1,"idTag":"REMOTE"})"}
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

TEST(Loopback, WssWithAVerifiedServerCertificate) {
    const auto [cert, key] = self_signed_for_loopback();
    FakeCsmsConfig config;
    config.tls_cert_pem = cert;
    config.tls_key_pem = key;
    FakeCsms server(config);
    const std::string ca = ::testing::TempDir() + "recarga-sim-test-ca.pem";
    std::ofstream(ca) << cert;

    auto o = base_options(server, 3);
    o.url = "wss://127.0.0.1:" + std::to_string(server.port()) + "/ocpp";
    o.protocols = {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201};
    o.scenario = Scenario::Heartbeat;
    o.mode = LoadMode::Closed;
    o.max_calls = 300;
    o.ca_file = ca;
    const auto r = run_simulation(o, false);
    EXPECT_EQ(r.stats.connects, 3u);
    EXPECT_GT(r.stats.actions.at("Heartbeat").ok, 200u);

    // Without the CA, verification must fail: the certificate is self-signed.
    auto untrusted = base_options(server, 1);
    untrusted.url = o.url;
    untrusted.duration_s = 0.5;
    const auto bad = run_simulation(untrusted, false);
    EXPECT_EQ(bad.stats.connects, 0u);
    EXPECT_GE(bad.stats.connect_failures.at("tls"), 1u);
    std::remove(ca.c_str());
}

TEST(Loopback, SchemaInvalidAnswersFromTheCsmsAreCounted) {
    FakeCsmsConfig config;
    config.empty_action = "Heartbeat"; // {} lacks the required currentTime
    FakeCsms server(config);
    auto o = base_options(server, 2);
    o.protocols = {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201};
    o.scenario = Scenario::Heartbeat;
    o.mode = LoadMode::Closed;
    o.max_calls = 100;
    const auto r = run_simulation(o, false);
    const auto& hb = r.stats.actions.at("Heartbeat");
    EXPECT_GT(hb.ok, 0u);
    EXPECT_EQ(hb.invalid, hb.ok);
    EXPECT_NE(hb.first_invalid.find("currentTime"), std::string::npos) << hb.first_invalid;
    EXPECT_EQ(r.stats.actions.at("BootNotification").invalid, 0u);

    o.validate = false;
    const auto unchecked = run_simulation(o, false);
    EXPECT_EQ(unchecked.stats.actions.at("Heartbeat").invalid, 0u);
}

TEST(Loopback, SchemaInvalidCsmsCallGetsTheVersionsErrorCode) {
    for (auto v : {recarga::ocpp::Version::v16, recarga::ocpp::Version::v201}) {
        SCOPED_TRACE(std::string(recarga::ocpp::subprotocol(v)));
        FakeCsmsConfig config;
        // RemoteStartTransaction without idTag / RequestStartTransaction without idToken: a required member missing.
        config.call_after_boot =
            v == recarga::ocpp::Version::v16
                ? std::pair<std::string, std::string>{"RemoteStartTransaction", R"({"connectorId":1})"}
                : std::pair<std::string, std::string>{"RequestStartTransaction", R"({"remoteStartId":1})"};
        FakeCsms server(config);
        auto o = base_options(server, 1);
        o.protocols = {v};
        o.scenario = Scenario::Boot;
        o.duration_s = 1.0;
        const auto r = run_simulation(o, false);
        EXPECT_EQ(r.stats.incoming_invalid, 1u);
        EXPECT_EQ(r.stats.sessions_started, 0u);
        const auto answers = server.answers();
        ASSERT_EQ(answers.size(), 1u);
        const auto expected =
            v == recarga::ocpp::Version::v16 ? "\"OccurenceConstraintViolation\"" : "\"OccurrenceConstraintViolation\"";
        EXPECT_NE(answers[0].find(expected), std::string::npos) << answers[0];
        EXPECT_EQ(answers[0].rfind("[4,", 0), 0u) << answers[0];
    }
}

TEST(Loopback, WssWithOneClientCertificatePerStation) {
    // Security profile 3: the server requires a client certificate; each station presents its own file.
    const auto [server_cert, server_key] = self_signed_for_loopback();
    const auto [client_cert, client_key] = self_signed_for_loopback("SIM-0001", "DNS:SIM-0001");
    FakeCsmsConfig config;
    config.tls_cert_pem = server_cert;
    config.tls_key_pem = server_key;
    config.client_ca_pem = client_cert;
    FakeCsms server(config);
    const std::string dir = ::testing::TempDir() + "recarga-sim-certs";
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/ca.pem") << server_cert;
    std::ofstream(dir + "/SIM-0001.pem") << client_cert;
    std::ofstream(dir + "/SIM-0001.key") << client_key;

    auto o = base_options(server, 2); // SIM-0002 has no certificate file
    o.url = "wss://127.0.0.1:" + std::to_string(server.port()) + "/ocpp";
    o.ca_file = dir + "/ca.pem";
    o.cert_dir = dir;
    o.scenario = Scenario::BootStorm;
    o.duration_s = 1.0;
    const auto r = run_simulation(o, false);
    EXPECT_EQ(r.stats.connects, 1u);
    EXPECT_EQ(server.subprotocols().count("SIM-0001"), 1u);
    EXPECT_GE(r.stats.connect_failures.at("certificate"), 1u);

    // Without --cert-dir no station gets in.
    o.cert_dir.clear();
    const auto without = run_simulation(o, false);
    EXPECT_EQ(without.stats.connects, 0u);
    std::filesystem::remove_all(dir);
}

TEST(Loopback, SigintStopsAnEndlessRunAndReports) {
    // The demo fleet runs without --duration or --calls until SIGINT/SIGTERM.
    FakeCsms server({});
    auto o = base_options(server, 3);
    o.duration_s.reset();
    o.scenario = Scenario::Heartbeat;
    o.heartbeat_interval_s = 1;
    std::thread killer([] {
        std::this_thread::sleep_for(1500ms); // well after the handlers are installed
        ::kill(::getpid(), SIGINT);
    });
    const auto r = run_simulation(o, true);
    killer.join();
    EXPECT_GT(r.info.elapsed_s, 1.4);
    EXPECT_LT(r.info.elapsed_s, 5.0);
    EXPECT_EQ(r.stats.connects, 3u);
    EXPECT_GE(r.stats.actions.at("Heartbeat").ok, 3u);
    for (int i = 0; i < 50 && server.open_connections() > 0; ++i) {
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(server.open_connections(), 0u); // closed cleanly
}
