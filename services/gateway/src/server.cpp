// All Boost.Beast/Asio code of the gateway lives in this translation unit (each such unit costs 15-30 s
// to compile on two cores).
#include "server.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <unordered_map>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "basic_auth.hpp"
#include "broker_link.hpp"
#include "call_check.hpp"
#include "rate_limit.hpp"
#include "recarga/ocpp/frame.hpp"
#include "recarga/ocpp/validator.hpp"
#include "station_id.hpp"

namespace recarga::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
namespace env = recarga::envelope;
namespace ocpp = recarga::ocpp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
} // namespace

// A CALL the central system sends to a station (a Command envelope), waiting for its turn or its answer.
struct CsmsCall {
    std::string message_id;
    std::string action;
    boost::json::value payload;
    std::string reply_to;
    std::string trace_id;
    Clock::time_point deadline;
};

// One station's WebSocket. Lives on the io thread; the registry holds it while it is the station's
// current connection.
struct Session : std::enable_shared_from_this<Session> {
    Session(websocket::stream<beast::tcp_stream> s, std::string id, ocpp::Version v, std::uint64_t n,
            RateLimiter rl)
        : ws(std::move(s)), station(std::move(id)), version(v), connection(n), limiter(rl) {}

    websocket::stream<beast::tcp_stream> ws;
    std::string station;
    ocpp::Version version;
    std::uint64_t connection;
    std::deque<std::string> outbox;
    bool writing = false;
    bool closed = false;
    // CALLs relayed to the manager and not yet answered: message id -> deadline.
    std::unordered_map<std::string, Clock::time_point> pending;
    // CSMS-initiated calls: at most one outstanding (OCPP-J), the others wait in order (bounded).
    std::optional<CsmsCall> csms_active;
    std::deque<CsmsCall> csms_queue;
    RateLimiter limiter; // the station's CALLs per second
};

// A handshake waiting for the manager's admission answer.
struct AdmissionWait {
    explicit AdmissionWait(asio::io_context& io) : timer(io) {}
    asio::steady_timer timer;
    std::optional<std::string> outcome;
};

// A recent admission answer, so that a reconnect wave does not ask the manager once per attempt.
struct CachedAdmission {
    std::optional<std::string> password;
    int offered = 0;
    std::string outcome;
    Clock::time_point expires;
};

struct Server::Impl {
    Impl(const Config& c, BrokerLink& b) : config(c), broker(b), acceptor(ioc), sweep_timer(ioc), signals(ioc) {}

    const Config& config;
    BrokerLink& broker;
    asio::io_context ioc{1};
    tcp::acceptor acceptor;
    asio::steady_timer sweep_timer;
    asio::signal_set signals;
    std::unordered_map<std::string, std::shared_ptr<Session>> stations;
    std::unordered_map<std::string, std::shared_ptr<AdmissionWait>> admissions; // by request id
    std::unordered_map<std::string, CachedAdmission> admission_cache;          // by station
    std::uint64_t next_connection = 1;
    std::size_t open_sockets = 0;
    // Counters for /metrics.
    std::uint64_t frames_in = 0, calls_relayed = 0, callerrors_sent = 0, replies_delivered = 0, replies_dropped = 0,
                  call_timeouts = 0, handshakes_refused = 0, commands_sent = 0, command_timeouts = 0,
                  commands_offline = 0, commands_busy = 0, closed_by_manager = 0,
                  calls_rate_limited = 0;

    // --- writing -----------------------------------------------------------------------------------------
    void send(const std::shared_ptr<Session>& s, std::string frame) {
        if (s->closed) {
            return;
        }
        s->outbox.push_back(std::move(frame));
        if (!s->writing) {
            s->writing = true;
            asio::co_spawn(ioc, write_loop(s), asio::detached);
        }
    }

    asio::awaitable<void> write_loop(std::shared_ptr<Session> s) {
        while (!s->outbox.empty() && !s->closed) {
            s->ws.text(true);
            auto [ec, n] = co_await s->ws.async_write(asio::buffer(s->outbox.front()), use_tuple);
            s->outbox.pop_front();
            if (ec) {
                s->closed = true;
                break;
            }
        }
        s->writing = false;
    }

    void send_error(const std::shared_ptr<Session>& s, std::string_view id, ocpp::ErrorKind kind,
                    std::string_view description) {
        ++callerrors_sent;
        send(s, ocpp::serialize_call_error(s->version, id, {kind, std::string(description)}));
    }

    // --- commands from the manager (CSMS-initiated calls) --------------------------------------------------
    void command_result(const std::string& station, std::uint64_t connection, const CsmsCall& c,
                        std::string_view outcome, boost::json::value payload = nullptr, std::string code = {},
                        std::string description = {}) {
        env::Envelope r;
        r.kind = env::Kind::CommandResult;
        r.station = station;
        r.gateway = config.gateway_id;
        r.connection = connection;
        r.message_id = c.message_id;
        r.action = c.action;
        r.reply_to = c.reply_to;
        r.trace_id = c.trace_id;
        r.outcome = std::string(outcome);
        r.payload = std::move(payload);
        r.error_code = std::move(code);
        r.error_description = std::move(description);
        r.at_us = env::now_us();
        spdlog::info("station={} messageId={} action={} traceId={} command {}", station, c.message_id, c.action,
                     c.trace_id, outcome);
        if (!broker.publish(std::move(r))) {
            spdlog::warn("station={} messageId={} command result not queued: broker queue full", station,
                         c.message_id);
        }
    }

    void on_command(env::Envelope& e) {
        const auto timeout = std::clamp<std::int64_t>(e.timeout_ms, 1, config.max_command_timeout.count());
        CsmsCall c{e.message_id, e.action, std::move(e.payload), e.reply_to, e.trace_id,
                   Clock::now() + std::chrono::milliseconds(timeout)};
        auto it = stations.find(e.station);
        if (it == stations.end() || it->second->closed) {
            ++commands_offline;
            command_result(e.station, 0, c, env::outcome::kOffline, nullptr, {},
                           "gateway " + config.gateway_id + " does not hold the station");
            return;
        }
        auto& s = it->second;
        if (s->csms_queue.size() >= config.max_queued_commands) {
            ++commands_busy;
            command_result(s->station, s->connection, c, env::outcome::kBusy, nullptr, {},
                           "too many commands already waiting for this station");
            return;
        }
        s->csms_queue.push_back(std::move(c));
        pump_commands(s);
    }

    // Sends the next waiting command when none is outstanding.
    void pump_commands(const std::shared_ptr<Session>& s) {
        while (!s->csms_active && !s->csms_queue.empty() && !s->closed) {
            auto c = std::move(s->csms_queue.front());
            s->csms_queue.pop_front();
            if (c.deadline <= Clock::now()) {
                ++command_timeouts;
                command_result(s->station, s->connection, c, env::outcome::kTimeout, nullptr, {},
                               "the command expired while waiting for the one before it");
                continue;
            }
            ++commands_sent;
            send(s, ocpp::serialize_call(c.message_id, c.action, c.payload));
            s->csms_active = std::move(c);
        }
    }

    // The station answered a CSMS-initiated call.
    void on_answer(const std::shared_ptr<Session>& s, ocpp::Frame& frame) {
        if (!s->csms_active || s->csms_active->message_id != frame.message_id) {
            // Per OCPP-J an answer to no outstanding call is ignored (e.g. it came after the timeout).
            spdlog::info("station={} messageId={} unexpected answer ignored", s->station, frame.message_id);
            return;
        }
        auto c = std::move(*s->csms_active);
        s->csms_active.reset();
        if (frame.type == ocpp::MessageType::CallResult) {
            if (auto err = ocpp::SchemaValidator::instance().validate(s->version, c.action, ocpp::Direction::Response,
                                                                      frame.payload)) {
                command_result(s->station, s->connection, c, env::outcome::kInvalid, std::move(frame.payload),
                               std::string(ocpp::error_code(s->version, err->kind)), err->description);
            } else {
                command_result(s->station, s->connection, c, env::outcome::kResult, std::move(frame.payload));
            }
        } else {
            command_result(s->station, s->connection, c, env::outcome::kError, std::move(frame.error_details),
                           frame.error_code, frame.error_description);
        }
        pump_commands(s);
    }

    // A closed connection answers its commands "offline": the station may reconnect elsewhere and be retried.
    void fail_commands(const std::shared_ptr<Session>& s) {
        if (s->csms_active) {
            ++commands_offline;
            command_result(s->station, s->connection, *s->csms_active, env::outcome::kOffline, nullptr, {},
                           "the station disconnected before answering");
            s->csms_active.reset();
        }
        for (auto& c : s->csms_queue) {
            ++commands_offline;
            command_result(s->station, s->connection, c, env::outcome::kOffline, nullptr, {},
                           "the station disconnected before the command was sent");
        }
        s->csms_queue.clear();
    }

    void expire_commands(const std::shared_ptr<Session>& s, Clock::time_point now) {
        if (s->csms_active && s->csms_active->deadline <= now) {
            ++command_timeouts;
            command_result(s->station, s->connection, *s->csms_active, env::outcome::kTimeout, nullptr, {},
                           "the station did not answer in time");
            s->csms_active.reset();
        }
        pump_commands(s); // also answers queued commands that expired
    }

    // The manager saw the station connect again on another gateway: this connection is stale.
    void on_close(const env::Envelope& e) {
        auto it = stations.find(e.station);
        if (it == stations.end() || (e.connection != 0 && it->second->connection != e.connection)) {
            return; // already gone or already replaced here
        }
        auto s = it->second;
        if (s->closed) {
            return;
        }
        ++closed_by_manager;
        spdlog::info("station={} connection={} closing: {}", s->station, s->connection, e.error_description);
        s->closed = true;
        fail_commands(s);
        asio::co_spawn(ioc, close_replaced(s, "connected again on another gateway"), asio::detached);
    }

    // --- admission (security profiles) ---------------------------------------------------------------------
    // Asks the manager whether `station` may connect with what it offers; the outcome: "accepted",
    // "unauthorized", "below-profile", "blocked" or "unavailable" (no answer in time, broker away).
    asio::awaitable<std::string> admit(const std::string& station, std::string_view authorization,
                                       const std::string& remote) {
        int offered = 0;
        std::optional<std::string> password;
        if (!authorization.empty()) {
            auto creds = parse_basic_authorization(authorization);
            if (!creds || creds->user != station) {
                co_return "unauthorized"; // OCPP: the user name is the station identity
            }
            offered = 1; // ws:// with Basic; TLS (profile 2) and mTLS (3) are not served by this gateway yet
            password = std::move(creds->password);
        }
        const auto now = Clock::now();
        if (auto it = admission_cache.find(station); it != admission_cache.end()) {
            if (it->second.expires > now && it->second.password == password && it->second.offered == offered) {
                co_return it->second.outcome;
            }
        }
        env::Envelope e;
        e.kind = env::Kind::Admit;
        e.station = station;
        e.gateway = config.gateway_id;
        e.message_id = env::new_trace_id();
        e.trace_id = e.message_id;
        e.remote = remote;
        boost::json::object payload{{"profile", offered}};
        if (password) {
            payload["password"] = *password;
        }
        e.payload = std::move(payload);
        e.at_us = env::now_us();
        const auto id = e.message_id;
        auto wait = std::make_shared<AdmissionWait>(ioc);
        admissions[id] = wait;
        if (!broker.connected() || !broker.publish(std::move(e))) {
            admissions.erase(id);
            co_return "unavailable";
        }
        wait->timer.expires_after(config.admission_timeout);
        (void)co_await wait->timer.async_wait(use_tuple);
        admissions.erase(id);
        if (!wait->outcome) {
            co_return "unavailable";
        }
        if (admission_cache.size() >= config.max_connections) {
            admission_cache.clear(); // bounded: a wave of distinct stations cannot grow it without limit
        }
        admission_cache[station] = {password, offered, *wait->outcome, Clock::now() + config.admission_cache_ttl};
        co_return *wait->outcome;
    }

    // --- replies from the manager ------------------------------------------------------------------------
    void deliver(env::Envelope& e) {
        if (e.kind == env::Kind::Admission) {
            if (auto it = admissions.find(e.message_id); it != admissions.end()) {
                it->second->outcome = e.outcome;
                it->second->timer.cancel();
            }
            return;
        }
        if (e.kind == env::Kind::Command) {
            on_command(e);
            return;
        }
        if (e.kind == env::Kind::Close) {
            on_close(e);
            return;
        }
        auto it = stations.find(e.station);
        if (it == stations.end() || it->second->connection != e.connection) {
            ++replies_dropped; // the station went away or reconnected since it sent the call
            return;
        }
        auto& s = it->second;
        if (s->pending.erase(e.message_id) == 0) {
            ++replies_dropped; // answered already (timed out)
            return;
        }
        ++replies_delivered;
        if (e.kind == env::Kind::Result) {
            send(s, ocpp::serialize_call_result(e.message_id, e.payload));
        } else if (e.kind == env::Kind::Error) {
            ++callerrors_sent;
            send(s, ocpp::serialize_call_error(e.message_id, e.error_code, e.error_description));
        }
    }

    // Answers calls the manager did not answer in time, so a station never waits forever.
    asio::awaitable<void> sweep_loop() {
        while (true) {
            sweep_timer.expires_after(std::chrono::milliseconds(250));
            auto [ec] = co_await sweep_timer.async_wait(use_tuple);
            if (ec) {
                co_return;
            }
            const auto now = Clock::now();
            for (auto& [id, s] : stations) {
                expire_commands(s, now);
                for (auto it = s->pending.begin(); it != s->pending.end();) {
                    if (it->second <= now) {
                        ++call_timeouts;
                        spdlog::warn("station={} messageId={} manager did not answer in time", s->station, it->first);
                        send_error(s, it->first, ocpp::ErrorKind::InternalError, "the central system did not answer in time");
                        it = s->pending.erase(it);
                    } else {
                        ++it;
                    }
                }
            }
        }
    }

    // --- frames from the station -------------------------------------------------------------------------
    void on_frame(const std::shared_ptr<Session>& s, std::string_view text) {
        ++frames_in;
        auto parsed = ocpp::parse_frame(text, s->version, {.max_frame_size = config.max_frame_size});
        if (!parsed) {
            const auto& err = parsed.error();
            spdlog::info("station={} bad frame: {}", s->station, err.description);
            send_error(s, err.message_id, err.kind, err.description);
            return;
        }
        auto& frame = *parsed;
        switch (frame.type) {
        case ocpp::MessageType::Call:
        case ocpp::MessageType::Send:
            on_call(s, frame);
            return;
        case ocpp::MessageType::CallResult:
        case ocpp::MessageType::CallError:
        case ocpp::MessageType::CallResultError:
            on_answer(s, frame);
            return;
        }
    }

    void on_call(const std::shared_ptr<Session>& s, ocpp::Frame& frame) {
        if (!s->limiter.allow(Clock::now())) {
            ++calls_rate_limited;
            if (frame.type == ocpp::MessageType::Call) {
                send_error(s, frame.message_id, ocpp::ErrorKind::GenericError,
                           "message rate limit exceeded: slow down and retry");
            }
            return;
        }
        if (auto err = check_call(s->version, frame.action, frame.payload)) {
            spdlog::info("station={} messageId={} action={} refused: {}", s->station, frame.message_id, frame.action,
                         err->description);
            if (frame.type == ocpp::MessageType::Call) {
                send_error(s, frame.message_id, err->kind, err->description);
            }
            return;
        }
        if (s->pending.contains(frame.message_id)) {
            spdlog::info("station={} messageId={} repeated while outstanding, ignored", s->station, frame.message_id);
            return;
        }
        if (s->pending.size() >= config.max_outstanding_calls) {
            send_error(s, frame.message_id, ocpp::ErrorKind::GenericError,
                       "too many outstanding calls: wait for the answers first");
            return;
        }
        env::Envelope e;
        e.kind = env::Kind::Call;
        e.station = s->station;
        e.gateway = config.gateway_id;
        e.connection = s->connection;
        e.protocol = std::string(ocpp::subprotocol(s->version));
        e.message_id = frame.message_id;
        e.action = frame.action;
        e.payload = std::move(frame.payload);
        e.trace_id = env::new_trace_id();
        e.at_us = env::now_us();
        spdlog::debug("station={} messageId={} action={} traceId={} relayed", s->station, e.message_id, e.action,
                      e.trace_id);
        const auto id = e.message_id;
        if (!broker.publish(std::move(e))) {
            send_error(s, id, ocpp::ErrorKind::InternalError, "central system busy, retry later");
            return;
        }
        ++calls_relayed;
        if (frame.type == ocpp::MessageType::Call) {
            s->pending.emplace(id, Clock::now() + config.call_timeout);
        }
    }

    void publish_lifecycle(const Session& s, env::Kind kind, std::string remote, std::string reason) {
        env::Envelope e;
        e.kind = kind;
        e.station = s.station;
        e.gateway = config.gateway_id;
        e.connection = s.connection;
        e.protocol = std::string(ocpp::subprotocol(s.version));
        e.at_us = env::now_us();
        e.remote = std::move(remote);
        e.error_description = std::move(reason);
        e.trace_id = env::new_trace_id();
        if (!broker.publish(std::move(e))) {
            spdlog::warn("station={} {} event not queued: broker queue full", s.station, env::to_string(kind));
        }
    }

    // --- HTTP before the upgrade -------------------------------------------------------------------------
    template <class Body>
    asio::awaitable<void> respond(beast::tcp_stream& stream, const http::request<Body>& req, http::status status,
                                  std::string body, std::string_view content_type = "text/plain",
                                  std::string_view www_authenticate = {}) {
        http::response<http::string_body> res{status, req.version()};
        if (!www_authenticate.empty()) {
            res.set(http::field::www_authenticate, www_authenticate);
        }
        res.set(http::field::server, "recarga-gateway");
        res.set(http::field::content_type, content_type);
        res.keep_alive(false);
        res.body() = std::move(body);
        res.prepare_payload();
        co_await http::async_write(stream, res, use_tuple);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    std::string metrics_text() const {
        std::string m;
        auto add = [&m](std::string_view name, std::string_view type, std::uint64_t v) {
            m += "# TYPE " + std::string(name) + " " + std::string(type) + "\n" + std::string(name) + " " +
                 std::to_string(v) + "\n";
        };
        add("recarga_gateway_connections", "gauge", stations.size());
        add("recarga_gateway_sockets", "gauge", open_sockets);
        add("recarga_gateway_frames_received_total", "counter", frames_in);
        add("recarga_gateway_calls_relayed_total", "counter", calls_relayed);
        add("recarga_gateway_callerrors_sent_total", "counter", callerrors_sent);
        add("recarga_gateway_replies_delivered_total", "counter", replies_delivered);
        add("recarga_gateway_replies_dropped_total", "counter", replies_dropped);
        add("recarga_gateway_call_timeouts_total", "counter", call_timeouts);
        add("recarga_gateway_handshakes_refused_total", "counter", handshakes_refused);
        add("recarga_gateway_commands_sent_total", "counter", commands_sent);
        add("recarga_gateway_command_timeouts_total", "counter", command_timeouts);
        add("recarga_gateway_commands_offline_total", "counter", commands_offline);
        add("recarga_gateway_commands_busy_total", "counter", commands_busy);
        add("recarga_gateway_closed_by_manager_total", "counter", closed_by_manager);
        add("recarga_gateway_calls_rate_limited_total", "counter", calls_rate_limited);
        add("recarga_gateway_broker_connected", "gauge", broker.connected() ? 1 : 0);
        return m;
    }

    asio::awaitable<void> serve(tcp::socket socket) {
        ++open_sockets;
        struct Guard {
            std::size_t& n;
            ~Guard() { --n; }
        } guard{open_sockets};

        std::string remote;
        {
            beast::error_code ec;
            auto ep = socket.remote_endpoint(ec);
            if (!ec) {
                remote = ep.address().to_string() + ":" + std::to_string(ep.port());
            }
        }
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request_parser<http::empty_body> parser;
        parser.header_limit(8192);
        parser.body_limit(0);
        stream.expires_after(config.handshake_timeout);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (ec) {
            co_return; // timed out or garbage before a complete request: just close
        }
        auto req = parser.release();

        if (!websocket::is_upgrade(req)) {
            if (req.method() == http::verb::get && req.target() == "/health") {
                const bool ok = broker.connected();
                co_await respond(stream, req, ok ? http::status::ok : http::status::service_unavailable,
                                 ok ? "{\"status\":\"ok\"}" : "{\"status\":\"broker unavailable\"}",
                                 "application/json");
            } else if (req.method() == http::verb::get && req.target() == "/metrics") {
                co_await respond(stream, req, http::status::ok, metrics_text(), "text/plain; version=0.0.4");
            } else {
                co_await respond(stream, req, http::status::not_found, "not found\n");
            }
            co_return;
        }

        auto station = station_id_from_target(req.target(), config.path_prefix);
        if (!station) {
            ++handshakes_refused;
            spdlog::info("remote={} target={} refused: invalid station id", remote, std::string(req.target()));
            co_await respond(stream, req, http::status::not_found, "unknown path or invalid station id\n");
            co_return;
        }
        auto version = ocpp::negotiate_subprotocol(req[http::field::sec_websocket_protocol], config.accept_v16,
                                                   config.accept_v201, config.accept_v21);
        if (!version) {
            ++handshakes_refused;
            spdlog::info("station={} remote={} refused: no acceptable subprotocol in '{}'", *station, remote,
                         std::string(req[http::field::sec_websocket_protocol]));
            co_await respond(stream, req, http::status::bad_request,
                             "no supported OCPP subprotocol offered (ocpp1.6, ocpp2.0.1, ocpp2.1)\n");
            co_return;
        }
        if (stations.size() >= config.max_connections) {
            ++handshakes_refused;
            co_await respond(stream, req, http::status::service_unavailable, "gateway full\n");
            co_return;
        }
        const auto admission = co_await admit(*station, req[http::field::authorization], remote);
        if (admission != "accepted") {
            ++handshakes_refused;
            spdlog::info("station={} remote={} refused: {}", *station, remote, admission);
            if (admission == "unauthorized") {
                co_await respond(stream, req, http::status::unauthorized, "wrong or missing credentials\n",
                                 "text/plain", "Basic realm=\"recarga\", charset=\"UTF-8\"");
            } else if (admission == "below-profile") {
                co_await respond(stream, req, http::status::forbidden,
                                 "this station must connect with a higher security profile\n");
            } else if (admission == "blocked") {
                co_await respond(stream, req, http::status::too_many_requests,
                                 "too many failed attempts, retry later\n");
            } else {
                co_await respond(stream, req, http::status::service_unavailable,
                                 "central system unavailable, retry later\n");
            }
            co_return;
        }

        stream.expires_never();
        websocket::stream<beast::tcp_stream> ws(std::move(stream));
        ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        const auto proto = std::string(ocpp::subprotocol(*version));
        ws.set_option(websocket::stream_base::decorator([proto](websocket::response_type& res) {
            res.set(http::field::server, "recarga-gateway");
            res.set(http::field::sec_websocket_protocol, proto);
        }));
        // Frames above max_frame_size get a CALLERROR; only absurd ones close the socket (1009).
        ws.read_message_max(config.max_frame_size * 16);
        auto [aec] = co_await ws.async_accept(req, use_tuple);
        if (aec) {
            co_return;
        }

        auto session = std::make_shared<Session>(
            std::move(ws), *station, *version, next_connection++,
            RateLimiter(config.max_messages_per_second, config.message_burst, Clock::now()));
        if (auto it = stations.find(*station); it != stations.end()) {
            // A station that connects again replaces its old connection.
            auto old = it->second;
            old->closed = true;
            spdlog::info("station={} reconnected, closing connection {}", *station, old->connection);
            fail_commands(old);
            asio::co_spawn(ioc, close_replaced(old, "replaced by a newer connection"), asio::detached);
        }
        stations[*station] = session;
        spdlog::info("station={} connection={} protocol={} remote={} connected", *station, session->connection, proto,
                     remote);
        publish_lifecycle(*session, env::Kind::Connected, remote, "");

        beast::flat_buffer frame_buffer;
        std::string reason = "closed";
        while (true) {
            auto [rec, bytes] = co_await session->ws.async_read(frame_buffer, use_tuple);
            if (rec) {
                reason = rec == websocket::error::closed ? "closed by station" : rec.message();
                break;
            }
            if (session->closed) {
                break;
            }
            if (!session->ws.got_text()) {
                send_error(session, "-1", ocpp::ErrorKind::RpcFrameworkError, "OCPP-J frames are text frames");
            } else {
                // flat_buffer is contiguous: parse the frame in place instead of copying it.
                const auto data = frame_buffer.data();
                on_frame(session, std::string_view(static_cast<const char*>(data.data()), data.size()));
            }
            frame_buffer.consume(frame_buffer.size());
        }
        session->closed = true;
        fail_commands(session);
        if (auto it = stations.find(session->station); it != stations.end() && it->second == session) {
            stations.erase(it);
            publish_lifecycle(*session, env::Kind::Disconnected, remote, reason);
            spdlog::info("station={} connection={} disconnected: {}", session->station, session->connection, reason);
        }
    }

    asio::awaitable<void> close_replaced(std::shared_ptr<Session> old, std::string reason) {
        websocket::close_reason cr(websocket::close_code::policy_error, reason);
        auto [ec] = co_await old->ws.async_close(cr, use_tuple);
        (void)ec;
    }

    // --- graceful drain (SIGTERM) ------------------------------------------------------------------------
    bool draining = false;

    void hard_stop() {
        beast::error_code ec;
        acceptor.close(ec);
        sweep_timer.cancel();
        for (auto& [id, s] : stations) {
            s->closed = true;
            beast::get_lowest_layer(s->ws).close();
        }
        ioc.stop();
    }

    // Stops accepting, lets the calls stations are waiting on be answered (up to the call timeout), then
    // closes the sockets with 1001 spread over the drain window, so that stations reconnect elsewhere as a
    // wave rather than a spike. A second stop request stops at once.
    void begin_drain() {
        if (draining) {
            hard_stop();
            return;
        }
        draining = true;
        beast::error_code ec;
        acceptor.close(ec);
        spdlog::info("draining {} stations over {} ms", stations.size(), config.drain_window.count());
        asio::co_spawn(ioc, drain_loop(), asio::detached);
    }

    asio::awaitable<void> drain_loop() {
        asio::steady_timer timer(ioc);
        const auto answered_by = Clock::now() + config.call_timeout;
        auto waiting = [this] {
            return std::any_of(stations.begin(), stations.end(),
                               [](const auto& kv) { return !kv.second->pending.empty(); });
        };
        while (waiting() && Clock::now() < answered_by) {
            timer.expires_after(std::chrono::milliseconds(20));
            (void)co_await timer.async_wait(use_tuple);
        }
        std::vector<std::shared_ptr<Session>> all;
        for (auto& [id, s] : stations) {
            all.push_back(s);
        }
        const auto step = all.empty() ? Clock::duration::zero()
                                      : Clock::duration(config.drain_window) / static_cast<std::int64_t>(all.size());
        for (auto& s : all) {
            if (!s->closed) {
                s->closed = true;
                fail_commands(s);
                asio::co_spawn(ioc, close_going_away(s), asio::detached);
            }
            if (step > Clock::duration::zero()) {
                timer.expires_after(step);
                (void)co_await timer.async_wait(use_tuple);
            }
        }
        // Give the close frames and the disconnected events a moment to leave, then stop.
        timer.expires_after(std::chrono::milliseconds(300));
        (void)co_await timer.async_wait(use_tuple);
        spdlog::info("drained");
        hard_stop();
    }

    asio::awaitable<void> close_going_away(std::shared_ptr<Session> s) {
        websocket::close_reason cr(websocket::close_code::going_away, "gateway shutting down");
        auto [ec] = co_await s->ws.async_close(cr, use_tuple);
        (void)ec;
    }

    asio::awaitable<void> accept_loop() {
        while (true) {
            auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
            if (ec) {
                if (ec == asio::error::operation_aborted) {
                    co_return;
                }
                spdlog::warn("accept failed: {}", ec.message());
                continue;
            }
            socket.set_option(tcp::no_delay(true));
            asio::co_spawn(ioc, serve(std::move(socket)), asio::detached);
        }
    }
};

Server::Server(const Config& config, BrokerLink& broker) : impl_(std::make_unique<Impl>(config, broker)) {}
Server::~Server() = default;

void Server::run() {
    auto& i = *impl_;
    tcp::endpoint ep(asio::ip::make_address(i.config.listen_address), i.config.port);
    i.acceptor.open(ep.protocol());
    i.acceptor.set_option(asio::socket_base::reuse_address(true));
    i.acceptor.bind(ep);
    i.acceptor.listen(asio::socket_base::max_listen_connections);
    i.signals.add(SIGINT);
    i.signals.add(SIGTERM);
    i.signals.async_wait([this](const beast::error_code& ec, int) {
        if (!ec) {
            impl_->begin_drain();
            // A second signal stops at once.
            impl_->signals.async_wait([this](const beast::error_code& ec2, int) {
                if (!ec2) {
                    impl_->hard_stop();
                }
            });
        }
    });
    asio::co_spawn(i.ioc, i.accept_loop(), asio::detached);
    asio::co_spawn(i.ioc, i.sweep_loop(), asio::detached);
    spdlog::info("gateway {} listening on ws://{}:{}{}<stationId>", i.config.gateway_id, i.config.listen_address,
                 i.acceptor.local_endpoint().port(), i.config.path_prefix);
    i.ioc.run();
}

void Server::stop() {
    asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

void Server::deliver(std::vector<env::Envelope> batch) {
    asio::post(impl_->ioc, [this, batch = std::move(batch)]() mutable {
        for (auto& e : batch) {
            impl_->deliver(e);
        }
    });
}

} // namespace recarga::gateway
