// The answering server behind fake_csms.hpp. Each connection is a coroutine on its own strand; the table
// of sessions and the counters are guarded by one mutex (they are touched once per connection or per
// station CALL, which is cheap next to the socket work).
#include "fake_csms.hpp"

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "recarga/ocpp/frame.hpp"
#include "recarga/ocpp/version.hpp"

namespace recarga::sim {

namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
using Strand = asio::strand<asio::io_context::executor_type>;
using WsStream = websocket::stream<asio::basic_stream_socket<tcp, Strand>, false>;

std::string now_iso() {
    const auto t = std::chrono::system_clock::now();
    const auto secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}
} // namespace

struct FakeCsms::Impl {
    struct Session : std::enable_shared_from_this<Session> {
        Session(Impl& owner, asio::basic_stream_socket<tcp, Strand>&& s) : owner(owner), ws(std::move(s)) {}
        Impl& owner;
        WsStream ws;
        std::string id;
        ocpp::Version version = ocpp::Version::v16;
        std::deque<std::string> queue;
        bool writing = false;
        int boots = 0;
        bool sent_after_boot = false;
        std::uint64_t next_id = 1;

        void send(std::string text) {
            queue.push_back(std::move(text));
            if (!writing) {
                writing = true;
                asio::co_spawn(ws.get_executor(), write_loop(shared_from_this()), asio::detached);
            }
        }
        static awaitable<void> write_loop(std::shared_ptr<Session> self) {
            while (!self->queue.empty()) {
                auto [ec, n] = co_await self->ws.async_write(asio::buffer(self->queue.front()), use_nothrow);
                if (ec) {
                    self->queue.clear();
                    break;
                }
                self->queue.pop_front();
            }
            self->writing = false;
        }
    };

    explicit Impl(FakeCsmsConfig c) : config(std::move(c)), ioc(static_cast<int>(config.threads)), acceptor(ioc) {
        tcp::endpoint ep(asio::ip::make_address(config.address), config.port);
        acceptor.open(ep.protocol());
        acceptor.set_option(tcp::acceptor::reuse_address(true));
        acceptor.bind(ep);
        acceptor.listen(4096);
        port = acceptor.local_endpoint().port();
    }

    FakeCsmsConfig config;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    unsigned short port = 0;
    std::vector<std::thread> threads;

    mutable std::mutex mutex;
    std::map<std::string, std::weak_ptr<Session>> sessions;
    std::map<std::string, std::uint64_t> calls;
    std::vector<std::string> answers;
    std::map<std::string, std::string> protocols;
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::int64_t> open{0};
    std::atomic<long long> next_tx{1};

    awaitable<void> accept_loop() {
        for (;;) {
            auto strand = asio::make_strand(ioc);
            auto [ec, socket] = co_await acceptor.async_accept(strand, use_nothrow);
            if (ec) {
                if (ec == asio::error::operation_aborted) {
                    co_return;
                }
                continue; // e.g. EMFILE: keep serving the others
            }
            auto session = std::make_shared<Session>(*this, std::move(socket));
            asio::co_spawn(strand, serve(this, session), asio::detached);
        }
    }

    // `self` outlives every session: ~Impl destroys the io_context, and with it the session frames, first.
    static awaitable<void> serve(Impl* self, std::shared_ptr<Session> s) {
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        auto [ec, n] = co_await http::async_read(s->ws.next_layer(), buffer, req, use_nothrow);
        if (ec || !websocket::is_upgrade(req)) {
            co_return;
        }
        const std::string target(req.target());
        s->id = target.substr(target.rfind('/') + 1);
        const auto offered = req[http::field::sec_websocket_protocol];
        auto version = ocpp::negotiate_subprotocol(offered, true, true, true);
        if (!version || s->id.empty()) {
            co_return;
        }
        s->version = *version;
        const std::string protocol(ocpp::subprotocol(*version));
        s->ws.set_option(websocket::stream_base::decorator(
            [protocol](websocket::response_type& res) { res.set(http::field::sec_websocket_protocol, protocol); }));
        s->ws.set_option(websocket::stream_base::timeout{std::chrono::seconds(10), websocket::stream_base::none(), false});
        std::tie(ec) = co_await s->ws.async_accept(req, use_nothrow);
        if (ec) {
            co_return;
        }
        s->ws.text(true);
        self->connections.fetch_add(1);
        self->open.fetch_add(1);
        {
            std::lock_guard lock(self->mutex);
            self->sessions[s->id] = s;
            self->protocols[s->id] = protocol;
        }
        buffer.clear();
        for (;;) {
            std::tie(ec, n) = co_await s->ws.async_read(buffer, use_nothrow);
            if (ec) {
                break;
            }
            const auto data = buffer.cdata();
            self->on_frame(*s, std::string_view(static_cast<const char*>(data.data()), data.size()));
            buffer.consume(buffer.size());
        }
        self->open.fetch_sub(1);
        std::lock_guard lock(self->mutex);
        auto it = self->sessions.find(s->id);
        if (it != self->sessions.end() && it->second.lock() == s) {
            self->sessions.erase(it);
        }
    }

    void on_frame(Session& s, std::string_view text) {
        auto parsed = ocpp::parse_frame(text, s.version);
        if (!parsed) {
            s.send(ocpp::serialize_call_error(s.version, parsed.error().message_id,
                                              ocpp::RpcError{parsed.error().kind, parsed.error().description}));
            return;
        }
        auto& f = *parsed;
        if (f.type != ocpp::MessageType::Call) {
            std::lock_guard lock(mutex);
            answers.emplace_back(text);
            return;
        }
        {
            std::lock_guard lock(mutex);
            ++calls[f.action];
        }
        if (f.action == config.error_action) {
            s.send(ocpp::serialize_call_error(s.version, f.message_id,
                                              ocpp::RpcError{ocpp::ErrorKind::NotSupported, "refused by test"}));
            return;
        }
        const bool v16 = s.version == ocpp::Version::v16;
        json::object r;
        bool boot_accepted = false;
        if (f.action == "BootNotification") {
            const bool pending = s.boots++ < config.boot_pending_count;
            r = {{"currentTime", now_iso()},
                 {"interval", pending ? config.boot_retry_interval_s : config.heartbeat_interval_s},
                 {"status", pending ? "Pending" : "Accepted"}};
            boot_accepted = !pending;
        } else if (f.action == "Heartbeat") {
            r = {{"currentTime", now_iso()}};
        } else if (f.action == "Authorize") {
            r[v16 ? "idTagInfo" : "idTokenInfo"] = json::object{{"status", "Accepted"}};
        } else if (f.action == "StartTransaction") {
            r = {{"transactionId", next_tx.fetch_add(1)}, {"idTagInfo", json::object{{"status", "Accepted"}}}};
        } else if (f.action == "StatusNotification" || f.action == "MeterValues" || f.action == "StopTransaction" ||
                   f.action == "TransactionEvent" || f.action == "DataTransfer") {
            if (f.action == "DataTransfer") {
                r = {{"status", "UnknownVendorId"}};
            }
        } else {
            s.send(ocpp::serialize_call_error(s.version, f.message_id,
                                              ocpp::RpcError{ocpp::ErrorKind::NotImplemented, f.action}));
            return;
        }
        s.send(ocpp::serialize_call_result(f.message_id, r));
        if (boot_accepted && config.call_after_boot && !s.sent_after_boot) {
            s.sent_after_boot = true;
            s.send(ocpp::serialize_call("csms-" + std::to_string(s.next_id++), config.call_after_boot->first,
                                        json::parse(config.call_after_boot->second)));
        }
    }
};

FakeCsms::FakeCsms(FakeCsmsConfig config) : impl_(std::make_shared<Impl>(std::move(config))) {
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    for (unsigned i = 0; i < std::max(impl_->config.threads, 1u); ++i) {
        impl_->threads.emplace_back([impl = impl_.get()] { impl->ioc.run(); });
    }
}

FakeCsms::~FakeCsms() { stop(); }

unsigned short FakeCsms::port() const { return impl_->port; }

void FakeCsms::send_call(const std::string& station_id, const std::string& action, const std::string& payload) {
    std::shared_ptr<Impl::Session> s;
    {
        std::lock_guard lock(impl_->mutex);
        auto it = impl_->sessions.find(station_id);
        if (it != impl_->sessions.end()) {
            s = it->second.lock();
        }
    }
    if (!s) {
        return;
    }
    asio::post(s->ws.get_executor(), [s, action, payload] {
        s->send(ocpp::serialize_call("csms-" + std::to_string(s->next_id++), action, json::parse(payload)));
    });
}

void FakeCsms::drop_all() {
    std::vector<std::shared_ptr<Impl::Session>> all;
    {
        std::lock_guard lock(impl_->mutex);
        for (auto& [id, w] : impl_->sessions) {
            if (auto s = w.lock()) {
                all.push_back(std::move(s));
            }
        }
    }
    for (auto& s : all) {
        asio::post(s->ws.get_executor(), [s] {
            beast::error_code ec;
            s->ws.next_layer().shutdown(tcp::socket::shutdown_both, ec);
            s->ws.next_layer().close(ec);
        });
    }
}

void FakeCsms::stop() {
    if (impl_->threads.empty()) {
        return;
    }
    asio::post(impl_->ioc, [impl = impl_.get()] {
        beast::error_code ec;
        impl->acceptor.close(ec);
    });
    impl_->ioc.stop();
    for (auto& t : impl_->threads) {
        t.join();
    }
    impl_->threads.clear();
}

std::map<std::string, std::uint64_t> FakeCsms::calls_by_action() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->calls;
}

std::vector<std::string> FakeCsms::answers() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->answers;
}

std::uint64_t FakeCsms::connections() const { return impl_->connections.load(); }

std::uint64_t FakeCsms::open_connections() const {
    return static_cast<std::uint64_t>(std::max<std::int64_t>(impl_->open.load(), 0));
}

std::map<std::string, std::string> FakeCsms::subprotocols() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->protocols;
}

} // namespace recarga::sim
