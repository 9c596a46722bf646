// The TLS station and test PKI (see tls_station.hpp); Beast with OpenSSL, in a translation unit of its own.
#include "tls_station.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace recarga::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct TlsStation::Impl {
    asio::io_context ioc;
    ssl::context ctx{ssl::context::tls_client};
    std::unique_ptr<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> ws;
    bool tls_ok = false;
    int http_status = 0;
    bool open = false;
};

TlsStation::TlsStation(std::uint16_t port, const std::string& target, const std::string& protocol,
                       const TlsClient& tls, const std::string& basic_credentials)
    : impl_(std::make_unique<Impl>()) {
    auto& i = *impl_;
    i.ctx.load_verify_file(tls.ca_file);
    i.ctx.set_verify_mode(ssl::verify_peer);
    if (!tls.cert_file.empty()) {
        i.ctx.use_certificate_chain_file(tls.cert_file);
        i.ctx.use_private_key_file(tls.key_file, ssl::context::pem);
    }
    i.ws = std::make_unique<websocket::stream<beast::ssl_stream<beast::tcp_stream>>>(i.ioc, i.ctx);
    auto& lowest = beast::get_lowest_layer(*i.ws);
    lowest.expires_after(std::chrono::seconds(10));
    lowest.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::error_code ec;
    i.ws->next_layer().handshake(ssl::stream_base::client, ec);
    if (ec) {
        return;
    }
    std::string authorization;
    if (!basic_credentials.empty()) {
        std::string encoded(beast::detail::base64::encoded_size(basic_credentials.size()), '\0');
        encoded.resize(
            beast::detail::base64::encode(encoded.data(), basic_credentials.data(), basic_credentials.size()));
        authorization = "Basic " + encoded;
    }
    i.ws->set_option(websocket::stream_base::decorator([protocol, authorization](websocket::request_type& req) {
        req.set(http::field::sec_websocket_protocol, protocol);
        if (!authorization.empty()) {
            req.set(http::field::authorization, authorization);
        }
    }));
    websocket::response_type res;
    i.ws->handshake(res, "127.0.0.1:" + std::to_string(port), target, ec);
    // With TLS 1.3 a refused client certificate shows only here: the server's alert ends the first read.
    if (ec && ec != websocket::error::upgrade_declined) {
        return;
    }
    i.tls_ok = true;
    i.http_status = static_cast<int>(res.result_int());
    i.open = !ec && i.http_status == 101;
}

TlsStation::~TlsStation() {
    beast::error_code ec;
    beast::get_lowest_layer(*impl_->ws).socket().close(ec);
}

bool TlsStation::tls_ok() const { return impl_->tls_ok; }
int TlsStation::http_status() const { return impl_->http_status; }
bool TlsStation::open() const { return impl_->open; }

boost::json::array TlsStation::call(const std::string& id, const std::string& action,
                                    const boost::json::value& payload) {
    auto& ws = *impl_->ws;
    ws.text(true);
    ws.write(asio::buffer(boost::json::serialize(boost::json::array{2, id, action, payload})));
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    for (int n = 0; n < 20; ++n) {
        beast::flat_buffer buffer;
        ws.read(buffer);
        auto v = boost::json::parse(beast::buffers_to_string(buffer.data()));
        auto& a = v.as_array();
        if (a.size() >= 2 && a[1].is_string() && a[1].get_string() == id) {
            return a;
        }
    }
    throw std::runtime_error("no answer to " + action + " " + id);
}

namespace {

void run(const std::string& command) {
    if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
        throw std::runtime_error("failed: " + command);
    }
}

} // namespace

TestPki::TestPki() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "recarga-pki-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = tmpl;
    for (const std::string ca : {"ca", "rogue-ca"}) {
        run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=Recarga-Test-" +
            ca + " -keyout " + path(ca + ".key") + " -out " + path(ca + ".pem"));
    }
    issue("server", "127.0.0.1", "ca", 30, "IP:127.0.0.1");
}

TestPki::~TestPki() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void TestPki::issue(const std::string& name, const std::string& cn, const std::string& issuer, int days,
                    const std::string& san) {
    run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=" + cn + " -keyout " +
        path(name + ".key") + " -out " + path(name + ".csr"));
    std::string ext;
    if (!san.empty()) {
        const auto ext_file = path(name + ".ext");
        std::ofstream(ext_file) << "subjectAltName=" << san << "\n";
        ext = " -extfile " + ext_file;
    }
    run("openssl x509 -req -in " + path(name + ".csr") + " -CA " + path(issuer + ".pem") + " -CAkey " +
        path(issuer + ".key") + " -CAcreateserial -days " + std::to_string(days) + ext + " -out " +
        path(name + ".pem"));
}

} // namespace recarga::test
