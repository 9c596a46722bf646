// The gateway's limits against the real services: handshake timeout, idle timeout with WebSocket ping/pong,
// the maximum number of connections per gateway, and the bounded outgoing queue of a station that stops
// reading its socket.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <optional>
#include <string>

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

// --- the bounded outgoing queue (--max-outbox-frames) -----------------------------------------------------

// A station on a raw socket with a small receive buffer, so that it can stop reading and let the gateway's
// writes back up: it upgrades, sends masked text frames, and parses the server's frames when it reads again.
class RawStation {
public:
    RawStation(std::uint16_t port, const std::string& id) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int small = 4096; // before connect, so that the advertised window stays small
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        timeval tv{2, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            return;
        }
        const std::string req = "GET /ocpp/" + id +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                                "Sec-WebSocket-Protocol: ocpp1.6\r\n\r\n";
        if (!send_all(req)) {
            return;
        }
        std::string head;
        char c = 0;
        while (head.find("\r\n\r\n") == std::string::npos && ::recv(fd_, &c, 1, 0) == 1) {
            head.push_back(c);
        }
        upgraded_ = head.rfind("HTTP/1.1 101", 0) == 0;
    }
    ~RawStation() { ::close(fd_); }
    bool upgraded() const { return upgraded_; }

    // A masked text frame (client to server); false when the socket would not take it in time.
    bool send_text(const std::string& text) {
        std::string f;
        f.push_back(static_cast<char>(0x81));
        if (text.size() < 126) {
            f.push_back(static_cast<char>(0x80 | text.size()));
        } else {
            f.push_back(static_cast<char>(0x80 | 126));
            f.push_back(static_cast<char>(text.size() >> 8));
            f.push_back(static_cast<char>(text.size() & 0xff));
        }
        const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
        f.append(reinterpret_cast<const char*>(mask), 4);
        for (std::size_t i = 0; i < text.size(); ++i) {
            f.push_back(static_cast<char>(text[i] ^ mask[i % 4]));
        }
        return send_all(f);
    }

    // Reads the server's frames until a close frame: its status code; nullopt when the socket ends first or
    // stays silent. `frames` counts the data frames read before it.
    std::optional<int> read_until_close(int& frames) {
        while (true) {
            unsigned char h[2];
            if (!recv_all(h, 2)) {
                return std::nullopt;
            }
            std::uint64_t len = h[1] & 0x7f;
            if (len == 126 || len == 127) {
                unsigned char ext[8];
                const int n = len == 126 ? 2 : 8;
                if (!recv_all(ext, n)) {
                    return std::nullopt;
                }
                len = 0;
                for (int i = 0; i < n; ++i) {
                    len = (len << 8) | ext[i];
                }
            }
            std::string payload(len, '\0');
            if (len > 0 && !recv_all(payload.data(), len)) {
                return std::nullopt;
            }
            if ((h[0] & 0x0f) == 0x8) {
                return payload.size() >= 2
                           ? (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1])
                           : 1005;
            }
            ++frames;
        }
    }

private:
    bool send_all(const std::string& data) {
        std::size_t off = 0;
        while (off < data.size()) {
            const auto n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
            if (n <= 0) {
                return false;
            }
            off += static_cast<std::size_t>(n);
        }
        return true;
    }
    bool recv_all(void* into, std::size_t size) {
        auto* p = static_cast<char*>(into);
        std::size_t off = 0;
        while (off < size) {
            const auto n = ::recv(fd_, p + off, size - off, 0);
            if (n <= 0) {
                return false;
            }
            off += static_cast<std::size_t>(n);
        }
        return true;
    }
    int fd_ = -1;
    bool upgraded_ = false;
};

class GatewayOutbox : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-outbox");
        stack->gateway_args = {"--max-outbox-frames", "8"};
        stack->start_manager();
        stack->start_gateway();
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static std::string metrics() { return http_get(stack->gateway_port, "/metrics").body; }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
};

TEST_F(GatewayOutbox, AStationThatStopsReadingIsClosedWith1013AndTheOthersAreUnaffected) {
    Station healthy(stack->gateway_port, "/ocpp/OUT-OK", "ocpp1.6");
    ASSERT_TRUE(healthy.open());
    EXPECT_EQ(healthy.call("boot", "BootNotification",
                           json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "T"}})[0],
              3);
    auto slow = std::make_unique<RawStation>(stack->gateway_port, "OUT-SLOW");
    ASSERT_TRUE(slow->upgraded());
    ASSERT_EQ(metrics().find("recarga_gateway_slow_stations_closed_total 1"), std::string::npos);

    // The slow station sends CALLs and reads nothing: the gateway relays them to the manager and queues the
    // answers (and the CALLERRORs for calls beyond the outstanding limit) until its socket backs up.
    bool closed = false;
    int sent = 0;
    for (int batch = 0; batch < 400 && !closed; ++batch) {
        for (int i = 0; i < 500; ++i, ++sent) {
            if (!slow->send_text(R"([2,"hb-)" + std::to_string(sent) + R"(","Heartbeat",{}])")) {
                break; // the gateway stopped reading it
            }
        }
        closed = metrics().find("recarga_gateway_slow_stations_closed_total 1") != std::string::npos;
    }
    ASSERT_TRUE(closed) << "no overflow after " << sent << " calls";

    // The other station on the same gateway: its calls and the manager's commands go on.
    EXPECT_EQ(healthy.call("hb", "Heartbeat", json::object{})[0], 3);
    auto reset = std::async(std::launch::async, [] {
        return http_post(stack->http_port, "/api/v1/stations/OUT-OK/commands/Reset", R"({"type":"Soft"})",
                         stack->admin_token);
    });
    auto call = healthy.read_call();
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[2].as_string(), "Reset");
    healthy.answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    const auto res = reset.get();
    EXPECT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(json::parse(res.body).at("outcome").as_string(), "result") << res.body;

    // The slow station, reading again, finds what was queued before the overflow and then the close: 1013
    // (try again later), not a silently dropped frame.
    int frames = 0;
    const auto code = slow->read_until_close(frames);
    ASSERT_TRUE(code) << "no close frame after " << frames << " frames";
    EXPECT_EQ(*code, 1013);
    EXPECT_GT(frames, 0);
    slow.reset();
    EXPECT_TRUE(eventually([] {
        return metrics().find(R"(recarga_gateway_connections{version="ocpp1.6",profile="0"} 1)") != std::string::npos;
    }));
    EXPECT_TRUE(healthy.open());
}

} // namespace
} // namespace recarga::test
