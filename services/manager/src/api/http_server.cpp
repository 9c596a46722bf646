// All Boost.Beast code of the manager lives in this translation unit: the API server, the event streams and the
// HTTP client that delivers webhooks.
#include "api/http_server.hpp"
#include "api/static_files.hpp"

#include <array>
#include <atomic>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <pqxx/connection>
#include <pqxx/except>
#include <spdlog/spdlog.h>

#include "api/events_api.hpp"
#include "api/request_pool.hpp"
#include "api/router.hpp"
#include "events/broadcaster.hpp"
#include "events/event_bus.hpp"
#include "webhooks/dispatcher.hpp"

namespace recarga::manager {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kDrainTimeout = std::chrono::seconds(10);

// The database connection of the pool thread running the current request (each pool thread has its own).
pqxx::connection& thread_database(const Config& config) {
    thread_local std::unique_ptr<pqxx::connection> db;
    if (!db || !db->is_open()) {
        db = std::make_unique<pqxx::connection>(config.pg_url);
    }
    return *db;
}

void drop_thread_database(const Config& config) {
    // Reconnects on the next use (thread_database sees the closed connection).
    try {
        thread_database(config).disconnect();
    } catch (const std::exception&) {
    }
}

// Runs `job` on `pool` and resumes the coroutine with its Response back on the io_context; nullopt when the pool
// is full (the caller answers 503). `job` is copied onto the pool; the caller keeps its own until resumed.
// (Objects with destructors are kept as named locals here, not temporaries in the co_await expression: g++ 12
// destroys such temporaries twice.)
template <class Job>
asio::awaitable<std::optional<api::Response>> offload(api::RequestPool& pool, const Job& job) {
    auto ex = co_await asio::this_coro::executor;
    auto initiation = [&pool, ex, &job](auto handler) {
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        const bool queued = pool.try_submit([h, ex, job]() mutable {
            std::optional<api::Response> r = job();
            asio::post(ex, [h, r = std::move(r)]() mutable { (*h)(std::move(r)); });
        });
        if (!queued) {
            asio::post(ex, [h]() mutable { (*h)(std::optional<api::Response>()); });
        }
    };
    auto result = co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::optional<api::Response>)>(
        std::move(initiation), asio::use_awaitable);
    co_return result;
}

// Writes one request and reads its answer on `stream` (plain TCP or TLS), all within the stream's deadline.
template <class Stream>
asio::awaitable<webhooks::PostResult> exchange(Stream& stream, http::request<http::string_body>& req) {
    auto [wec, wn] = co_await http::async_write(stream, req, use_tuple);
    if (wec) {
        co_return webhooks::PostResult{0, "write failed: " + wec.message()};
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024);
    auto [rec, rn] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (rec) {
        co_return webhooks::PostResult{0, "no answer: " + rec.message()};
    }
    co_return webhooks::PostResult{static_cast<int>(parser.get().result_int()), "", parser.get().body()};
}

asio::awaitable<webhooks::PostResult> post_once(const std::string& url,
                                                const std::vector<std::pair<std::string, std::string>>& headers,
                                                const std::string& body, std::chrono::milliseconds timeout) {
    auto u = boost::urls::parse_absolute_uri(url);
    if (!u || (u->scheme() != "http" && u->scheme() != "https") || u->host().empty()) {
        co_return webhooks::PostResult{0, "not an http(s) URL"};
    }
    const bool tls = u->scheme() == "https";
    const std::string host(u->encoded_host());
    const std::string port = u->has_port() ? std::string(u->port()) : (tls ? "443" : "80");
    std::string target(u->encoded_path());
    if (target.empty()) {
        target = "/";
    }
    if (u->has_query()) {
        target += "?" + std::string(u->encoded_query());
    }
    auto ex = co_await asio::this_coro::executor;
    tcp::resolver resolver(ex);
    auto [rec, endpoints] = co_await resolver.async_resolve(host, port, use_tuple);
    if (rec) {
        co_return webhooks::PostResult{0, "cannot resolve " + host + ": " + rec.message()};
    }
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, u->has_port() ? host + ":" + port : host);
    req.set(http::field::user_agent, "recarga-manager");
    for (const auto& [name, value] : headers) {
        req.set(name, value);
    }
    req.body() = body;
    req.prepare_payload();
    if (!tls) {
        beast::tcp_stream stream(ex);
        stream.expires_after(timeout);
        auto [cec, ep] = co_await stream.async_connect(endpoints, use_tuple);
        if (cec) {
            co_return webhooks::PostResult{0, "cannot connect: " + cec.message()};
        }
        auto r = co_await exchange(stream, req);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return r;
    }
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ex, ctx);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
        co_return webhooks::PostResult{0, "TLS: cannot set the server name"};
    }
    stream.set_verify_callback(ssl::host_name_verification(host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [cec, ep] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, use_tuple);
    if (cec) {
        co_return webhooks::PostResult{0, "cannot connect: " + cec.message()};
    }
    auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
    if (hec) {
        co_return webhooks::PostResult{0, "TLS handshake failed: " + hec.message()};
    }
    co_return co_await exchange(stream, req);
}

// The webhook dispatcher's HTTP client: one POST, bounded by `timeout`, on an io_context of the calling thread.
webhooks::PostResult post_webhook(const std::string& url,
                                  const std::vector<std::pair<std::string, std::string>>& headers,
                                  const std::string& body, std::chrono::milliseconds timeout) {
    asio::io_context ioc;
    webhooks::PostResult result{0, "timed out"};
    asio::co_spawn(ioc, post_once(url, headers, body, timeout), [&](std::exception_ptr e, webhooks::PostResult r) {
        result = e ? webhooks::PostResult{0, "failed"} : std::move(r);
    });
    ioc.run_for(timeout + std::chrono::milliseconds(500));
    return result;
}

} // namespace

webhooks::PostResult http_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body, std::chrono::milliseconds timeout) {
    return post_webhook(url, headers, body, timeout);
}

namespace {

// The stations of a GET /api/v1/events request (?stationId=, repeatable) and its Last-Event-ID.
events::StationFilter station_filter(const boost::urls::url_view& url) {
    events::StationFilter f;
    for (auto p : url.params()) {
        if (p.key == "stationId") {
            f.stations.push_back(p.value);
        }
    }
    return f;
}

} // namespace

struct HttpServer::Impl {
    explicit Impl(const Config& c)
        : config(c), acceptor(ioc), pool("api", c.api_threads, c.api_max_pending),
          command_pool("api-commands", c.api_command_threads, c.api_command_max_pending),
          hub(c, events::EventHub::Queue::Exclusive,
              [this](std::vector<boost::json::object> batch) {
                  asio::post(ioc, [this, batch = std::move(batch)] { broadcaster.deliver(batch); });
              }),
          dispatcher(c, &post_webhook),
          webhook_hub(c, events::EventHub::Queue::Webhooks,
                      [this](std::vector<boost::json::object> batch) { dispatcher.enqueue(std::move(batch)); }) {}

    const Config& config;
    asio::io_context ioc{1};
    tcp::acceptor acceptor;
    api::StaticFiles web{api::default_web_root()}; // the console (web/dist) at "/"
    api::RequestPool pool;
    api::RequestPool command_pool;
    events::Broadcaster broadcaster; // io_context thread only
    events::EventHub hub;
    webhooks::Dispatcher dispatcher;
    events::EventHub webhook_hub;
    bool stopping = false;       // io_context thread only
    std::size_t in_progress = 0; // requests read and not yet answered (io_context thread only)

    static api::Request to_request(const http::request<http::string_body>& req, const boost::urls::url_view& url,
                                   const std::string& remote) {
        api::Request r;
        r.method = std::string(req.method_string());
        r.path = url.path();
        for (auto p : url.params()) {
            r.query[p.key] = p.value;
        }
        r.authorization = std::string(req[http::field::authorization]);
        r.api_key = std::string(req["X-API-Key"]);
        r.content_type = std::string(req[http::field::content_type]);
        r.body = req.body();
        r.remote = remote;
        return r;
    }

    // Runs on a pool thread, with that thread's database connection.
    api::Response handle(const api::Request& r) {
        try {
            return api::handle(thread_database(config), config, r);
        } catch (const pqxx::broken_connection& e) {
            drop_thread_database(config);
            spdlog::error("api database connection lost: {}", e.what());
            return api::problem(503, "unavailable", "Service unavailable", "the database is not reachable");
        } catch (const std::exception& e) {
            spdlog::error("api {} {} failed: {}", r.method, r.path, e.what());
            return api::problem(500, "internal", "Internal error", "the request could not be processed");
        }
    }

    static api::Response busy() {
        auto res = api::problem(503, "overloaded", "Service unavailable",
                                "too many requests in progress; try again shortly");
        res.headers.emplace_back("Retry-After", "1");
        return res;
    }

    asio::awaitable<api::Response> route(const http::request<http::string_body>& req, const std::string& remote) {
        auto url = boost::urls::parse_origin_form(req.target());
        if (auto file = url ? web.serve(req.method_string(), url->path()) : std::nullopt) {
            co_return std::move(*file);
        }
        if (!url) {
            co_return api::problem(400, "bad-request", "Bad request", "the request target is not a valid URL");
        }
        auto request = std::make_shared<const api::Request>(to_request(req, *url, remote));
        auto& target = api::waits_on_station(request->method, request->path) ? command_pool : pool;
        auto job = [this, request] { return handle(*request); };
        auto res = co_await offload(target, job);
        if (!res) {
            co_return busy();
        }
        co_return std::move(*res);
    }

    static http::response<http::string_body> to_http(api::Response res, unsigned version, bool keep_alive) {
        http::response<http::string_body> out{static_cast<http::status>(res.status), version};
        if (res.status == 204) {
            res.body.clear();
            res.content_type.clear();
        }
        out.set(http::field::server, "recarga-manager");
        if (!res.content_type.empty()) {
            out.set(http::field::content_type, res.content_type);
        }
        for (const auto& [name, value] : res.headers) {
            out.set(name, value);
        }
        out.keep_alive(keep_alive);
        out.body() = std::move(res.body);
        out.prepare_payload();
        return out;
    }

    // GET /api/v1/events after the router allowed it: the connection becomes a Server-Sent Events stream.
    asio::awaitable<void> stream_events(beast::tcp_stream& stream, const http::request<http::string_body>& req) {
        auto url = boost::urls::parse_origin_form(req.target());
        if (broadcaster.subscribers() >= config.sse_max_clients) {
            auto out = to_http(busy(), req.version(), false);
            co_await http::async_write(stream, out, use_tuple);
            co_return;
        }
        http::response<http::empty_body> head{http::status::ok, req.version()};
        head.set(http::field::server, "recarga-manager");
        head.set(http::field::content_type, api::kEventStreamType);
        head.set(http::field::cache_control, "no-cache");
        head.set("X-Accel-Buffering", "no");
        head.chunked(true);
        head.keep_alive(false);
        http::response_serializer<http::empty_body> sr{head};
        stream.expires_after(std::chrono::seconds(30));
        if (auto [ec, n] = co_await http::async_write_header(stream, sr, use_tuple); ec) {
            co_return;
        }
        asio::steady_timer wake(ioc);
        auto sub = broadcaster.subscribe(station_filter(*url), std::string_view(req["Last-Event-ID"]),
                                         [&wake] { wake.cancel(); });
        // The first chunk tells the client the subscription is in place (a comment, ignored by SSE parsers).
        std::string out = "retry: 2000\n: connected\n\n";
        while (!stopping && !sub->overflowed) {
            if (out.empty() && sub->frames.empty()) {
                wake.expires_after(std::chrono::seconds(config.sse_keepalive_s));
                auto [ec] = co_await wake.async_wait(use_tuple);
                if (!ec && sub->frames.empty()) {
                    out = events::kKeepAlive;
                }
                if (stopping || sub->overflowed) {
                    break;
                }
            }
            while (!sub->frames.empty()) {
                out += sub->frames.front();
                sub->frames.pop_front();
            }
            if (out.empty()) {
                continue;
            }
            stream.expires_after(std::chrono::seconds(30));
            auto [wec, wn] = co_await asio::async_write(stream, http::make_chunk(asio::buffer(out)), use_tuple);
            if (wec) {
                break;
            }
            out.clear();
        }
        broadcaster.unsubscribe(sub);
        stream.expires_after(std::chrono::seconds(5));
        co_await asio::async_write(stream, http::make_chunk_last(), use_tuple);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    asio::awaitable<void> serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        while (!stopping) {
            stream.expires_after(std::chrono::seconds(30));
            http::request_parser<http::string_body> parser;
            parser.body_limit(1 << 20);
            auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
            if (ec == http::error::body_limit || ec == http::error::header_limit) {
                auto res = api::problem(413, "payload-too-large", "Payload too large", "the request is too large");
                http::response<http::string_body> out{http::status::payload_too_large, 11};
                out.set(http::field::content_type, res.content_type);
                out.keep_alive(false);
                out.body() = std::move(res.body);
                out.prepare_payload();
                co_await http::async_write(stream, out, use_tuple);
                // Drain what the client still sends (bounded), so that closing does not reset the connection
                // before it has read the answer.
                beast::error_code ignored;
                stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
                stream.expires_after(std::chrono::seconds(5));
                std::array<char, 16384> sink;
                for (std::size_t drained = 0; drained < (std::size_t{16} << 20);) {
                    auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
                    if (rec) {
                        break;
                    }
                    drained += rn;
                }
                co_return;
            }
            if (ec) {
                co_return;
            }
            auto req = parser.release();
            beast::error_code pec;
            auto peer = stream.socket().remote_endpoint(pec);
            ++in_progress;
            // No time limit while the request runs (a command may wait minutes for its station).
            stream.expires_never();
            const std::string remote = pec ? std::string() : peer.address().to_string();
            auto res = co_await route(req, remote);
            --in_progress;
            if (res.status == 200 && res.content_type == api::kEventStreamType && req.method() == http::verb::get) {
                co_await stream_events(stream, req);
                co_return;
            }
            auto out = to_http(std::move(res), req.version(), req.keep_alive() && !stopping);
            stream.expires_after(std::chrono::seconds(30));
            auto [wec, wn] = co_await http::async_write(stream, out, use_tuple);
            if (wec || !out.keep_alive()) {
                beast::error_code ignored;
                stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
                co_return;
            }
        }
    }

    asio::awaitable<void> accept_loop() {
        while (true) {
            auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
            if (ec) {
                if (ec == asio::error::operation_aborted) {
                    co_return;
                }
                continue;
            }
            asio::co_spawn(ioc, serve(std::move(socket)), asio::detached);
        }
    }

    // Graceful stop: no new connections, event streams end, requests in progress may finish (bounded).
    asio::awaitable<void> drain() {
        stopping = true;
        beast::error_code ec;
        acceptor.close(ec);
        broadcaster.close_all();
        asio::steady_timer t(ioc);
        const auto deadline = std::chrono::steady_clock::now() + kDrainTimeout;
        while (in_progress > 0 && std::chrono::steady_clock::now() < deadline) {
            t.expires_after(std::chrono::milliseconds(50));
            co_await t.async_wait(use_tuple);
        }
        if (in_progress > 0) {
            spdlog::warn("api stopping with {} requests still in progress", in_progress);
        }
        ioc.stop();
    }
};

HttpServer::HttpServer(const Config& config) : impl_(std::make_unique<Impl>(config)) {}
HttpServer::~HttpServer() = default;

void HttpServer::run() {
    auto& i = *impl_;
    tcp::endpoint ep(asio::ip::make_address(i.config.http_listen), i.config.http_port);
    i.acceptor.open(ep.protocol());
    i.acceptor.set_option(asio::socket_base::reuse_address(true));
    i.acceptor.bind(ep);
    i.acceptor.listen();
    i.hub.start();
    if (i.config.webhooks) {
        i.dispatcher.start();
        i.webhook_hub.start();
    }
    asio::co_spawn(i.ioc, i.accept_loop(), asio::detached);
    spdlog::info("api listening on http://{}:{}/api/v1 ({} + {} request threads)", i.config.http_listen,
                 i.acceptor.local_endpoint().port(), i.config.api_threads, i.config.api_command_threads);
    i.ioc.run();
    i.webhook_hub.stop();
    i.hub.stop();
    i.dispatcher.stop();
    // Requests still running (a command waiting for its station) end within their own timeouts.
    i.pool.stop();
    i.command_pool.stop();
}

void HttpServer::stop() {
    asio::post(impl_->ioc, [this] { asio::co_spawn(impl_->ioc, impl_->drain(), asio::detached); });
}

} // namespace recarga::manager
