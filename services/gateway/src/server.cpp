// All Boost.Beast/Asio code of the gateway lives in this translation unit (each such unit costs 15-30 s
// to compile on two cores). Plain ws:// and TLS wss:// share one session template over the stream type.
//
// Memory per idle connection (DESIGN.md §4, docs/benchmarks.md): the handshake (HTTP parser, request, its
// buffer, the admission wait) runs in a coroutine that ends with the upgrade; a connected station is then only
// its Session (the websocket::stream, a few small fields, containers that allocate nothing while empty) and one
// pending 1-byte read driven by callbacks (no coroutine frame). A message is read into a buffer taken from a
// pool when its first byte arrives and given back once it is handled.
#include "server.hpp"

#include <algorithm>
#include <chrono>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "basic_auth.hpp"
#include "broker_link.hpp"
#include "call_check.hpp"
#include "metrics.hpp"
#include "rate_limit.hpp"
#include "recarga/ocpp/frame.hpp"
#include "recarga/ocpp/validator.hpp"
#include "station_id.hpp"
#include "tls_identity.hpp"

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
    Clock::time_point sent{}; // when it went to the station
};

// A CALL of the station relayed to the manager and not yet answered.
struct PendingCall {
    Clock::time_point deadline;
    Clock::time_point sent;
    std::string action;
};

// Counts an open socket (Server::Impl::open_sockets) for as long as it lives; moves from the handshake
// coroutine into the Session.
class SocketCount {
public:
    explicit SocketCount(std::size_t& n) : n_(&n) { ++*n_; }
    SocketCount(SocketCount&& o) noexcept : n_(std::exchange(o.n_, nullptr)) {}
    SocketCount& operator=(SocketCount&&) = delete;
    ~SocketCount() {
        if (n_ != nullptr) {
            --*n_;
        }
    }

private:
    std::size_t* n_;
};

// The TCP socket under a connection's stream.
inline tcp::socket& raw_socket(tcp::socket& s) {
    return s;
}
inline tcp::socket& raw_socket(beast::tcp_stream& s) {
    return s.socket();
}

// One station's WebSocket. Lives on the io thread; the registry holds it while it is the station's
// current connection. The transport (ws:// or wss://) is behind the three virtual functions.
// Kept small: it is most of what an idle connection costs. The containers are ones that allocate nothing
// while empty (std::list, not std::deque, whose empty instance already holds a 512-byte block).
struct Session : std::enable_shared_from_this<Session> {
    Session(std::string id, ocpp::Version v, int p, std::uint64_t n, RateLimiter rl, std::string from, SocketCount sc)
        : station(std::move(id)), version(v), profile(p), connection(n), remote(std::move(from)),
          socket_count(std::move(sc)), limiter(rl) {}
    virtual ~Session() = default;
    virtual asio::awaitable<beast::error_code> write_text(const std::string& text) = 0;
    virtual asio::awaitable<void> close(websocket::close_code code, std::string reason) = 0;
    virtual void abort() noexcept = 0; // closes the socket at once

    std::string station;
    ocpp::Version version;
    int profile; // the security profile it connected with
    std::uint64_t connection;
    std::string remote; // the station's address, for its Disconnected event
    SocketCount socket_count;
    std::list<std::string> outbox; // bounded by Config::max_outbox_frames
    bool writing = false;
    bool closed = false;
    char first_byte = 0; // the idle read's target: a message's first byte
    // CALLs relayed to the manager and not yet answered, by message id.
    std::unordered_map<std::string, PendingCall> pending;
    // CSMS-initiated calls: at most one outstanding (OCPP-J), the others wait in order (bounded).
    std::unique_ptr<CsmsCall> csms_active;
    std::list<CsmsCall> csms_queue;
    RateLimiter limiter; // the station's CALLs per second
};

// permessage-deflate is never offered by the gateway: compiled out (a smaller stream).
template <class Stream> using WsStream = websocket::stream<Stream, false>;

template <class Stream> struct SessionOn final : Session {
    SessionOn(WsStream<Stream> s, std::string id, ocpp::Version v, int p, std::uint64_t n, RateLimiter rl,
              std::string from, SocketCount sc)
        : Session(std::move(id), v, p, n, rl, std::move(from), std::move(sc)), ws(std::move(s)) {}

    asio::awaitable<beast::error_code> write_text(const std::string& text) override {
        ws.text(true);
        auto [ec, n] = co_await ws.async_write(asio::buffer(text), use_tuple);
        co_return ec;
    }
    asio::awaitable<void> close(websocket::close_code code, std::string reason) override {
        websocket::close_reason cr(code, reason);
        auto [ec] = co_await ws.async_close(cr, use_tuple);
        (void)ec;
    }
    void abort() noexcept override {
        beast::error_code ec;
        raw_socket(beast::get_lowest_layer(ws)).close(ec);
    }

    WsStream<Stream> ws;
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
    std::string certificate; // sha256 of the client certificate (profile 3)
    std::string outcome;
    Clock::time_point expires;
};

struct Server::Impl {
    Impl(const Config& c, BrokerLink& b)
        : config(c), broker(b), acceptor(ioc), tls_acceptor(ioc), sweep_timer(ioc), signals(ioc) {}

    const Config& config;
    BrokerLink& broker;
    asio::io_context ioc{1};
    tcp::acceptor acceptor;
    tcp::acceptor tls_acceptor; // wss:// (profiles 2 and 3), open when Config::tls_port is set
    std::unique_ptr<asio::ssl::context> tls_context;
    asio::steady_timer sweep_timer;
    asio::signal_set signals;
    std::unordered_map<std::string, std::shared_ptr<Session>> stations;
    std::unordered_map<std::string, std::shared_ptr<AdmissionWait>> admissions; // by request id
    std::unordered_map<std::string, CachedAdmission> admission_cache;          // by station
    std::uint64_t next_connection = 1;
    std::size_t open_sockets = 0;
    // Counters for /metrics (io thread only).
    using Counters = std::map<std::string, std::uint64_t, std::less<>>;
    std::uint64_t calls_relayed = 0, callerrors_sent = 0, replies_delivered = 0, replies_dropped = 0,
                  call_timeouts = 0, commands_sent = 0, command_timeouts = 0, commands_offline = 0,
                  commands_busy = 0, closed_by_manager = 0, calls_rate_limited = 0, slow_stations_closed = 0;
    Counters refused;    // handshakes refused, by reason
    Counters frames_in;  // by label set action,type
    Counters frames_out; // by label set action,type
    Histogram station_call_latency; // a station's CALL to the manager's answer
    Histogram command_latency;      // a CSMS-initiated CALL to the station's answer

    static std::string frame_labels(std::string_view action, std::string_view type) {
        return "action=\"" + escape_label(action.empty() ? "unknown" : action) + "\",type=\"" + std::string(type) +
               "\"";
    }
    void refuse(std::string_view reason) { ++refused[std::string(reason)]; }

    // --- writing -----------------------------------------------------------------------------------------
    // Queues a frame for the station; `action` and `type` label it in /metrics.
    void send(const std::shared_ptr<Session>& s, std::string frame, std::string_view action, std::string_view type) {
        if (s->closed) {
            return;
        }
        if (s->outbox.size() >= config.max_outbox_frames) {
            // A station that does not read its socket: close it rather than hold its frames without bound.
            ++slow_stations_closed;
            spdlog::warn("station={} connection={} not reading, {} frames waiting: closing", s->station,
                         s->connection, s->outbox.size());
            s->closed = true;
            fail_commands(s);
            asio::co_spawn(ioc, close_session(s, websocket::close_code::try_again_later, "outgoing queue full"),
                           asio::detached);
            return;
        }
        ++frames_out[frame_labels(action, type)];
        s->outbox.push_back(std::move(frame));
        if (!s->writing) {
            s->writing = true;
            asio::co_spawn(ioc, write_loop(s), asio::detached);
        }
    }

    asio::awaitable<void> write_loop(std::shared_ptr<Session> s) {
        while (!s->outbox.empty() && !s->closed) {
            auto ec = co_await s->write_text(s->outbox.front());
            s->outbox.pop_front();
            if (ec) {
                s->closed = true;
                break;
            }
        }
        s->writing = false;
    }

    static asio::awaitable<void> close_session(std::shared_ptr<Session> s, websocket::close_code code,
                                               std::string reason) {
        co_await s->close(code, std::move(reason));
    }

    void send_error(const std::shared_ptr<Session>& s, std::string_view id, ocpp::ErrorKind kind,
                    std::string_view description, std::string_view action = {}) {
        ++callerrors_sent;
        send(s, ocpp::serialize_call_error(s->version, id, {kind, std::string(description)}), action, "error");
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
            // Active before the send: a send that closes the station answers it "offline".
            c.sent = Clock::now();
            auto frame = ocpp::serialize_call(c.message_id, c.action, c.payload);
            s->csms_active = std::make_unique<CsmsCall>(std::move(c));
            send(s, std::move(frame), s->csms_active->action, "call");
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
        command_latency.observe(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - c.sent));
        ++frames_in[frame_labels(c.action, frame.type == ocpp::MessageType::CallResult ? "result" : "error")];
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
        asio::co_spawn(ioc, close_session(s, websocket::close_code::policy_error, "connected again on another gateway"),
                       asio::detached);
    }

    // --- admission (security profiles) ---------------------------------------------------------------------
    // The profile a station offers: 3 with a verified client certificate, 2 with Basic over TLS, 1 with Basic
    // over ws://, 0 without credentials.
    static int offered_profile(bool tls, bool has_certificate, bool has_authorization) {
        if (has_certificate) {
            return 3;
        }
        if (!has_authorization) {
            return 0;
        }
        return tls ? 2 : 1;
    }

    // Asks the manager whether `station` may connect with what it offers; the outcome: "accepted",
    // "unauthorized", "below-profile", "blocked", "certificate-mismatch" or "unavailable" (no answer in time,
    // broker away).
    asio::awaitable<std::string> admit(const std::string& station, std::string_view authorization,
                                       const std::string& remote, int offered,
                                       const std::optional<PeerCertificate>& certificate) {
        std::optional<std::string> password;
        if (!authorization.empty() && offered != 3) {
            auto creds = parse_basic_authorization(authorization);
            if (!creds || creds->user != station) {
                co_return "unauthorized"; // OCPP: the user name is the station identity
            }
            password = std::move(creds->password);
        }
        const std::string fingerprint = certificate ? certificate->sha256 : std::string();
        const auto now = Clock::now();
        if (auto it = admission_cache.find(station); it != admission_cache.end()) {
            const auto& c = it->second;
            if (c.expires > now && c.password == password && c.offered == offered && c.certificate == fingerprint) {
                co_return c.outcome;
            }
        }
        env::Envelope e;
        e.kind = env::Kind::Admit;
        e.station = station;
        e.gateway = config.gateway_id;
        e.message_id = env::new_trace_id();
        e.trace_id = e.message_id;
        e.remote = remote;
        boost::json::object payload{{"profile", offered}, {"minimumProfile", config.min_security_profile}};
        if (password) {
            payload["password"] = *password;
        }
        if (certificate) {
            boost::json::array names;
            for (const auto& n : certificate->names) {
                names.emplace_back(n);
            }
            payload["certificate"] = boost::json::object{{"names", std::move(names)}, {"sha256", fingerprint}};
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
        admission_cache[station] = {password, offered, fingerprint, *wait->outcome,
                                    Clock::now() + config.admission_cache_ttl};
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
        auto call = s->pending.find(e.message_id);
        if (call == s->pending.end()) {
            ++replies_dropped; // answered already (timed out)
            return;
        }
        const auto action = std::move(call->second.action);
        station_call_latency.observe(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - call->second.sent));
        s->pending.erase(call);
        release_if_empty(s->pending);
        ++replies_delivered;
        if (e.kind == env::Kind::Result) {
            send(s, ocpp::serialize_call_result(e.message_id, e.payload), action, "result");
        } else if (e.kind == env::Kind::Error) {
            ++callerrors_sent;
            send(s, ocpp::serialize_call_error(e.message_id, e.error_code, e.error_description), action, "error");
        }
    }

    // An empty unordered_map still holds its bucket array once it has had an element: give it back, an idle
    // station has no calls outstanding.
    static void release_if_empty(std::unordered_map<std::string, PendingCall>& m) {
        if (m.empty() && m.bucket_count() > 1) {
            std::unordered_map<std::string, PendingCall>().swap(m);
        }
    }

    // Answers calls the manager did not answer in time, so a station never waits forever.
    std::uint64_t sweeps = 0;
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
                    if (it->second.deadline <= now) {
                        ++call_timeouts;
                        spdlog::warn("station={} messageId={} manager did not answer in time", s->station, it->first);
                        send_error(s, it->first, ocpp::ErrorKind::InternalError,
                                   "the central system did not answer in time", it->second.action);
                        it = s->pending.erase(it);
                    } else {
                        ++it;
                    }
                }
                release_if_empty(s->pending);
            }
            if (++sweeps % 20 == 0) { // every 5 s: answers past their time are of no use, drop them
                std::erase_if(admission_cache, [now](const auto& kv) { return kv.second.expires <= now; });
            }
        }
    }

    // --- frames from the station -------------------------------------------------------------------------
    void on_frame(const std::shared_ptr<Session>& s, std::string_view text) {
        auto parsed = ocpp::parse_frame(text, s->version, {.max_frame_size = config.max_frame_size});
        if (!parsed) {
            ++frames_in[frame_labels("unknown", "invalid")];
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
        ++frames_in[frame_labels(frame.action, frame.type == ocpp::MessageType::Call ? "call" : "send")];
        if (!s->limiter.allow(Clock::now())) {
            ++calls_rate_limited;
            if (frame.type == ocpp::MessageType::Call) {
                send_error(s, frame.message_id, ocpp::ErrorKind::GenericError,
                           "message rate limit exceeded: slow down and retry", frame.action);
            }
            return;
        }
        if (auto err = check_call(s->version, frame.action, frame.payload)) {
            spdlog::info("station={} messageId={} action={} refused: {}", s->station, frame.message_id, frame.action,
                         err->description);
            if (frame.type == ocpp::MessageType::Call) {
                send_error(s, frame.message_id, err->kind, err->description, frame.action);
            }
            return;
        }
        if (s->pending.contains(frame.message_id)) {
            spdlog::info("station={} messageId={} repeated while outstanding, ignored", s->station, frame.message_id);
            return;
        }
        if (s->pending.size() >= config.max_outstanding_calls) {
            send_error(s, frame.message_id, ocpp::ErrorKind::GenericError,
                       "too many outstanding calls: wait for the answers first", frame.action);
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
            send_error(s, id, ocpp::ErrorKind::InternalError, "central system busy, retry later", frame.action);
            return;
        }
        ++calls_relayed;
        if (frame.type == ocpp::MessageType::Call) {
            const auto now = Clock::now();
            s->pending.emplace(id, PendingCall{now + config.call_timeout, now, frame.action});
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
    template <class Stream, class Body>
    asio::awaitable<void> respond(Stream& stream, const http::request<Body>& req, http::status status,
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
        beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    std::string metrics_text() {
        std::string m;
        auto add = [&m](std::string_view name, std::string_view type, std::string_view help, std::uint64_t v) {
            metric_header(m, name, type, help);
            metric_sample(m, name, {}, v);
        };
        // Connections by OCPP version and security profile.
        std::map<std::pair<std::string_view, int>, std::uint64_t> by_version;
        for (const auto& [id, s] : stations) {
            ++by_version[{ocpp::subprotocol(s->version), s->profile}];
        }
        metric_header(m, "recarga_gateway_connections", "gauge", "Stations connected, by OCPP version and security profile");
        for (const auto& [key, n] : by_version) {
            metric_sample(m, "recarga_gateway_connections",
                          "version=\"" + std::string(key.first) + "\",profile=\"" + std::to_string(key.second) + "\"", n);
        }
        add("recarga_gateway_sockets", "gauge", "Open TCP sockets, including handshakes in progress", open_sockets);
        metric_counter_family(m, "recarga_gateway_handshakes_refused_total", "Handshakes refused, by reason", "reason",
                              refused);
        metric_header(m, "recarga_gateway_frames_received_total", "counter", "Frames from stations, by action and type");
        for (const auto& [labels, n] : frames_in) {
            metric_sample(m, "recarga_gateway_frames_received_total", labels, n);
        }
        metric_header(m, "recarga_gateway_frames_sent_total", "counter", "Frames to stations, by action and type");
        for (const auto& [labels, n] : frames_out) {
            metric_sample(m, "recarga_gateway_frames_sent_total", labels, n);
        }
        metric_header(m, "recarga_gateway_call_duration_seconds", "histogram",
                      "From a CALL to its answer: station-to-csms (answered by the manager) and csms-to-station");
        station_call_latency.render(m, "recarga_gateway_call_duration_seconds", "direction=\"station-to-csms\"");
        command_latency.render(m, "recarga_gateway_call_duration_seconds", "direction=\"csms-to-station\"");
        metric_header(m, "recarga_gateway_broker_publish_lag_seconds", "histogram",
                      "From an envelope's creation to the end of its publish to RabbitMQ");
        broker.publish_lag.render(m, "recarga_gateway_broker_publish_lag_seconds", {});
        add("recarga_gateway_broker_queue", "gauge", "Envelopes waiting for the broker", broker.queued());
        add("recarga_gateway_broker_connected", "gauge", "1 while both broker connections are up",
            broker.connected() ? 1 : 0);
        const std::pair<const char*, std::uint64_t> counters[] = {
            {"calls_relayed_total Station CALLs published to the manager", calls_relayed},
            {"callerrors_sent_total CALLERRORs sent to stations", callerrors_sent},
            {"replies_delivered_total Manager answers written to stations", replies_delivered},
            {"replies_dropped_total Manager answers whose station had gone", replies_dropped},
            {"call_timeouts_total Station CALLs the manager did not answer in time", call_timeouts},
            {"commands_sent_total CSMS-initiated CALLs sent", commands_sent},
            {"command_timeouts_total CSMS-initiated CALLs not answered in time", command_timeouts},
            {"commands_offline_total Commands for stations not (or no longer) here", commands_offline},
            {"commands_busy_total Commands refused: the station's queue was full", commands_busy},
            {"closed_by_manager_total Connections closed: the station connected elsewhere", closed_by_manager},
            {"calls_rate_limited_total Station CALLs over the message rate", calls_rate_limited},
            {"slow_stations_closed_total Stations closed: outgoing queue full", slow_stations_closed},
        };
        for (const auto& [name_and_help, value] : counters) {
            const std::string_view text(name_and_help);
            const auto space = text.find(' ');
            add("recarga_gateway_" + std::string(text.substr(0, space)), "counter", text.substr(space + 1), value);
        }
        return m;
    }

    static std::string remote_of(const tcp::socket& socket) {
        beast::error_code ec;
        auto ep = socket.remote_endpoint(ec);
        return ec ? std::string() : ep.address().to_string() + ":" + std::to_string(ep.port());
    }

    asio::awaitable<void> serve_plain(tcp::socket socket) {
        SocketCount count(open_sockets);
        auto remote = remote_of(socket);
        co_await serve(beast::tcp_stream(std::move(socket)), std::move(remote), false, std::nullopt, std::move(count));
    }

    // wss://: the TLS handshake (within the handshake timeout), then the same upgrade as ws://. A client
    // certificate that does not verify against the operator's CA (untrusted, expired) fails the handshake.
    asio::awaitable<void> serve_tls(tcp::socket socket) {
        SocketCount count(open_sockets);
        auto remote = remote_of(socket);
        beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls_context);
        beast::get_lowest_layer(stream).expires_after(config.handshake_timeout);
        auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
        if (ec) {
            refuse("tls");
            spdlog::info("remote={} refused: TLS handshake failed: {}", remote, ec.message());
            co_return;
        }
        auto certificate = verified_peer_certificate(stream.native_handle());
        co_await serve(std::move(stream), std::move(remote), true, std::move(certificate), std::move(count));
    }

    // The layer under a connected station's websocket::stream: ws:// keeps the bare socket (the tcp_stream's
    // timers served the handshake only; the websocket::stream has its own), wss:// the TLS stream.
    static tcp::socket ws_layer(beast::tcp_stream&& s) { return s.release_socket(); }
    static beast::ssl_stream<beast::tcp_stream> ws_layer(beast::ssl_stream<beast::tcp_stream>&& s) {
        return std::move(s);
    }

    // The handshake of one connection: HTTP request, admission, upgrade. It ends once the station is
    // connected, freeing its state; the connection then lives on in the Session and its read callbacks.
    template <class Stream>
    asio::awaitable<void> serve(Stream stream, std::string remote, bool tls, std::optional<PeerCertificate> certificate,
                                SocketCount count) {
        beast::flat_buffer buffer;
        http::request_parser<http::empty_body> parser;
        parser.header_limit(8192);
        parser.body_limit(0);
        beast::get_lowest_layer(stream).expires_after(config.handshake_timeout);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (ec) {
            if (ec == beast::error::timeout) {
                refuse("timeout");
            }
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
            refuse("invalid-station-id");
            spdlog::info("remote={} target={} refused: invalid station id", remote, std::string(req.target()));
            co_await respond(stream, req, http::status::not_found, "unknown path or invalid station id\n");
            co_return;
        }
        auto version = ocpp::negotiate_subprotocol(req[http::field::sec_websocket_protocol], config.accept_v16,
                                                   config.accept_v201, config.accept_v21);
        if (!version) {
            refuse("subprotocol");
            spdlog::info("station={} remote={} refused: no acceptable subprotocol in '{}'", *station, remote,
                         std::string(req[http::field::sec_websocket_protocol]));
            co_await respond(stream, req, http::status::bad_request,
                             "no supported OCPP subprotocol offered (ocpp1.6, ocpp2.0.1, ocpp2.1)\n");
            co_return;
        }
        if (stations.size() >= config.max_connections) {
            refuse("gateway-full");
            co_await respond(stream, req, http::status::service_unavailable, "gateway full\n");
            co_return;
        }
        const auto authorization = req[http::field::authorization];
        const int offered = offered_profile(tls, certificate.has_value(), !authorization.empty());
        const auto admission = co_await admit(*station, authorization, remote, offered, certificate);
        if (admission != "accepted") {
            refuse(admission);
            spdlog::info("station={} remote={} offered profile {} refused: {}", *station, remote, offered, admission);
            if (admission == "unauthorized") {
                co_await respond(stream, req, http::status::unauthorized, "wrong or missing credentials\n",
                                 "text/plain", "Basic realm=\"recarga\", charset=\"UTF-8\"");
            } else if (admission == "below-profile") {
                co_await respond(stream, req, http::status::forbidden,
                                 "this station must connect with a higher security profile\n");
            } else if (admission == "certificate-mismatch") {
                co_await respond(stream, req, http::status::forbidden,
                                 "the client certificate was not issued for this station\n");
            } else if (admission == "blocked") {
                co_await respond(stream, req, http::status::too_many_requests,
                                 "too many failed attempts, retry later\n");
            } else {
                co_await respond(stream, req, http::status::service_unavailable,
                                 "central system unavailable, retry later\n");
            }
            co_return;
        }

        beast::get_lowest_layer(stream).expires_never();
        using Next = decltype(ws_layer(std::move(stream)));
        WsStream<Next> ws(ws_layer(std::move(stream)));
        if (config.idle_timeout.count() > 0) {
            // A silent station is pinged at half the idle timeout and closed when nothing came back by its end.
            websocket::stream_base::timeout t{};
            t.handshake_timeout = config.handshake_timeout;
            t.idle_timeout = config.idle_timeout;
            t.keep_alive_pings = true;
            ws.set_option(t);
        } else {
            ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        }
        // A string_view of a literal: the decorator stays inside the stream, no allocation for each connection.
        const std::string_view proto = ocpp::subprotocol(*version);
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

        auto typed = std::make_shared<SessionOn<Next>>(
            std::move(ws), *station, *version, offered, next_connection++,
            RateLimiter(config.max_messages_per_second, config.message_burst, Clock::now()), std::move(remote),
            std::move(count));
        std::shared_ptr<Session> session = typed;
        if (auto it = stations.find(*station); it != stations.end()) {
            // A station that connects again replaces its old connection.
            auto old = it->second;
            old->closed = true;
            spdlog::info("station={} reconnected, closing connection {}", *station, old->connection);
            fail_commands(old);
            asio::co_spawn(ioc, close_session(old, websocket::close_code::policy_error, "replaced by a newer connection"),
                           asio::detached);
        }
        stations[*station] = session;
        spdlog::info("station={} connection={} protocol={} profile={} remote={} connected", *station,
                     session->connection, proto, offered, session->remote);
        publish_lifecycle(*session, env::Kind::Connected, session->remote, "");

        read_idle(std::move(typed));
    }

    // --- reading a connected station ---------------------------------------------------------------------
    // Idle, a connection waits for one byte of its next message: no buffer of its own and no coroutine frame.
    // Beast answers pings, keeps the idle timeout and handles the close handshake inside that read.
    template <class Next> void read_idle(std::shared_ptr<SessionOn<Next>> s) {
        auto& ws = s->ws;
        auto target = asio::buffer(&s->first_byte, 1);
        ws.async_read_some(target, [this, s = std::move(s)](beast::error_code ec, std::size_t n) mutable {
            if (ec || s->closed) {
                return read_ended(*s, ec);
            }
            auto buffer = take_buffer();
            buffer->commit(asio::buffer_copy(buffer->prepare(n), asio::buffer(&s->first_byte, n)));
            if (s->ws.is_message_done()) {
                return message_read(std::move(s), std::move(buffer));
            }
            auto& into = *buffer;
            auto& ws2 = s->ws;
            ws2.async_read(
                into, [this, s = std::move(s), buffer = std::move(buffer)](beast::error_code ec2, std::size_t) mutable {
                    if (ec2 || s->closed) {
                        give_back(std::move(buffer));
                        return read_ended(*s, ec2);
                    }
                    message_read(std::move(s), std::move(buffer));
                });
        });
    }

    template <class Next>
    void message_read(std::shared_ptr<SessionOn<Next>> s, std::unique_ptr<beast::flat_buffer> buffer) {
        std::shared_ptr<Session> session = s;
        if (!s->ws.got_text()) {
            send_error(session, "-1", ocpp::ErrorKind::RpcFrameworkError, "OCPP-J frames are text frames");
        } else {
            // flat_buffer is contiguous: parse the frame in place instead of copying it.
            const auto data = buffer->data();
            on_frame(session, std::string_view(static_cast<const char*>(data.data()), data.size()));
        }
        give_back(std::move(buffer));
        // Also when the frame closed the session (outgoing queue full): the read then ends with the close
        // handshake, and the next read after a message that still arrives sees `closed`.
        read_idle(std::move(s));
    }

    void read_ended(Session& s, beast::error_code ec) {
        const std::string reason = !ec ? "closed" : ec == websocket::error::closed ? "closed by station" : ec.message();
        auto session = s.shared_from_this();
        session->closed = true;
        fail_commands(session);
        if (auto it = stations.find(session->station); it != stations.end() && it->second == session) {
            stations.erase(it);
            publish_lifecycle(*session, env::Kind::Disconnected, session->remote, reason);
            spdlog::info("station={} connection={} disconnected: {}", session->station, session->connection, reason);
        }
    }

    // Message buffers, shared by all connections: one is in use per message being read (io thread only).
    std::vector<std::unique_ptr<beast::flat_buffer>> spare_buffers;
    static constexpr std::size_t kSpareBuffers = 64;
    static constexpr std::size_t kSpareBufferCapacity = 64 * 1024;

    std::unique_ptr<beast::flat_buffer> take_buffer() {
        if (spare_buffers.empty()) {
            return std::make_unique<beast::flat_buffer>();
        }
        auto b = std::move(spare_buffers.back());
        spare_buffers.pop_back();
        return b;
    }

    void give_back(std::unique_ptr<beast::flat_buffer> b) {
        if (spare_buffers.size() >= kSpareBuffers) {
            return;
        }
        b->consume(b->size());
        if (b->capacity() > kSpareBufferCapacity) {
            b->shrink_to_fit(); // a rare large message does not keep its memory
        }
        spare_buffers.push_back(std::move(b));
    }

    // --- graceful drain (SIGTERM) ------------------------------------------------------------------------
    bool draining = false;

    void hard_stop() {
        beast::error_code ec;
        acceptor.close(ec);
        tls_acceptor.close(ec);
        sweep_timer.cancel();
        for (auto& [id, s] : stations) {
            s->closed = true;
            s->abort();
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
        tls_acceptor.close(ec);
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
                asio::co_spawn(ioc, close_session(s, websocket::close_code::going_away, "gateway shutting down"),
                               asio::detached);
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

    asio::awaitable<void> accept_loop(tcp::acceptor& from, bool tls) {
        while (true) {
            auto [ec, socket] = co_await from.async_accept(use_tuple);
            if (ec) {
                if (ec == asio::error::operation_aborted) {
                    co_return;
                }
                spdlog::warn("accept failed: {}", ec.message());
                continue;
            }
            if (open_sockets >= config.max_connections + kHandshakeHeadroom) {
                refuse("gateway-full"); // sockets still in their handshake count too: bounded memory
                continue;              // the socket closes as it goes out of scope
            }
            socket.set_option(tcp::no_delay(true));
            if (tls) {
                asio::co_spawn(ioc, serve_tls(std::move(socket)), asio::detached);
            } else {
                asio::co_spawn(ioc, serve_plain(std::move(socket)), asio::detached);
            }
        }
    }

    static constexpr std::size_t kHandshakeHeadroom = 1024;

    // TLS 1.2 and 1.3 only; client certificates are asked for (and verified against the operator's CA) when a
    // CA file is configured, but not required: profile 2 stations send none.
    void setup_tls() {
        tls_context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
        auto& ctx = *tls_context;
        ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression |
                        asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1);
        SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
        ctx.use_certificate_chain_file(config.tls_cert_file);
        ctx.use_private_key_file(config.tls_key_file, asio::ssl::context::pem);
        if (!config.tls_client_ca_file.empty()) {
            ctx.load_verify_file(config.tls_client_ca_file);
            SSL_CTX_set_client_CA_list(ctx.native_handle(), SSL_load_client_CA_file(config.tls_client_ca_file.c_str()));
            ctx.set_verify_mode(asio::ssl::verify_peer);
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
    if (i.config.tls_port != 0) {
        i.setup_tls();
        tcp::endpoint tls_ep(asio::ip::make_address(i.config.listen_address), i.config.tls_port);
        i.tls_acceptor.open(tls_ep.protocol());
        i.tls_acceptor.set_option(asio::socket_base::reuse_address(true));
        i.tls_acceptor.bind(tls_ep);
        i.tls_acceptor.listen(asio::socket_base::max_listen_connections);
        asio::co_spawn(i.ioc, i.accept_loop(i.tls_acceptor, true), asio::detached);
        spdlog::info("gateway {} listening on wss://{}:{}{}<stationId> (client certificates: {})", i.config.gateway_id,
                     i.config.listen_address, i.tls_acceptor.local_endpoint().port(), i.config.path_prefix,
                     i.config.tls_client_ca_file.empty() ? "not asked" : i.config.tls_client_ca_file);
    }
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
    asio::co_spawn(i.ioc, i.accept_loop(i.acceptor, false), asio::detached);
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
