// Simulated stations over Boost.Beast WebSockets with C++20 coroutines (see engine.hpp for the threading
// contract). This is the only translation unit of the simulator that includes Beast.
#include "engine.hpp"

#include "dialect.hpp"
#include "recarga/ocpp/frame.hpp"
#include "recarga/ocpp/validator.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/url/parse.hpp>
#include <csignal>
#include <deque>
#include <filesystem>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <openssl/evp.h>
#include <optional>
#include <random>
#include <spdlog/spdlog.h>
#include <thread>

namespace recarga::sim {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using asio::awaitable;

constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
// permessage-deflate compiled out: OCPP frames are small and it costs memory per connection.
using PlainWs = websocket::stream<tcp::socket, false>;
// TLS keeps Beast's tcp_stream underneath so that the TLS handshake has a deadline.
using TlsWs = websocket::stream<asio::ssl::stream<beast::tcp_stream>, false>;

// The WebSocket of one connection: plain (ws://) or TLS (wss://). visit() hands the live stream to a
// generic lambda; both branches must return the same type (for async operations: the same awaitable).
class WsConn {
public:
    explicit operator bool() const { return plain_.has_value() || tls_.has_value(); }
    void reset() {
        plain_.reset();
        tls_.reset();
    }
    PlainWs& emplace_plain(tcp::socket&& s) {
        tls_.reset();
        return plain_.emplace(std::move(s));
    }
    TlsWs& emplace_tls(beast::tcp_stream&& s, asio::ssl::context& ctx) {
        plain_.reset();
        return tls_.emplace(std::move(s), ctx);
    }
    template <class F> decltype(auto) visit(F&& f) { return plain_ ? f(*plain_) : f(*tls_); }
    // Closes the TCP socket at once: every pending operation completes with an error.
    void close_socket() {
        if (plain_) {
            beast::error_code ec;
            plain_->next_layer().close(ec);
        }
        if (tls_) {
            beast::get_lowest_layer(*tls_).close();
        }
    }

private:
    std::optional<PlainWs> plain_;
    std::optional<TlsWs> tls_;
};

constexpr SteadyClock::time_point kNever = SteadyClock::time_point::max();

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now().time_since_epoch()).count();
}

std::uint64_t micros_since(SteadyClock::time_point t0) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - t0).count());
}

std::string base64(std::string_view in) {
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

struct Target {
    bool tls = false; // wss://
    std::string name; // host name, for TLS SNI and certificate verification
    std::string host; // Host header
    std::string path; // without the trailing slash; the station id is appended
    std::vector<tcp::endpoint> endpoints;
};

// `urls`: one base URL, or several separated by commas (same scheme and path, e.g. two gateways): their
// addresses are the station's failover list (see Station::connect).
Target resolve_target(const std::string& urls) {
    const auto comma = urls.find(',');
    const std::string url = urls.substr(0, comma);
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) {
        throw std::runtime_error("invalid --url: " + url);
    }
    Target t;
    const std::string host(parsed->host());
    t.tls = parsed->scheme() == "wss";
    t.name = host;
    const std::string port = parsed->has_port() ? std::string(parsed->port()) : (t.tls ? "443" : "80");
    t.host = parsed->has_port() ? host + ":" + port : host;
    t.path = std::string(parsed->encoded_path());
    while (!t.path.empty() && t.path.back() == '/') {
        t.path.pop_back();
    }
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    for (const auto& entry : resolver.resolve(host, port)) {
        if (entry.endpoint().address().is_v4()) {
            t.endpoints.push_back(entry.endpoint());
        }
    }
    if (t.endpoints.empty()) {
        throw std::runtime_error("--url host has no IPv4 address: " + host);
    }
    if (comma != std::string::npos) {
        auto rest = resolve_target(urls.substr(comma + 1));
        if (rest.tls != t.tls) {
            throw std::runtime_error("--url: all URLs need the same scheme");
        }
        t.endpoints.insert(t.endpoints.end(), rest.endpoints.begin(), rest.endpoints.end());
    }
    return t;
}

// Read-only for the stations once the run has started, apart from the atomics in `live`.
struct Shared {
    const Options& options;
    Target target;
    std::vector<asio::ip::address> source_ips;
    LiveCounters live;
    std::int64_t start_ns = 0;
    std::optional<asio::ssl::context> tls; // wss://: shared by every station (OpenSSL contexts are thread-safe)
};

asio::ssl::context make_tls_context(const Options& o) {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                    asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    if (o.tls_insecure) {
        ctx.set_verify_mode(asio::ssl::verify_none);
    } else {
        ctx.set_verify_mode(asio::ssl::verify_peer);
        if (o.ca_file.empty()) {
            ctx.set_default_verify_paths();
        } else {
            ctx.load_verify_file(o.ca_file);
        }
    }
    if (!o.client_cert.empty()) {
        // Security profile 3: the same client certificate for every station of this process.
        ctx.use_certificate_chain_file(o.client_cert);
        ctx.use_private_key_file(o.client_key.empty() ? o.client_cert : o.client_key, asio::ssl::context::pem);
    }
    return ctx;
}

enum class Outcome { Ok, CallError, Timeout, Aborted, Refused };

struct CallResult {
    Outcome outcome = Outcome::Aborted;
    json::object payload;   // Ok
    std::string error_code; // CallError
    bool ok() const { return outcome == Outcome::Ok; }
    static CallResult make(Outcome o) {
        CallResult r;
        r.outcome = o;
        return r;
    }
};
CallResult aborted() {
    return CallResult::make(Outcome::Aborted);
}

// Spacing of a repeated call (see LoadMode).
struct Pacer {
    LoadMode mode = LoadMode::Natural;
    SteadyClock::duration period{};      // open loop
    SteadyClock::time_point next_due{};  // open loop
    SteadyClock::time_point scheduled{}; // open loop: the slot of the call pace() just released
    SteadyClock::time_point last_send{}; // natural

    std::optional<SteadyClock::time_point> slot() const {
        return mode == LoadMode::Open ? std::optional(scheduled) : std::nullopt;
    }
};

class Worker;

struct Connector {
    Connector(int id, asio::any_io_executor ex, std::uint64_t seed)
        : id(id), meter(0.0, seed), session_timer(ex, kNever), idle_timer(ex, kNever) {}
    int id;
    MeterModel meter;
    asio::steady_timer session_timer; // run_session() only (a remote stop cancels it)
    asio::steady_timer idle_timer;    // charging_loop() only
    std::optional<TxContext> tx;
    bool tx_started = false; // the CSMS acknowledged the start
    bool session_running = false;
    bool stop_requested = false;
    StopReason stop_reason = StopReason::Local;
    SteadyClock::time_point session_end{};
    SteadyClock::time_point last_sample{};
    Pacer pacer;
    std::optional<CurrentLimit> limit; // what the charging profiles allow now (nullopt: nothing limits)
};

// One simulated station. Lives on its worker's thread only (see engine.hpp).
class Station {
public:
    Station(Worker& worker, std::size_t index);

    awaitable<void> run();
    void shutdown();

private:
    // Connection.
    awaitable<bool> connect();
    awaitable<void> read_loop();
    void on_frame(std::string_view text);
    void on_call(ocpp::Frame& frame);
    void send_text(std::string text);
    awaitable<void> write_loop();
    void close_socket();
    awaitable<void> close_gracefully();

    // Tasks bound to the current connection; run() waits for all of them before reconnecting.
    void spawn_task(awaitable<void> task, const char* what);
    awaitable<void> drained();

    // RPC: one outstanding CALL from this station at a time (OCPP-J).
    // `scheduled`: open loop, when the schedule wanted the call sent.
    awaitable<CallResult> call(OutCall c, std::optional<SteadyClock::time_point> scheduled = std::nullopt);

    bool alive() const { return connected_ && !stopping_ && !exhausted_; }
    awaitable<bool> sleep_until(asio::steady_timer& timer, SteadyClock::time_point until,
                                const bool* interrupt = nullptr);
    awaitable<bool> sleep_for(asio::steady_timer& timer, SteadyClock::duration d) {
        return sleep_until(timer, SteadyClock::now() + d);
    }
    awaitable<bool> pace(Pacer& p, SteadyClock::duration natural, asio::steady_timer& timer,
                         const bool* interrupt = nullptr);
    Pacer make_pacer(std::size_t sequences);
    void wake_all();     // the connection is gone or the run stops
    void wake_waiters(); // every waiting coroutine except the outstanding CALL

    // Scenarios.
    awaitable<void> scenario();
    awaitable<bool> boot();
    awaitable<bool> send_status(const Connector& c, ConnectorState s);
    awaitable<void> heartbeat_loop(bool as_load);
    awaitable<void> charging_loop(Connector& c);
    awaitable<void> run_session(Connector& c, bool remote, std::string token, std::optional<int> remote_start_id);
    awaitable<void> triggered(std::string action, int connector);
    awaitable<void> reset_sequence();
    void apply(const Effect& e);
    // Security profile 3 with --cert-dir: this station's own certificate and key on its TLS session.
    bool use_station_certificate(SSL* ssl) const {
        const std::string base = opt_.cert_dir + "/" + identity_.id;
        const std::string key = std::filesystem::exists(base + ".key") ? base + ".key" : base + ".pem";
        return SSL_use_certificate_chain_file(ssl, (base + ".pem").c_str()) == 1 &&
               SSL_use_PrivateKey_file(ssl, key.c_str(), SSL_FILETYPE_PEM) == 1;
    }
    void mark_recovered() {
        if (down_) {
            down_ = false;
            shared_.live.down.fetch_sub(1, std::memory_order_relaxed);
            shared_.live.recoveries.fetch_add(1, std::memory_order_relaxed);
            atomic_extreme(shared_.live.last_recovery_ns, steady_ns());
        }
    }
    StationView view();
    // Charging profiles: the limit in force applied to the connector's meter (advanced to now first); true when it
    // changed. limit_changed() reports the new draw of a running transaction at once.
    bool refresh_limit(Connector& c);
    awaitable<void> limit_changed(Connector& c, MeterReading reading, Clock::time_point at);
    Connector* connector(int id);

    Worker& worker_;
    Shared& shared_;
    const Options& opt_;
    Stats& stats_;
    std::size_t index_;
    std::size_t endpoint_shift_ = 0; // failover: moves to the next address after a failed or lost connection
    std::minstd_rand rng_;
    StationIdentity identity_;
    std::string id_token_; // --id-token, with {id} replaced by the station's id
    const Dialect& dialect_;
    ocpp::Version version_;
    asio::any_io_executor ex_;
    std::string target_path_;
    std::string auth_header_;

    WsConn ws_;
    bool connected_ = false;
    bool stopping_ = false;
    bool exhausted_ = false; // --calls reached
    bool closing_ = false;   // we sent a close frame
    bool reset_requested_ = false;
    bool ever_booted_ = false;
    bool down_ = false; // lost its connection and not accepted again yet
    std::size_t tasks_ = 0;

    std::deque<std::string> write_queue_;
    bool writing_ = false;

    struct Pending {
        std::string id;
        std::string action;
        SteadyClock::time_point sent;
        bool done = false;
        CallResult result;
    };
    std::optional<Pending> pending_;
    bool call_busy_ = false;
    std::uint64_t next_message_id_ = 1;

    int heartbeat_interval_s_ = 60;
    int meter_interval_s_;
    Backoff backoff_;

    asio::steady_timer run_timer_;   // start delay and reconnect backoff
    asio::steady_timer drain_timer_; // run() waiting for the connection's tasks
    asio::steady_timer reply_timer_; // the outstanding CALL's answer or timeout
    asio::steady_timer slot_timer_;  // callers waiting for the CALL slot
    asio::steady_timer hb_timer_;    // heartbeat loop
    asio::steady_timer boot_timer_;  // BootNotification retries
    std::vector<std::unique_ptr<Connector>> connectors_;
    ChargingProfiles profiles_;
};

// One event-loop thread and the stations it runs.
class Worker {
public:
    Worker(Shared& shared, unsigned number) : shared(shared), number(number) {}

    Shared& shared;
    unsigned number;
    asio::io_context ioc{1};
    Stats stats;
    // Destroyed before ioc (declared after it): sockets must not outlive their io_context.
    std::vector<std::unique_ptr<Station>> stations;
    std::atomic<bool> finished{false};

    void shutdown_all() {
        for (auto& s : stations) {
            s->shutdown();
        }
    }
};

Station::Station(Worker& worker, std::size_t index)
    : worker_(worker), shared_(worker.shared), opt_(worker.shared.options), stats_(worker.stats), index_(index),
      rng_(make_rng(opt_.seed * 0x9E3779B97F4A7C15ull + index)),
      dialect_(dialect_for(opt_.protocols[index % opt_.protocols.size()])), version_(dialect_.version()),
      ex_(worker.ioc.get_executor()), meter_interval_s_(opt_.meter_interval_s),
      backoff_(opt_.backoff, opt_.seed + index), run_timer_(ex_, kNever), drain_timer_(ex_, kNever),
      reply_timer_(ex_, kNever), slot_timer_(ex_, kNever), hb_timer_(ex_, kNever), boot_timer_(ex_, kNever) {
    const std::size_t number = opt_.first_index + index;
    identity_.id = fmt::format("{}{:04}", opt_.id_prefix, number);
    identity_.serial = identity_.id.substr(0, 25);
    id_token_ = opt_.id_token;
    if (const auto at = id_token_.find("{id}"); at != std::string::npos) {
        id_token_.replace(at, 4, identity_.id);
    }
    target_path_ = shared_.target.path + "/" + identity_.id;
    if (!opt_.password.empty()) {
        auth_header_ = "Basic " + base64(identity_.id + ":" + opt_.password);
    }
    for (int i = 1; i <= opt_.connectors; ++i) {
        connectors_.push_back(std::make_unique<Connector>(i, ex_, opt_.seed + index * 31 + static_cast<unsigned>(i)));
        // A meter that has already counted some energy, so registers differ between stations.
        connectors_.back()->meter = MeterModel(static_cast<double>(rng_() % 5'000'000), rng_());
    }
}

// --- connection ------------------------------------------------------------------------------------------

awaitable<void> Station::run() {
    if (opt_.connect_rate > 0) {
        const auto delay = std::chrono::duration<double>(static_cast<double>(index_) / opt_.connect_rate);
        run_timer_.expires_after(std::chrono::duration_cast<SteadyClock::duration>(delay));
        co_await run_timer_.async_wait(use_nothrow);
    }
    while (!stopping_) {
        if (!co_await connect()) {
            if (!opt_.reconnect || stopping_) {
                break;
            }
            run_timer_.expires_after(backoff_.next());
            co_await run_timer_.async_wait(use_nothrow);
            continue;
        }
        if (stopping_) {
            // The stop came while the handshake was in flight.
            co_await ws_.visit([](auto& ws) { return ws.async_close(websocket::close_code::normal, use_nothrow); });
            ws_.reset();
            break;
        }
        connected_ = true;
        closing_ = false;
        shared_.live.connected.fetch_add(1, std::memory_order_relaxed);
        spawn_task(read_loop(), "read loop");
        spawn_task(scenario(), "scenario");
        co_await drained();
        ws_.reset();
        write_queue_.clear();
        if (!reset_requested_) {
            ++endpoint_shift_; // a lost connection: the next attempt goes to the next address
        }
        if (stopping_ || !opt_.reconnect) {
            break;
        }
        if (exhausted_) {
            // --calls reached and the CSMS closed the socket: wait for the stop.
            run_timer_.expires_at(kNever);
            co_await run_timer_.async_wait(use_nothrow);
            break;
        }
        const auto delay = reset_requested_ ? std::chrono::milliseconds(0) : backoff_.next();
        run_timer_.expires_after(delay);
        co_await run_timer_.async_wait(use_nothrow);
    }
}

awaitable<bool> Station::connect() {
    ++stats_.connect_attempts;
    const auto t0 = SteadyClock::now();
    auto fail = [&](const char* stage, const beast::error_code& ec) {
        ++stats_.connect_failures[stage];
        ++endpoint_shift_;
        shared_.live.connect_failures.fetch_add(1, std::memory_order_relaxed);
        spdlog::debug("station={} connect failed stage={} error={}", identity_.id, stage, ec.message());
        return false;
    };
    const auto& endpoints = shared_.target.endpoints;
    const auto endpoint = endpoints[(index_ + endpoint_shift_) % endpoints.size()];
    beast::tcp_stream tcp(ex_);
    beast::error_code ec;
    tcp.socket().open(endpoint.protocol(), ec);
    if (ec) {
        co_return fail("socket", ec);
    }
    if (!shared_.source_ips.empty()) {
        tcp.socket().bind(tcp::endpoint(shared_.source_ips[index_ % shared_.source_ips.size()], 0), ec);
        if (ec) {
            co_return fail("bind", ec);
        }
    }
    tcp.expires_after(opt_.handshake_timeout);
    std::tie(ec) = co_await tcp.async_connect(endpoint, use_nothrow);
    if (ec) {
        co_return fail(ec == beast::error::timeout ? "timeout" : "tcp", ec);
    }
    stats_.connect_us.record(micros_since(t0));
    tcp.socket().set_option(tcp::no_delay(true), ec);
    if (shared_.target.tls) {
        auto& ws = ws_.emplace_tls(std::move(tcp), *shared_.tls);
        auto& tls = ws.next_layer();
        if (!SSL_set_tlsext_host_name(tls.native_handle(), shared_.target.name.c_str())) {
            ws_.reset();
            co_return fail("tls", ec);
        }
        if (!opt_.tls_insecure) {
            tls.set_verify_callback(asio::ssl::host_name_verification(shared_.target.name));
        }
        if (!opt_.cert_dir.empty() && !use_station_certificate(tls.native_handle())) {
            ws_.reset();
            co_return fail("certificate", ec);
        }
        std::tie(ec) = co_await tls.async_handshake(asio::ssl::stream_base::client, use_nothrow);
        if (ec) {
            ws_.reset();
            co_return fail(ec == beast::error::timeout ? "timeout" : "tls", ec);
        }
        beast::get_lowest_layer(ws).expires_never();
    } else {
        tcp.expires_never();
        ws_.emplace_plain(tcp.release_socket());
    }

    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::max<SteadyClock::duration>(opt_.handshake_timeout - (SteadyClock::now() - t0),
                                                                 std::chrono::milliseconds(100));
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
    const std::string protocol(ocpp::subprotocol(version_));
    ws_.visit([&](auto& ws) {
        ws.set_option(timeouts);
        ws.set_option(websocket::stream_base::decorator([this, protocol](websocket::request_type& req) {
            req.set(http::field::sec_websocket_protocol, protocol);
            req.set(http::field::user_agent, "recarga-sim/0.1");
            if (!auth_header_.empty()) {
                req.set(http::field::authorization, auth_header_);
            }
        }));
        ws.read_message_max(ocpp::kDefaultMaxFrameSize * 4);
        // A client masks what it sends, through a write buffer that Beast keeps for the life of the stream
        // (4 KiB by default). OCPP frames are small: 1 KiB saves ~3 KiB per station; larger ones go in pieces.
        ws.write_buffer_bytes(1024);
        ws.text(true);
    });
    websocket::response_type response;
    std::tie(ec) = co_await ws_.visit(
        [&](auto& ws) { return ws.async_handshake(response, shared_.target.host, target_path_, use_nothrow); });
    if (ec) {
        ws_.reset();
        co_return fail(ec == beast::error::timeout ? "timeout" : "handshake", ec);
    }
    if (response[http::field::sec_websocket_protocol] != protocol) {
        ws_.reset();
        co_return fail("subprotocol", ec);
    }
    stats_.handshake_us.record(micros_since(t0));
    ++stats_.connects;
    co_return true;
}

awaitable<void> Station::read_loop() {
    beast::flat_buffer buffer;
    for (;;) {
        auto [ec, n] = co_await ws_.visit([&](auto& ws) { return ws.async_read(buffer, use_nothrow); });
        if (ec) {
            if (!closing_ && !stopping_) {
                ++stats_.disconnects;
                spdlog::debug("station={} connection lost: {}", identity_.id, ec.message());
                if (!down_) {
                    down_ = true;
                    shared_.live.down.fetch_add(1, std::memory_order_relaxed);
                    atomic_extreme(shared_.live.first_drop_ns, steady_ns(), true);
                }
            }
            break;
        }
        const auto data = buffer.cdata();
        on_frame(std::string_view(static_cast<const char*>(data.data()), data.size()));
        buffer.consume(buffer.size());
    }
    connected_ = false;
    shared_.live.connected.fetch_sub(1, std::memory_order_relaxed);
    close_socket();
    wake_all();
}

awaitable<void> Station::close_gracefully() {
    // Beast bounds the close handshake by the stream's handshake timeout.
    auto [ec] = co_await ws_.visit([](auto& ws) { return ws.async_close(websocket::close_code::normal, use_nothrow); });
    if (ec) {
        close_socket();
    }
}

void Station::close_socket() {
    ws_.close_socket();
}

void Station::on_frame(std::string_view text) {
    spdlog::trace("station={} <- {}", identity_.id, text);
    auto parsed = ocpp::parse_frame(text, version_);
    if (!parsed) {
        ++stats_.bad_frames;
        const auto& err = parsed.error();
        spdlog::debug("station={} bad frame from CSMS: {}", identity_.id, err.description);
        // Answer only what looks like a CALL; a CALLERROR for a broken CALLRESULT would confuse the CSMS.
        const auto first = text.find_first_not_of(" \t\r\n[");
        if (err.message_id != "-1" && first != std::string_view::npos && text[first] == '2') {
            send_text(ocpp::serialize_call_error(version_, err.message_id, ocpp::RpcError{err.kind, err.description}));
        }
        return;
    }
    auto& frame = *parsed;
    switch (frame.type) {
    case ocpp::MessageType::CallResult:
    case ocpp::MessageType::CallError:
    case ocpp::MessageType::CallResultError:
        if (pending_ && !pending_->done && pending_->id == frame.message_id) {
            pending_->done = true;
            if (frame.type == ocpp::MessageType::CallResult) {
                pending_->result.outcome = Outcome::Ok;
                pending_->result.payload = std::move(frame.payload.as_object());
            } else {
                pending_->result.outcome = Outcome::CallError;
                pending_->result.error_code = std::move(frame.error_code);
            }
            reply_timer_.cancel();
        } else {
            ++stats_.unmatched_results;
        }
        break;
    case ocpp::MessageType::Call:
        on_call(frame);
        break;
    case ocpp::MessageType::Send:
        count_bounded(stats_.incoming, frame.action);
        break;
    }
}

void Station::on_call(ocpp::Frame& frame) {
    count_bounded(stats_.incoming, frame.action);
    if (opt_.validate) {
        if (auto err = ocpp::SchemaValidator::instance().validate(version_, frame.action, ocpp::Direction::Request,
                                                                  frame.payload)) {
            // Unknown actions come back as NotImplemented, schema violations with the version's own code.
            if (err->kind != ocpp::ErrorKind::NotImplemented) {
                ++stats_.incoming_invalid;
            }
            ++stats_.incoming_errors[std::string(ocpp::error_code(version_, err->kind))];
            send_text(ocpp::serialize_call_error(version_, frame.message_id, *err));
            return;
        }
    }
    auto reply = dialect_.answer(frame.action, frame.payload.as_object(), view());
    if (reply.error) {
        ++stats_.incoming_errors[std::string(ocpp::error_code(version_, reply.error->kind))];
        send_text(ocpp::serialize_call_error(version_, frame.message_id, *reply.error));
        return;
    }
    send_text(ocpp::serialize_call_result(frame.message_id, reply.result));
    for (const auto& e : reply.effects) {
        apply(e);
    }
}

void Station::send_text(std::string text) {
    if (!ws_ || !connected_) {
        return;
    }
    spdlog::trace("station={} -> {}", identity_.id, text);
    write_queue_.push_back(std::move(text));
    if (!writing_) {
        writing_ = true;
        spawn_task(write_loop(), "write loop");
    }
}

awaitable<void> Station::write_loop() {
    while (!write_queue_.empty() && ws_ && connected_) {
        auto [ec, n] = co_await ws_.visit(
            [&](auto& ws) { return ws.async_write(asio::buffer(write_queue_.front()), use_nothrow); });
        if (ec) {
            write_queue_.clear();
            close_socket();
            break;
        }
        write_queue_.pop_front();
    }
    writing_ = false;
}

void Station::spawn_task(awaitable<void> task, const char* what) {
    ++tasks_;
    asio::co_spawn(
        ex_,
        [](Station* self, awaitable<void> t, const char* name) -> awaitable<void> {
            try {
                co_await std::move(t);
            } catch (const std::exception& e) {
                spdlog::error("station={} {} failed: {}", self->identity_.id, name, e.what());
                self->close_socket();
            }
            if (--self->tasks_ == 0) {
                self->drain_timer_.cancel();
            }
        }(this, std::move(task), what),
        asio::detached);
}

awaitable<void> Station::drained() {
    while (tasks_ > 0) {
        co_await drain_timer_.async_wait(use_nothrow);
    }
}

void Station::wake_all() {
    reply_timer_.cancel();
    wake_waiters();
}

void Station::wake_waiters() {
    slot_timer_.cancel();
    hb_timer_.cancel();
    boot_timer_.cancel();
    for (auto& c : connectors_) {
        c->session_timer.cancel();
        c->idle_timer.cancel();
    }
}

void Station::shutdown() {
    if (stopping_) {
        return;
    }
    stopping_ = true;
    run_timer_.cancel();
    wake_all();
    if (ws_ && connected_ && !closing_) {
        closing_ = true;
        spawn_task(close_gracefully(), "close");
    }
}

// --- RPC -------------------------------------------------------------------------------------------------

awaitable<CallResult> Station::call(OutCall c, std::optional<SteadyClock::time_point> scheduled) {
    while (call_busy_ && alive()) {
        co_await slot_timer_.async_wait(use_nothrow);
    }
    if (!alive()) {
        co_return aborted();
    }
    if (opt_.max_calls && shared_.live.calls_sent.fetch_add(1, std::memory_order_relaxed) >= *opt_.max_calls) {
        exhausted_ = true;
        wake_waiters(); // not the outstanding call, if any: its answer still counts
        co_return CallResult::make(Outcome::Refused);
    }
    if (!opt_.max_calls) {
        shared_.live.calls_sent.fetch_add(1, std::memory_order_relaxed);
    }
    call_busy_ = true;
    auto& st = stats_.action(c.action);
    ++st.sent;
    pending_.emplace();
    pending_->id = std::to_string(next_message_id_++);
    pending_->action = c.action;
    pending_->sent = SteadyClock::now();
    send_text(ocpp::serialize_call(pending_->id, c.action, c.payload));
    reply_timer_.expires_at(pending_->sent + opt_.call_timeout);
    co_await reply_timer_.async_wait(use_nothrow);

    CallResult result;
    if (pending_->done) {
        result = std::move(pending_->result);
        st.latency_us.record(micros_since(pending_->sent));
        if (scheduled) {
            st.schedule_latency_us.record(micros_since(std::min(*scheduled, pending_->sent)));
        }
        if (result.outcome == Outcome::Ok) {
            ++st.ok;
            if (opt_.validate) {
                if (auto err = ocpp::SchemaValidator::instance().validate(version_, c.action, ocpp::Direction::Response,
                                                                          result.payload)) {
                    ++st.invalid;
                    if (st.first_invalid.empty()) {
                        st.first_invalid = err->description;
                    }
                    spdlog::debug("station={} {} answer breaks its schema: {}", identity_.id, c.action,
                                  err->description);
                }
            }
        } else {
            ++st.errors;
            count_bounded(st.error_codes, result.error_code);
            shared_.live.call_errors.fetch_add(1, std::memory_order_relaxed);
        }
    } else if (connected_ && SteadyClock::now() >= pending_->sent + opt_.call_timeout) {
        result.outcome = Outcome::Timeout;
        ++st.timeouts;
        shared_.live.timeouts.fetch_add(1, std::memory_order_relaxed);
        spdlog::debug("station={} {} timed out", identity_.id, c.action);
    } else {
        result.outcome = Outcome::Aborted;
        ++st.aborted;
    }
    shared_.live.calls_done.fetch_add(1, std::memory_order_relaxed);
    pending_.reset();
    call_busy_ = false;
    slot_timer_.cancel_one();
    co_return result;
}

awaitable<bool> Station::sleep_until(asio::steady_timer& timer, SteadyClock::time_point until, const bool* interrupt) {
    for (;;) {
        if (!alive()) {
            co_return false;
        }
        if ((interrupt && *interrupt) || SteadyClock::now() >= until) {
            co_return true;
        }
        timer.expires_at(until);
        co_await timer.async_wait(use_nothrow);
    }
}

Pacer Station::make_pacer(std::size_t sequences) {
    Pacer p;
    p.mode = opt_.mode;
    p.period = SteadyClock::duration::zero();
    if (p.mode == LoadMode::Open) {
        // Each of the stations' `sequences` gets an equal share of the total rate, with a random phase so
        // that the stations do not fire together.
        const double per_second = opt_.rate / static_cast<double>(opt_.stations * sequences);
        p.period = std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(1.0 / per_second));
        std::uniform_real_distribution<double> phase(0.0, 1.0);
        p.next_due = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(
                                              std::chrono::duration<double>(phase(rng_) / per_second));
    }
    return p;
}

awaitable<bool> Station::pace(Pacer& p, SteadyClock::duration natural, asio::steady_timer& timer,
                              const bool* interrupt) {
    switch (p.mode) {
    case LoadMode::Natural: {
        const bool ok = co_await sleep_until(timer, p.last_send + natural, interrupt);
        p.last_send = SteadyClock::now();
        co_return ok;
    }
    case LoadMode::Closed:
        if (opt_.think_time.count() > 0) {
            co_return co_await sleep_until(timer, SteadyClock::now() + opt_.think_time, interrupt);
        }
        co_return alive();
    case LoadMode::Open: {
        if (!co_await sleep_until(timer, p.next_due, interrupt)) {
            co_return false;
        }
        if (interrupt && *interrupt) {
            co_return true;
        }
        const auto now = SteadyClock::now();
        if (now > p.next_due + std::chrono::milliseconds(1)) {
            ++stats_.late_sends;
        }
        p.scheduled = p.next_due;
        p.next_due += p.period;
        if (p.next_due < now - p.period) {
            p.next_due = now; // far behind (the previous call was slow): do not burst to catch up
        }
        co_return true;
    }
    }
    co_return false;
}

// --- scenarios -------------------------------------------------------------------------------------------

awaitable<void> Station::scenario() {
    const bool first_connection = !ever_booted_;
    if (first_connection || opt_.boot_on_reconnect || reset_requested_) {
        if (!co_await boot()) {
            co_return;
        }
        reset_requested_ = false;
    } else {
        backoff_.reset();
        mark_recovered();
    }
    for (const auto& c : connectors_) {
        const auto state = c->tx ? ConnectorState::Charging : ConnectorState::Available;
        if (!co_await send_status(*c, state)) {
            co_return;
        }
    }
    switch (opt_.scenario) {
    case Scenario::Heartbeat:
        co_await heartbeat_loop(true);
        break;
    case Scenario::Boot:
    case Scenario::BootStorm:
        co_await heartbeat_loop(false);
        break;
    case Scenario::Charging:
    case Scenario::MeterFlood:
        spawn_task(heartbeat_loop(false), "heartbeat");
        for (auto& c : connectors_) {
            spawn_task(charging_loop(*c), "charging");
        }
        break;
    }
}

awaitable<bool> Station::boot() {
    for (;;) {
        auto r = co_await call(dialect_.boot_notification(identity_));
        if (r.outcome == Outcome::Aborted || r.outcome == Outcome::Refused) {
            co_return false;
        }
        std::chrono::seconds retry{10};
        if (r.ok()) {
            const auto answer = dialect_.read_boot(r.payload);
            if (answer.status == BootStatus::Accepted) {
                ++stats_.boots_accepted;
                heartbeat_interval_s_ = opt_.heartbeat_interval_s ? *opt_.heartbeat_interval_s
                                                                  : (answer.interval_s > 0 ? answer.interval_s : 60);
                backoff_.reset();
                mark_recovered();
                if (!ever_booted_) {
                    ever_booted_ = true;
                    shared_.live.booted.fetch_add(1, std::memory_order_relaxed);
                    const auto now = steady_ns();
                    auto last = shared_.live.last_boot_ns.load(std::memory_order_relaxed);
                    while (last < now &&
                           !shared_.live.last_boot_ns.compare_exchange_weak(last, now, std::memory_order_relaxed)) {
                    }
                }
                co_return true;
            }
            if (answer.status == BootStatus::Pending) {
                ++stats_.boots_pending;
            } else {
                ++stats_.boots_rejected;
            }
            if (answer.interval_s > 0) {
                retry = std::chrono::seconds(answer.interval_s);
            }
        }
        if (!co_await sleep_for(boot_timer_, retry)) {
            co_return false;
        }
    }
}

awaitable<bool> Station::send_status(const Connector& c, ConnectorState s) {
    const int evse = c.id;
    const int connector_id = version_ == ocpp::Version::v16 ? c.id : 1;
    auto r = co_await call(dialect_.status_notification(evse, connector_id, s, Clock::now()));
    co_return r.outcome != Outcome::Aborted&& r.outcome != Outcome::Refused;
}

awaitable<void> Station::heartbeat_loop(bool as_load) {
    Pacer p = as_load ? make_pacer(1) : Pacer{};
    p.last_send = SteadyClock::now();
    for (;;) {
        const auto natural = std::chrono::seconds(std::max(heartbeat_interval_s_, 1));
        if (!co_await pace(p, natural, hb_timer_)) {
            co_return;
        }
        auto r = co_await call(dialect_.heartbeat(), p.slot());
        if (r.outcome == Outcome::Aborted || r.outcome == Outcome::Refused) {
            co_return;
        }
    }
}

awaitable<void> Station::charging_loop(Connector& c) {
    const bool flood = opt_.scenario == Scenario::MeterFlood;
    std::uniform_real_distribution<double> spread(0.5, 1.5);
    // Spread the first sessions over the idle time so that the fleet does not start in step.
    double idle = c.tx || flood ? 0.0 : opt_.idle_s * spread(rng_) * 0.5;
    for (;;) {
        if (idle > 0 && !co_await sleep_for(c.idle_timer, std::chrono::duration_cast<SteadyClock::duration>(
                                                              std::chrono::duration<double>(idle)))) {
            co_return;
        }
        if (!alive()) {
            co_return;
        }
        if (!c.session_running) {
            co_await run_session(c, c.tx && c.tx->remote, c.tx ? c.tx->id_token : id_token_,
                                 c.tx ? c.tx->remote_start_id : std::nullopt);
        } else {
            // A remote-started session runs on its own task; wait for it.
            co_await sleep_for(c.idle_timer, std::chrono::seconds(1));
            continue;
        }
        idle = opt_.idle_s * spread(rng_);
        if (idle <= 0) {
            idle = 0.001;
        }
    }
}

awaitable<void> Station::run_session(Connector& c, bool remote, std::string token, std::optional<int> remote_start_id) {
    if (c.session_running) {
        co_return;
    }
    c.session_running = true;
    struct Guard {
        Connector& c;
        ~Guard() { c.session_running = false; }
    } guard{c};
    const bool flood = opt_.scenario == Scenario::MeterFlood;

    if (!c.tx) {
        if (!remote) {
            auto a = co_await call(dialect_.authorize(token));
            if (!a.ok() || !dialect_.read_authorize(a.payload)) {
                co_return;
            }
        }
        TxContext tx;
        tx.evse_id = c.id;
        tx.connector_id = version_ == ocpp::Version::v16 ? c.id : 1;
        tx.id_token = token;
        tx.remote = remote;
        tx.remote_start_id = remote_start_id;
        if (version_ != ocpp::Version::v16) {
            tx.transaction_id = fmt::format("{:08x}{:08x}{:04x}", static_cast<std::uint32_t>(rng_()),
                                            static_cast<std::uint32_t>(rng_()), index_ & 0xffff);
        }
        VehicleProfile vehicle;
        std::uniform_real_distribution<double> soc(10.0, 60.0);
        std::uniform_int_distribution<int> kind(0, 2);
        vehicle.initial_soc = soc(rng_);
        vehicle.battery_kwh = std::array{40.0, 60.0, 82.0}[static_cast<std::size_t>(kind(rng_))];
        vehicle.max_power_w = std::array{7400.0, 11000.0, 22000.0}[static_cast<std::size_t>(kind(rng_))];
        c.meter.begin_session(vehicle);
        tx.started_at = Clock::now();
        c.tx = std::move(tx);
        c.tx_started = false;
        c.stop_requested = false;
        c.session_end = flood ? kNever
                              : SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(
                                                         std::chrono::duration<double>(opt_.session_s));
        c.last_sample = SteadyClock::now();
    }
    if (!c.tx_started) {
        auto r = co_await call(dialect_.transaction_started(*c.tx, c.meter.reading(), Clock::now()));
        if (r.outcome == Outcome::Aborted || r.outcome == Outcome::Refused) {
            co_return; // resumed on the next connection
        }
        if (!r.ok()) {
            c.tx.reset(); // the CSMS refused the start with a CALLERROR or did not answer in time
            c.meter.end_session();
            co_return;
        }
        c.tx_started = true;
        ++stats_.sessions_started;
        if (!dialect_.read_transaction_started(r.payload, *c.tx)) {
            c.stop_requested = true;
            c.stop_reason = StopReason::Other;
        }
        if (!co_await send_status(c, ConnectorState::Charging)) {
            co_return;
        }
        c.pacer = make_pacer(connectors_.size());
        c.pacer.last_send = SteadyClock::now();
    }
    refresh_limit(c); // a TxDefault profile holds from the start; a TxProfile may follow
    while (!c.stop_requested && SteadyClock::now() < c.session_end) {
        const auto natural = std::chrono::seconds(std::max(meter_interval_s_, 1));
        if (!co_await pace(c.pacer, natural, c.session_timer, &c.stop_requested)) {
            co_return;
        }
        if (c.stop_requested) {
            break;
        }
        if (c.pacer.mode == LoadMode::Natural && SteadyClock::now() >= c.session_end) {
            break;
        }
        refresh_limit(c); // advances the meter; a schedule's next period may have begun
        auto r = co_await call(dialect_.transaction_meter(*c.tx, c.meter.reading(), Clock::now()), c.pacer.slot());
        if (r.outcome == Outcome::Aborted || r.outcome == Outcome::Refused) {
            co_return;
        }
    }
    const auto now = SteadyClock::now();
    c.meter.advance(std::chrono::duration<double>(now - c.last_sample).count());
    c.last_sample = now;
    const auto reason = c.stop_requested ? c.stop_reason : StopReason::EVDisconnected;
    auto r = co_await call(dialect_.transaction_ended(*c.tx, c.meter.reading(), reason, Clock::now()));
    if (r.outcome == Outcome::Aborted || r.outcome == Outcome::Refused) {
        co_return; // the stop is sent again on the next connection
    }
    c.tx.reset();
    c.tx_started = false;
    c.stop_requested = false;
    c.meter.end_session();
    profiles_.transaction_ended(c.id);
    c.limit.reset();
    c.meter.set_limit(std::nullopt);
    ++stats_.sessions_completed;
    co_await send_status(c, ConnectorState::Available);
}

awaitable<void> Station::triggered(std::string action, int connector_id) {
    if (action == "BootNotification") {
        co_await call(dialect_.boot_notification(identity_));
    } else if (action == "Heartbeat") {
        co_await call(dialect_.heartbeat());
    } else if (action == "StatusNotification") {
        for (const auto& c : connectors_) {
            if (connector_id == 0 || c->id == connector_id) {
                co_await send_status(*c, c->tx ? ConnectorState::Charging : ConnectorState::Available);
            }
        }
    } else if (action == "MeterValues" || action == "TransactionEvent") {
        for (const auto& c : connectors_) {
            if (connector_id != 0 && c->id != connector_id) {
                continue;
            }
            const bool in_tx = c->tx && c->tx_started;
            // 1.6 MeterValues of a transaction carry its id; 2.x transaction meter values go in TransactionEvent.
            if (in_tx && (action == "TransactionEvent" || version_ == ocpp::Version::v16)) {
                co_await call(dialect_.transaction_meter(*c->tx, c->meter.reading(), Clock::now()));
            } else if (action == "MeterValues") {
                const int connector = version_ == ocpp::Version::v16 ? c->id : 1;
                co_await call(dialect_.meter_values(c->id, connector, c->meter.reading(), Clock::now()));
            }
        }
    }
}

awaitable<void> Station::reset_sequence() {
    // End the transactions (reason Reboot), give them a moment, then drop the connection and boot again.
    for (auto& c : connectors_) {
        if (c->tx && c->tx_started) {
            c->stop_requested = true;
            c->stop_reason = StopReason::Reboot;
            c->session_timer.cancel();
        }
    }
    asio::steady_timer poll(ex_); // own timer: timers are never shared between concurrent coroutines
    const auto deadline = SteadyClock::now() + std::chrono::seconds(2);
    while (SteadyClock::now() < deadline &&
           std::any_of(connectors_.begin(), connectors_.end(), [](const auto& c) { return c->session_running; })) {
        if (!co_await sleep_for(poll, std::chrono::milliseconds(50))) {
            co_return;
        }
    }
    reset_requested_ = true; // boot again on the next connection, without backoff
    if (ws_ && connected_ && !closing_) {
        closing_ = true;
        auto [ec] =
            co_await ws_.visit([](auto& ws) { return ws.async_close(websocket::close_code::normal, use_nothrow); });
        if (ec) {
            close_socket();
        }
    }
}

void Station::apply(const Effect& e) {
    switch (e.kind) {
    case Effect::Kind::None:
        break;
    case Effect::Kind::RemoteStart: {
        Connector* target = nullptr;
        for (auto& c : connectors_) {
            if ((e.connector_id == 0 || c->id == e.connector_id) && !c->tx && !c->session_running) {
                target = c.get();
                break;
            }
        }
        if (target) {
            spawn_task(run_session(*target, true, e.id_token, e.remote_start_id), "remote session");
        }
        break;
    }
    case Effect::Kind::RemoteStop:
        for (auto& c : connectors_) {
            if (c->tx && c->tx->transaction_id == e.transaction_id) {
                c->stop_requested = true;
                c->stop_reason = StopReason::Remote;
                c->session_timer.cancel();
            }
        }
        break;
    case Effect::Kind::Reset:
        spawn_task(reset_sequence(), "reset");
        break;
    case Effect::Kind::Trigger:
        spawn_task(triggered(e.action, e.connector_id), "trigger");
        break;
    case Effect::Kind::SetHeartbeatInterval:
        heartbeat_interval_s_ = std::max(e.value, 1);
        hb_timer_.cancel();
        break;
    case Effect::Kind::SetMeterInterval:
        meter_interval_s_ = std::max(e.value, 1);
        break;
    case Effect::Kind::ProfilesChanged:
        for (auto& c : connectors_) {
            // The reading and its time as the limit took effect (before this CALL's answer leaves).
            if (refresh_limit(*c)) {
                spawn_task(limit_changed(*c, c->meter.reading(), Clock::now()), "limit changed");
            }
        }
        break;
    }
}

bool Station::refresh_limit(Connector& c) {
    const auto now = SteadyClock::now();
    if (c.tx) {
        c.meter.advance(std::chrono::duration<double>(now - c.last_sample).count());
        c.last_sample = now;
    }
    const VehicleProfile nominal;
    return apply_limit(profiles_, c.id, std::chrono::floor<std::chrono::seconds>(Clock::now()),
                       running(c.tx && c.tx_started ? &*c.tx : nullptr), nominal.phases,
                       static_cast<int>(nominal.voltage_v), c.meter, c.limit);
}

awaitable<void> Station::limit_changed(Connector& c, MeterReading reading, Clock::time_point at) {
    if (c.tx && c.tx_started && c.session_running) {
        co_await call(dialect_.transaction_limit_changed(*c.tx, reading, at));
    }
}

StationView Station::view() {
    StationView v;
    v.profiles = &profiles_;
    v.identity = &identity_;
    v.connectors = static_cast<int>(connectors_.size());
    v.heartbeat_interval_s = heartbeat_interval_s_;
    v.meter_interval_s = meter_interval_s_;
    for (const auto& c : connectors_) {
        if (c->tx && (c->tx_started || version_ != ocpp::Version::v16)) {
            v.transactions.push_back(&*c->tx);
        }
    }
    return v;
}

// --- control ---------------------------------------------------------------------------------------------

std::string progress_line(const Shared& sh, double elapsed, std::uint64_t& last_done, double& last_elapsed) {
    const auto& l = sh.live;
    const auto done = l.calls_done.load(std::memory_order_relaxed);
    const double dt = elapsed - last_elapsed;
    const double rate = dt > 0 ? static_cast<double>(done - last_done) / dt : 0.0;
    last_done = done;
    last_elapsed = elapsed;
    return fmt::format("t={:.0f}s connected={}/{} booted={} down={} calls={} ({:.0f}/s) callerrors={} timeouts={} "
                       "connect_failures={}",
                       elapsed, l.connected.load(std::memory_order_relaxed), sh.options.stations,
                       l.booted.load(std::memory_order_relaxed), l.down.load(std::memory_order_relaxed), done, rate,
                       l.call_errors.load(std::memory_order_relaxed), l.timeouts.load(std::memory_order_relaxed),
                       l.connect_failures.load(std::memory_order_relaxed));
}

} // namespace

RunResult run_simulation(const Options& options, bool handle_signals) {
    // Signals first: one that arrives during the set-up below is queued by Asio and stops the run at once.
    asio::io_context control;
    asio::signal_set signals(control);
    if (handle_signals) {
        signals.add(SIGINT);
        signals.add(SIGTERM);
    }
    Shared shared{options, resolve_target(options.url), {}, {}, 0, std::nullopt};
    if (shared.target.tls) {
        shared.tls.emplace(make_tls_context(options));
    }
    for (const auto& ip : options.source_ips) {
        shared.source_ips.push_back(asio::ip::make_address(ip));
    }
    if (options.validate) {
        (void)ocpp::SchemaValidator::instance(); // compiles every schema once, before the clock starts
    }
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned t = 0; t < options.threads; ++t) {
        workers.push_back(std::make_unique<Worker>(shared, t));
    }
    for (std::size_t i = 0; i < options.stations; ++i) {
        auto& w = *workers[i % workers.size()];
        w.stations.push_back(std::make_unique<Station>(w, i));
    }
    shared.start_ns = steady_ns();
    const auto start = SteadyClock::now();
    for (auto& w : workers) {
        for (auto& s : w->stations) {
            asio::co_spawn(
                w->ioc,
                [](Station* st) -> awaitable<void> {
                    try {
                        co_await st->run();
                    } catch (const std::exception& e) {
                        spdlog::error("station failed: {}", e.what());
                    }
                }(s.get()),
                asio::detached);
        }
    }
    std::vector<std::thread> threads;
    for (auto& w : workers) {
        threads.emplace_back([wp = w.get()] {
            wp->ioc.run();
            wp->finished.store(true);
        });
    }

    // Control loop on this thread.
    bool stop_requested = false;
    int signals_seen = 0;
    // Declared at function scope: the handler re-arms itself with this very object.
    std::function<void(const boost::system::error_code&, int)> on_signal;
    if (handle_signals) {
        on_signal = [&](const boost::system::error_code& ec, int sig) {
            if (ec) {
                return;
            }
            ++signals_seen;
            spdlog::info("signal {} received, stopping", sig);
            stop_requested = true;
            if (signals_seen > 1) {
                for (auto& w : workers) {
                    w->ioc.stop();
                }
            }
            signals.async_wait(on_signal);
        };
        signals.async_wait(on_signal);
    }
    asio::steady_timer tick(control);
    std::uint64_t last_done = 0;
    double last_elapsed = 0;
    auto next_progress =
        start + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(options.progress_s));
    const bool storm_ends = options.scenario == Scenario::BootStorm && !options.duration_s && !options.max_calls;
    bool stop_sent = false;
    SteadyClock::time_point stop_deadline{};
    std::function<void(const boost::system::error_code&)> on_tick;
    on_tick = [&](const boost::system::error_code&) {
        const auto now = SteadyClock::now();
        const double elapsed = std::chrono::duration<double>(now - start).count();
        if (options.duration_s && elapsed >= *options.duration_s) {
            stop_requested = true;
        }
        if (options.max_calls && shared.live.calls_done.load(std::memory_order_relaxed) >= *options.max_calls) {
            stop_requested = true;
        }
        if (storm_ends && shared.live.booted.load(std::memory_order_relaxed) >= options.stations) {
            stop_requested = true;
        }
        if (options.progress_s > 0 && now >= next_progress && !stop_sent) {
            spdlog::info("{}", progress_line(shared, elapsed, last_done, last_elapsed));
            next_progress +=
                std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(options.progress_s));
        }
        if (stop_requested && !stop_sent) {
            stop_sent = true;
            stop_deadline = now + std::chrono::seconds(3);
            for (auto& w : workers) {
                asio::post(w->ioc, [wp = w.get()] { wp->shutdown_all(); });
            }
        }
        if (stop_sent) {
            const bool all_done =
                std::all_of(workers.begin(), workers.end(), [](auto& w) { return w->finished.load(); });
            if (all_done) {
                signals.cancel();
                return;
            }
            if (now >= stop_deadline) {
                spdlog::warn("some connections did not close within 3 s; stopping anyway");
                for (auto& w : workers) {
                    w->ioc.stop();
                }
            }
        }
        tick.expires_after(std::chrono::milliseconds(50));
        tick.async_wait(on_tick);
    };
    tick.expires_after(std::chrono::milliseconds(50));
    tick.async_wait(on_tick);
    control.run();
    for (auto& t : threads) {
        t.join();
    }
    const auto end = SteadyClock::now();

    RunResult result;
    for (auto& w : workers) {
        result.stats.merge(w->stats);
    }
    result.info.elapsed_s = std::chrono::duration<double>(end - start).count();
    result.info.stations_booted = shared.live.booted.load();
    if (result.info.stations_booted >= options.stations) {
        result.info.time_to_all_booted_s = static_cast<double>(shared.live.last_boot_ns.load() - shared.start_ns) / 1e9;
    }
    result.info.recoveries = shared.live.recoveries.load();
    result.info.still_down = shared.live.down.load();
    if (result.info.recoveries > 0 && result.info.still_down == 0) {
        result.info.recovery_s =
            static_cast<double>(shared.live.last_recovery_ns.load() - shared.live.first_drop_ns.load()) / 1e9;
    }
    // Stations (and their sockets) go before their io_contexts.
    for (auto& w : workers) {
        w->stations.clear();
    }
    return result;
}

} // namespace recarga::sim
