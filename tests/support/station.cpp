// The Beast-based parts of the test harness (WebSocket station, HTTP client), kept in one translation unit.
#include <deque>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness.hpp"

namespace recarga::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    bool has_content_type = false;
    for (const auto& [name, value] : headers) {
        req.set(name, value);
        has_content_type = has_content_type || beast::iequals(name, "Content-Type");
    }
    if (!body.empty() && !has_content_type) {
        req.set(http::field::content_type, "application/json");
    }
    req.body() = body;
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        req.prepare_payload();
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    HttpResult out{static_cast<int>(res.result_int()), res.body(), std::string(res[http::field::content_type])};
    for (const auto& f : res) {
        out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    }
    return out;
}

HttpResult http_get(std::uint16_t port, const std::string& target, const std::string& token) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!token.empty()) {
        headers.emplace_back("Authorization", "Bearer " + token);
    }
    return http_request(port, "GET", target, "", headers);
}

std::string HttpResult::header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
        if (beast::iequals(n, name)) {
            return v;
        }
    }
    return "";
}

HttpResult http_post(std::uint16_t port, const std::string& target, const std::string& json_body,
                     const std::string& token) {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!token.empty()) {
        headers.emplace_back("Authorization", "Bearer " + token);
    }
    return http_request(port, "POST", target, json_body, headers);
}

HttpResult http_put(std::uint16_t port, const std::string& target, const std::string& json_body,
                    const std::string& token) {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!token.empty()) {
        headers.emplace_back("Authorization", "Bearer " + token);
    }
    return http_request(port, "PUT", target, json_body, headers);
}

struct Station::Impl {
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
    Handshake hs;
    bool is_open = false;
    int close_code = 0;
    beast::flat_buffer buffer;
    std::deque<std::string> frames;
    bool reading = false;

    void start_read() {
        reading = true;
        ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
            reading = false;
            if (ec) {
                is_open = false;
                close_code = static_cast<int>(ws.reason().code);
                return;
            }
            frames.push_back(beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
            start_read();
        });
    }
};

Station::Station(std::uint16_t port, std::string target, std::string protocols, std::string basic_credentials)
    : impl_(std::make_unique<Impl>()) {
    auto& i = *impl_;
    std::string authorization;
    if (!basic_credentials.empty()) {
        std::string encoded(beast::detail::base64::encoded_size(basic_credentials.size()), '\0');
        encoded.resize(beast::detail::base64::encode(encoded.data(), basic_credentials.data(), basic_credentials.size()));
        authorization = "Basic " + encoded;
    }
    beast::get_lowest_layer(i.ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    i.ws.set_option(websocket::stream_base::decorator([protocols, authorization](websocket::request_type& req) {
        if (!protocols.empty()) {
            req.set(http::field::sec_websocket_protocol, protocols);
        }
        if (!authorization.empty()) {
            req.set(http::field::authorization, authorization);
        }
    }));
    websocket::response_type res;
    beast::error_code ec;
    i.ws.handshake(res, "127.0.0.1:" + std::to_string(port), target, ec);
    i.hs.http_status = static_cast<int>(res.result_int());
    i.hs.subprotocol = std::string(res[http::field::sec_websocket_protocol]);
    i.is_open = !ec;
    if (i.is_open) {
        i.start_read();
    }
}

Station::~Station() {
    if (impl_->is_open) {
        beast::error_code ec;
        beast::get_lowest_layer(impl_->ws).socket().close(ec);
    }
}

const Station::Handshake& Station::handshake() const { return impl_->hs; }
bool Station::open() const { return impl_->is_open; }
int Station::close_code() const { return impl_->close_code; }

void Station::send_text(const std::string& text) {
    impl_->ws.text(true);
    impl_->ws.write(asio::buffer(text));
}

std::optional<std::string> Station::read(std::chrono::milliseconds timeout) {
    auto& i = *impl_;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (i.frames.empty() && i.reading && std::chrono::steady_clock::now() < deadline) {
        i.ioc.restart();
        i.ioc.run_for(std::chrono::milliseconds(20));
    }
    if (i.frames.empty()) {
        return std::nullopt;
    }
    auto f = std::move(i.frames.front());
    i.frames.pop_front();
    return f;
}

std::optional<boost::json::array> Station::read_call(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        auto text = read(left);
        if (!text) {
            return std::nullopt;
        }
        auto v = boost::json::parse(*text);
        if (v.is_array() && !v.as_array().empty() && v.as_array()[0] == 2) {
            return v.as_array();
        }
    }
    return std::nullopt;
}

void Station::answer(const std::string& id, const boost::json::value& payload) {
    send_text(boost::json::serialize(boost::json::array{3, id, payload}));
}

boost::json::array Station::call(const std::string& id, const std::string& action, const boost::json::value& payload) {
    boost::json::array frame{2, id, action, payload};
    send_text(boost::json::serialize(frame));
    while (auto text = read()) {
        auto v = boost::json::parse(*text);
        auto& a = v.as_array();
        if (a.size() >= 2 && a[1].is_string() && a[1].get_string() == id) {
            return a;
        }
    }
    throw std::runtime_error("no answer to " + action + " " + id);
}

} // namespace recarga::test
