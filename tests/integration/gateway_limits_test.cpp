// The gateway's limits against the real services: handshake timeout, idle timeout with WebSocket ping/pong,
// and the maximum number of connections per gateway.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include "harness.hpp"

namespace recarga::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class GatewayLimits : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-limits");
        stack->gateway_args = {"--handshake-timeout-ms", "500", "--idle-timeout-ms", "1000", "--max-connections", "2"};
        stack->start_manager();
        stack->start_gateway();
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
};

TEST_F(GatewayLimits, ASocketThatSendsNoUpgradeIsClosedAfterTheHandshakeTimeout) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(stack->gateway_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const auto start = std::chrono::steady_clock::now();
    char c = 0;
    EXPECT_EQ(::recv(fd, &c, 1, 0), 0); // closed by the gateway, not by our 5 s receive timeout
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
    ::close(fd);
    const auto metrics = http_get(stack->gateway_port, "/metrics").body;
    EXPECT_NE(metrics.find(R"(recarga_gateway_handshakes_refused_total{reason="timeout"} )"), std::string::npos);
}

TEST_F(GatewayLimits, AStationThatAnswersPingsStaysAndASilentOneIsClosed) {
    Station alive(stack->gateway_port, "/ocpp/LIM-ALIVE", "ocpp1.6");
    Station silent(stack->gateway_port, "/ocpp/LIM-SILENT", "ocpp1.6");
    ASSERT_TRUE(alive.open());
    ASSERT_TRUE(silent.open());
    // Reading runs the client's automatic pong; `silent` runs nothing for 2.5 idle timeouts.
    EXPECT_FALSE(alive.read(2500ms));
    EXPECT_TRUE(alive.open());
    EXPECT_EQ(alive.call("hb", "Heartbeat", json::object{})[0], 3);
    EXPECT_FALSE(silent.read(1s));
    EXPECT_FALSE(silent.open());
}

TEST_F(GatewayLimits, BeyondTheMaximumConnectionsNewStationsGet503) {
    // The stations of the tests before are gone.
    ASSERT_TRUE(eventually([] {
        return http_get(stack->gateway_port, "/metrics").body.find("recarga_gateway_connections{") == std::string::npos;
    }));
    Station one(stack->gateway_port, "/ocpp/LIM-1", "ocpp1.6");
    Station two(stack->gateway_port, "/ocpp/LIM-2", "ocpp1.6");
    ASSERT_TRUE(one.open());
    ASSERT_TRUE(two.open());
    Station three(stack->gateway_port, "/ocpp/LIM-3", "ocpp1.6");
    EXPECT_FALSE(three.open());
    EXPECT_EQ(three.handshake().http_status, 503);
}

} // namespace
} // namespace recarga::test
