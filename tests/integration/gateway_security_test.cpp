// Security profiles 2 (TLS + HTTP Basic) and 3 (mutual TLS, the client certificate bound to the station id)
// end to end: the gateway's wss:// listener, the manager's admission decision, and what /metrics counts.
// Certificates are made at test time (TestPki); profile 1 is covered in commands_test.cpp.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "harness.hpp"
#include "tls_station.hpp"

namespace recarga::test {
namespace {

namespace json = boost::json;

class GatewaySecurity : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        pki = new TestPki();
        pki->issue("cp-3", "GWS-3");                                  // the station's own certificate
        pki->issue("cp-3b", "not-the-station-id", "ca", 30, "DNS:GWS-3B"); // bound through a subjectAltName
        pki->issue("cp-other", "GWS-OTHER");                          // valid, for another station
        pki->issue("cp-3-expired", "GWS-3", "ca", -1);
        pki->issue("cp-3-rogue", "GWS-3", "rogue-ca");                // right name, untrusted issuer
        stack = new Stack(*db, "gw-sec");
        tls_port = free_port();
        stack->gateway_args = {"--tls-port",  std::to_string(tls_port), "--tls-cert",      pki->path("server.pem"),
                               "--tls-key",   pki->path("server.key"),   "--tls-client-ca", pki->path("ca.pem")};
        stack->start_manager();
        stack->start_gateway();
        for (const char* id : {"GWS-3", "GWS-3B"}) {
            put_security(id, R"({"securityProfile":3})");
        }
        put_security("GWS-2", R"({"securityProfile":2,"password":")" + std::string(kPassword) + R"("})");
    }
    static void TearDownTestSuite() {
        delete stack;
        delete pki;
        delete db;
    }
    static void put_security(const std::string& id, const std::string& body) {
        auto r = http_put(stack->http_port, "/api/v1/stations/" + id + "/security", body, stack->admin_token);
        ASSERT_EQ(r.status, 200) << r.body;
    }
    static TlsClient with_certificate(const std::string& name) {
        return {pki->path("ca.pem"), pki->path(name + ".pem"), pki->path(name + ".key")};
    }
    static TlsClient server_only() { return {pki->path("ca.pem"), "", ""}; }
    static bool heartbeat_answered(TlsStation& st) { return st.call("hb", "Heartbeat", json::object{})[0] == 3; }
    // The value of one sample of the gateway's /metrics, or -1 when absent.
    static long long metric(const std::string& sample) {
        const auto text = http_get(stack->gateway_port, "/metrics").body;
        const auto at = text.find("\n" + sample + " ");
        return at == std::string::npos ? -1 : std::stoll(text.substr(at + sample.size() + 2));
    }

    static constexpr const char* kPassword = "tls-station-password-1";
    static inline TestDatabase* db = nullptr;
    static inline TestPki* pki = nullptr;
    static inline Stack* stack = nullptr;
    static inline std::uint16_t tls_port = 0;
};

TEST_F(GatewaySecurity, Profile2AcceptsTheRightPasswordOverTls) {
    TlsStation right(tls_port, "/ocpp/GWS-2", "ocpp1.6", server_only(), std::string("GWS-2:") + kPassword);
    ASSERT_TRUE(right.open()) << right.http_status();
    EXPECT_TRUE(heartbeat_answered(right));
    EXPECT_EQ(db->scalar("SELECT connected FROM stations WHERE id = 'GWS-2'"), "t");
}

TEST_F(GatewaySecurity, Profile2RefusesAWrongOrMissingPassword) {
    TlsStation wrong(tls_port, "/ocpp/GWS-2", "ocpp1.6", server_only(), "GWS-2:not-the-password-at-all");
    EXPECT_FALSE(wrong.open());
    EXPECT_EQ(wrong.http_status(), 401);
    TlsStation none(tls_port, "/ocpp/GWS-2", "ocpp1.6", server_only());
    EXPECT_FALSE(none.open());
    EXPECT_EQ(none.http_status(), 403); // no credentials over TLS is profile 0: below the station's 2
}

TEST_F(GatewaySecurity, Profile2StationOnPlainWebSocketIsBelowItsProfile) {
    Station plain(stack->gateway_port, "/ocpp/GWS-2", "ocpp1.6", std::string("GWS-2:") + kPassword);
    EXPECT_FALSE(plain.open());
    EXPECT_EQ(plain.handshake().http_status, 403);
}

TEST_F(GatewaySecurity, Profile3AcceptsTheStationsOwnCertificate) {
    TlsStation st(tls_port, "/ocpp/GWS-3", "ocpp2.0.1", with_certificate("cp-3"));
    ASSERT_TRUE(st.open()) << st.http_status();
    EXPECT_TRUE(heartbeat_answered(st));
    EXPECT_EQ(metric(R"(recarga_gateway_connections{version="ocpp2.0.1",profile="3"})"), 1);
}

TEST_F(GatewaySecurity, Profile3BindsTheStationThroughASubjectAltName) {
    TlsStation st(tls_port, "/ocpp/GWS-3B", "ocpp1.6", with_certificate("cp-3b"));
    ASSERT_TRUE(st.open()) << st.http_status();
    EXPECT_TRUE(heartbeat_answered(st));
}

TEST_F(GatewaySecurity, Profile3RefusesACertificateIssuedForAnotherStation) {
    const auto before = std::max(0LL, metric(R"(recarga_gateway_handshakes_refused_total{reason="certificate-mismatch"})"));
    TlsStation st(tls_port, "/ocpp/GWS-3", "ocpp1.6", with_certificate("cp-other"));
    EXPECT_TRUE(st.tls_ok()); // the certificate is valid: the manager refuses it for this station
    EXPECT_FALSE(st.open());
    EXPECT_EQ(st.http_status(), 403);
    EXPECT_EQ(metric(R"(recarga_gateway_handshakes_refused_total{reason="certificate-mismatch"})"), before + 1);
}

TEST_F(GatewaySecurity, Profile3RefusesExpiredAndUntrustedCertificatesInTheTlsHandshake) {
    const auto before = std::max(0LL, metric(R"(recarga_gateway_handshakes_refused_total{reason="tls"})"));
    TlsStation expired(tls_port, "/ocpp/GWS-3", "ocpp1.6", with_certificate("cp-3-expired"));
    EXPECT_FALSE(expired.tls_ok());
    EXPECT_FALSE(expired.open());
    TlsStation rogue(tls_port, "/ocpp/GWS-3", "ocpp1.6", with_certificate("cp-3-rogue"));
    EXPECT_FALSE(rogue.tls_ok());
    EXPECT_FALSE(rogue.open());
    EXPECT_TRUE(eventually([&] {
        return metric(R"(recarga_gateway_handshakes_refused_total{reason="tls"})") == before + 2;
    }));
}

TEST_F(GatewaySecurity, Profile3StationWithOnlyAPasswordIsBelowItsProfile) {
    put_security("GWS-3P", R"({"securityProfile":3,"password":"a-password-it-also-has"})");
    TlsStation st(tls_port, "/ocpp/GWS-3P", "ocpp1.6", server_only(), "GWS-3P:a-password-it-also-has");
    EXPECT_FALSE(st.open());
    EXPECT_EQ(st.http_status(), 403);
    Station plain(stack->gateway_port, "/ocpp/GWS-3P", "ocpp1.6", "GWS-3P:a-password-it-also-has");
    EXPECT_EQ(plain.handshake().http_status, 403);
}

TEST_F(GatewaySecurity, MetricsCountFramesByActionAndCallLatency) {
    TlsStation st(tls_port, "/ocpp/GWS-2", "ocpp1.6", server_only(), std::string("GWS-2:") + kPassword);
    ASSERT_TRUE(st.open());
    const auto before = std::max(0LL, metric(R"(recarga_gateway_frames_received_total{action="Heartbeat",type="call"})"));
    ASSERT_TRUE(heartbeat_answered(st));
    EXPECT_EQ(metric(R"(recarga_gateway_frames_received_total{action="Heartbeat",type="call"})"), before + 1);
    EXPECT_GE(metric(R"(recarga_gateway_frames_sent_total{action="Heartbeat",type="result"})"), 1);
    EXPECT_GE(metric(R"(recarga_gateway_call_duration_seconds_count{direction="station-to-csms"})"), 1);
    EXPECT_GE(metric(R"(recarga_gateway_broker_publish_lag_seconds_count)"), 1);
    const auto res = http_get(stack->gateway_port, "/metrics");
    EXPECT_EQ(res.content_type, "text/plain; version=0.0.4");
    EXPECT_NE(res.body.find("# TYPE recarga_gateway_call_duration_seconds histogram"), std::string::npos);
    EXPECT_NE(res.body.find(R"(recarga_gateway_connections{version="ocpp1.6",profile="2"} 1)"), std::string::npos);
}

} // namespace
} // namespace recarga::test
