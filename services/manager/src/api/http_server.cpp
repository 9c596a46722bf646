// All Boost.Beast code of the manager lives in this translation unit.
#include "api/http_server.hpp"

#include <array>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <pqxx/connection>
#include <pqxx/except>
#include <spdlog/spdlog.h>

#include "api/router.hpp"

namespace recarga::manager {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
}

struct HttpServer::Impl {
    explicit Impl(const Config& c) : config(c), acceptor(ioc) {}

    const Config& config;
    asio::io_context ioc{1};
    tcp::acceptor acceptor;
    std::unique_ptr<pqxx::connection> db;

    pqxx::connection& database() {
        if (!db || !db->is_open()) {
            db = std::make_unique<pqxx::connection>(config.pg_url);
        }
        return *db;
    }

    api::Response route(const http::request<http::string_body>& req, const std::string& remote) {
        auto url = boost::urls::parse_origin_form(req.target());
        if (!url) {
            return api::problem(400, "bad-request", "Bad request", "the request target is not a valid URL");
        }
        api::Request r;
        r.method = std::string(req.method_string());
        r.path = url->path();
        for (auto p : url->params()) {
            r.query[p.key] = p.value;
        }
        r.authorization = std::string(req[http::field::authorization]);
        r.api_key = std::string(req["X-API-Key"]);
        r.content_type = std::string(req[http::field::content_type]);
        r.body = req.body();
        r.remote = remote;
        return api::handle(database(), config, r);
    }

    asio::awaitable<void> serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        while (true) {
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
            api::Response res;
            try {
                beast::error_code pec;
                auto peer = stream.socket().remote_endpoint(pec);
                res = route(req, pec ? std::string() : peer.address().to_string());
            } catch (const pqxx::broken_connection& e) {
                db.reset();
                spdlog::error("api database connection lost: {}", e.what());
                res = api::problem(503, "unavailable", "Service unavailable", "the database is not reachable");
            } catch (const std::exception& e) {
                spdlog::error("api {} {} failed: {}", std::string(req.method_string()), std::string(req.target()),
                              e.what());
                res = api::problem(500, "internal", "Internal error", "the request could not be processed");
            }
            http::response<http::string_body> out{static_cast<http::status>(res.status), req.version()};
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
            out.keep_alive(req.keep_alive());
            out.body() = std::move(res.body);
            out.prepare_payload();
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
    asio::co_spawn(i.ioc, i.accept_loop(), asio::detached);
    spdlog::info("api listening on http://{}:{}/api/v1", i.config.http_listen, i.acceptor.local_endpoint().port());
    i.ioc.run();
}

void HttpServer::stop() {
    asio::post(impl_->ioc, [this] {
        beast::error_code ec;
        impl_->acceptor.close(ec);
        impl_->ioc.stop();
    });
}

} // namespace recarga::manager
