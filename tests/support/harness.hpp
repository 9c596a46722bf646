// Test harness for integration tests against the real services: starts recarga-manager and recarga-gateway
// as child processes on a database of their own, and talks to them as a station (WebSocket) and as an
// operator (HTTP). The broker and PostgreSQL come from scripts/test.sh (RECARGA_TEST_* variables); a missing
// variable fails the test instead of skipping it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <thread>

#include <boost/json/value.hpp>

namespace recarga::test {

std::string require_env(const char* name);
std::uint16_t free_port();

// A child process; killed (SIGKILL) on destruction unless stopped before.
class Process {
public:
    Process(std::string exe, std::vector<std::string> args, std::vector<std::string> env, std::string log_file);
    ~Process();
    void kill_hard();        // SIGKILL, as a crash would
    void terminate();        // SIGTERM and wait
    int wait();              // waits for the exit; the exit status (-1 when killed by a signal)
    bool running() const;

private:
    int pid_ = -1;
};

// A database of its own for one test suite, dropped at the end.
class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    const std::string& url() const { return url_; }
    // Runs a query and returns the first column of the first row as text ("" when no row or NULL).
    std::string scalar(const std::string& sql) const;

private:
    std::string name_;
    std::string url_;
};

struct Stack {
    explicit Stack(const TestDatabase& db, std::string gateway_id = "gw-it", int call_timeout_ms = 10000);
    void start_manager();
    void start_gateway();
    std::string ws_base() const;   // ws://127.0.0.1:<port>/ocpp/
    // The operator every test suite has: created with `recarga-manager create-admin` before the manager starts,
    // logged in once it runs (admin_token is its bearer token).
    static constexpr const char* kAdminUser = "it-admin";
    static constexpr const char* kAdminPassword = "it-admin-password";
    std::string admin_token;
    std::vector<std::string> gateway_args; // extra command-line options for the gateway
    std::vector<std::string> manager_env;  // extra NAME=value environment of the manager
    std::string amqp_url;                  // the broker; empty: RECARGA_TEST_AMQP_URL
    std::uint16_t gateway_port = 0;
    std::uint16_t http_port = 0;
    std::unique_ptr<Process> manager;
    std::unique_ptr<Process> gateway;

private:
    const TestDatabase& db_;
    std::string gateway_id_;
    int call_timeout_ms_;
};

struct HttpResult {
    int status = 0;
    std::string body;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers = {};
    std::string header(const std::string& name) const; // "" when absent
};
// POSTs a JSON body, with a bearer token when `token` is not empty.
HttpResult http_post(std::uint16_t port, const std::string& target, const std::string& json_body,
                     const std::string& token = "");
// GET, with a bearer token when `token` is not empty.
HttpResult http_get(std::uint16_t port, const std::string& target, const std::string& token = "");
// Any request; a non-empty body is sent as application/json unless `headers` set a Content-Type.
HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body = "",
                        const std::vector<std::pair<std::string, std::string>>& headers = {});
// Logs in; the bearer token, or "" when the login failed.
std::string login(std::uint16_t port, const std::string& username, const std::string& password);
// PUTs a JSON body, with a bearer token when `token` is not empty.
HttpResult http_put(std::uint16_t port, const std::string& target, const std::string& json_body,
                    const std::string& token = "");

// Waits until `pred` is true or `timeout` passes; returns pred().
template <class Pred> bool eventually(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A synchronous OCPP-J station client.
class Station {
public:
    struct Handshake {
        int http_status = 0;       // 101 when upgraded
        std::string subprotocol;   // negotiated
    };
    // Connects to ws://127.0.0.1:<port><target> offering `protocols` (comma separated); with `basic_credentials`
    // ("user:password") it sends them as HTTP Basic authorization (security profile 1).
    Station(std::uint16_t port, std::string target, std::string protocols, std::string basic_credentials = {});
    ~Station();
    const Handshake& handshake() const;
    bool open() const;

    void send_text(const std::string& text);
    // Reads the next frame; nullopt on timeout or close.
    std::optional<std::string> read(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Sends a CALL and reads frames until the answer with that message id: the parsed frame array.
    boost::json::array call(const std::string& id, const std::string& action, const boost::json::value& payload);
    // Reads frames until a CALL from the central system arrives: [2, id, action, payload]; nullopt on timeout.
    std::optional<boost::json::array> read_call(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Answers a CALL with a CALLRESULT.
    void answer(const std::string& id, const boost::json::value& payload);
    // After the peer closed: the close code received (0 if none).
    int close_code() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

template <class Pred> bool eventually(Pred pred, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pred();
}

} // namespace recarga::test
