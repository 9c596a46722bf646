// Live events end to end: stations talk to the real gateway, RabbitMQ carries their messages to a manager that
// ingests them, and SSE clients on every manager (GET /api/v1/events) and registered webhooks receive the events.
// Manager A runs with --api-only, so every station message is handled by manager B: whatever A's streams show
// came from another manager through the broker. Also: the HTTP server serves other requests while a command
// waits on a silent station.
#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <deque>
#include <future>
#include <mutex>
#include <set>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness.hpp"

namespace recarga::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// A Server-Sent Events client over one connection, as the console reads the stream (fetch with a bearer header).
class SseClient {
public:
    struct Frame {
        std::string id;
        std::string event;
        json::value data;
        std::string comment; // a comment line (": keep-alive"), when the frame is only that
    };

    SseClient(std::uint16_t port, const std::string& target, const std::string& token,
              const std::vector<std::pair<std::string, std::string>>& headers = {})
        : socket_(ioc_) {
        socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        http::request<http::empty_body> req{http::verb::get, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::accept, "text/event-stream");
        if (!token.empty()) {
            req.set(http::field::authorization, "Bearer " + token);
        }
        for (const auto& [k, v] : headers) {
            req.set(k, v);
        }
        http::write(socket_, req);
        parser_.body_limit(boost::none);
        chunk_cb_ = [this](std::uint64_t, std::string_view body, beast::error_code&) {
            pending_.append(body);
            return body.size();
        };
        parser_.on_chunk_body(chunk_cb_);
        http::read_header(socket_, buffer_, parser_);
        status_ = parser_.get().result_int();
        content_type_ = std::string(parser_.get()[http::field::content_type]);
        if (status_ == 200) {
            // The server's first chunk says the subscription is in place.
            auto first = next(5s, true);
            connected_ = first && first->comment == "connected";
        }
    }
    ~SseClient() {
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_both, ec);
        socket_.close(ec);
    }
    int status() const { return status_; }
    const std::string& content_type() const { return content_type_; }
    bool connected() const { return connected_; }

    // The next frame (event, or comment when `comments`); nullopt on timeout or end of stream.
    std::optional<Frame> next(std::chrono::milliseconds timeout = 10s, bool comments = false) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            while (true) {
                auto end = pending_.find("\n\n");
                if (end == std::string::npos) {
                    break;
                }
                auto text = pending_.substr(0, end);
                pending_.erase(0, end + 2);
                Frame f;
                std::size_t pos = 0;
                while (pos <= text.size()) {
                    auto nl = text.find('\n', pos);
                    auto line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
                    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
                    if (line.starts_with(": ")) {
                        f.comment = line.substr(2);
                    } else if (line.starts_with("id: ")) {
                        f.id = line.substr(4);
                    } else if (line.starts_with("event: ")) {
                        f.event = line.substr(7);
                    } else if (line.starts_with("data: ")) {
                        f.data = json::parse(line.substr(6));
                    }
                }
                if (!f.event.empty() || (comments && !f.comment.empty())) {
                    return f;
                }
            }
            if (parser_.is_done() || std::chrono::steady_clock::now() >= deadline) {
                return std::nullopt;
            }
            bool done = false;
            beast::error_code error;
            http::async_read_some(socket_, buffer_, parser_, [&](beast::error_code ec, std::size_t) {
                done = true;
                error = ec;
            });
            ioc_.restart();
            ioc_.run_for(std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                               std::chrono::steady_clock::now()));
            if (!done) {
                beast::error_code ignored;
                socket_.cancel(ignored);
                ioc_.restart();
                ioc_.run();
                return std::nullopt;
            }
            if (error) {
                return std::nullopt;
            }
        }
    }
    // The next event of one of `types` (others skipped).
    std::optional<Frame> next_of(std::initializer_list<std::string_view> types, std::chrono::milliseconds timeout = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto f = next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                                 std::chrono::steady_clock::now()));
            if (!f) {
                return std::nullopt;
            }
            for (auto t : types) {
                if (f->event == t) {
                    return f;
                }
            }
        }
        return std::nullopt;
    }

private:
    asio::io_context ioc_;
    tcp::socket socket_;
    beast::flat_buffer buffer_;
    http::response_parser<http::empty_body> parser_;
    std::function<std::size_t(std::uint64_t, std::string_view, beast::error_code&)> chunk_cb_;
    std::string pending_;
    int status_ = 0;
    std::string content_type_;
    bool connected_ = false;
};

// A webhook receiver: answers each POST with the next status of `answers` (then 200), and keeps what it got.
class Receiver {
public:
    struct Got {
        std::string body;
        std::string signature;
        std::string attempt;
    };
    explicit Receiver(std::vector<int> answers) : acceptor_(ioc_), answers_(answers.begin(), answers.end()) {
        acceptor_.open(tcp::v4());
        acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { run(); });
    }
    ~Receiver() {
        stopping_ = true;
        beast::error_code ec;
        // Wake the blocking accept with a connection of our own.
        tcp::socket s(ioc_);
        s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
        thread_.join();
    }
    std::uint16_t port() const { return port_; }
    std::vector<Got> got() {
        std::lock_guard lock(mutex_);
        return got_;
    }

private:
    void run() {
        while (!stopping_) {
            beast::error_code ec;
            tcp::socket s(ioc_);
            acceptor_.accept(s, ec);
            if (ec || stopping_) {
                continue;
            }
            beast::flat_buffer buffer;
            http::request<http::string_body> req;
            http::read(s, buffer, req, ec);
            if (ec) {
                continue;
            }
            int status = 200;
            {
                std::lock_guard lock(mutex_);
                got_.push_back({req.body(), std::string(req["X-Recarga-Signature"]),
                                std::string(req["X-Recarga-Delivery-Attempt"])});
                if (!answers_.empty()) {
                    status = answers_.front();
                    answers_.pop_front();
                }
            }
            http::response<http::string_body> res{static_cast<http::status>(status), 11};
            res.body() = "ok";
            res.prepare_payload();
            res.keep_alive(false);
            http::write(s, res, ec);
            s.shutdown(tcp::socket::shutdown_both, ec);
        }
    }
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::deque<int> answers_;
    std::vector<Got> got_;
    std::thread thread_;
};

std::string hmac_hex(const std::string& key, const std::string& body) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
         body.size(), mac, &n);
    std::string out;
    char hex[3];
    for (unsigned int i = 0; i < n; ++i) {
        std::snprintf(hex, sizeof hex, "%02x", mac[i]);
        out += hex;
    }
    return out;
}

class Events : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        // B ingests station traffic; A only serves the API (so A's streams only see what came through the broker).
        b = new Stack(*db, "gw-ev-b");
        b->start_manager();
        b->start_gateway();
        a = new Stack(*db, "gw-ev-a");
        a->manager_env = {"RECARGA_API_ONLY=1", "RECARGA_SSE_KEEPALIVE=1", "RECARGA_API_COMMAND_THREADS=2"};
        a->start_manager();
        // A's create-admin set the shared admin's password again, which ended B's sessions.
        b->admin_token = login(b->http_port, Stack::kAdminUser, Stack::kAdminPassword);
    }
    static void TearDownTestSuite() {
        delete a;
        delete b;
        delete db;
    }
    static std::unique_ptr<Station> connect(const std::string& id, const std::string& protocol = "ocpp1.6") {
        auto st = std::make_unique<Station>(b->gateway_port, "/ocpp/" + id, protocol);
        if (st->open()) {
            json::object boot = protocol == "ocpp1.6"
                                    ? json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "T"}}
                                    : json::object{{"reason", "PowerUp"},
                                                   {"chargingStation", {{"vendorName", "Recarga"}, {"model", "T"}}}};
            st->call("boot", "BootNotification", boot);
        }
        return st;
    }
    static json::object status16(int connector, const std::string& status) {
        return {{"connectorId", connector}, {"errorCode", "NoError"}, {"status", status}};
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* a = nullptr;
    static inline Stack* b = nullptr;
};

TEST_F(Events, AnUnauthenticatedStreamIsRefused401) {
    SseClient none(a->http_port, "/api/v1/events", "");
    EXPECT_EQ(none.status(), 401);
    SseClient wrong(a->http_port, "/api/v1/events", "rcs_not-a-token");
    EXPECT_EQ(wrong.status(), 401);
}

TEST_F(Events, AStationsLifeArrivesInOrderOnAnotherManagersStream) {
    SseClient sse(a->http_port, "/api/v1/events?stationId=EV-LIFE", a->admin_token);
    ASSERT_EQ(sse.status(), 200);
    EXPECT_EQ(sse.content_type(), "text/event-stream");
    ASSERT_TRUE(sse.connected());

    auto st = connect("EV-LIFE");
    ASSERT_TRUE(st->open());
    auto f = sse.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "station.connected");
    EXPECT_EQ(f->data.at("type").as_string(), "station.connected");
    EXPECT_EQ(f->data.at("stationId").as_string(), "EV-LIFE");
    EXPECT_EQ(f->data.at("data").at("gateway").as_string(), "gw-ev-b");
    EXPECT_FALSE(f->id.empty());

    st->call("s1", "StatusNotification", status16(1, "Preparing"));
    f = sse.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "connector.status");
    EXPECT_EQ(f->data.at("data").at("status").as_string(), "Preparing");
    EXPECT_EQ(f->data.at("data").at("evseId").as_int64(), 1);

    auto started = st->call("t1", "StartTransaction",
                            json::object{{"connectorId", 1}, {"idTag", "EVTAG"}, {"meterStart", 1000},
                                         {"timestamp", "2026-01-01T10:00:00Z"}});
    const auto tx = started.at(2).at("transactionId").as_int64();
    f = sse.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "transaction.started");
    const auto& t = f->data.at("data").at("transaction");
    EXPECT_EQ(t.at("transactionId").as_string(), std::to_string(tx));
    EXPECT_EQ(t.at("status").as_string(), "active");
    EXPECT_EQ(t.at("stationId").as_string(), "EV-LIFE");
    EXPECT_FALSE(t.at("id").as_string().empty());

    st->call("m1", "MeterValues",
             json::object{{"connectorId", 1},
                          {"transactionId", tx},
                          {"meterValue", json::array{{{"timestamp", "2026-01-01T10:30:00Z"},
                                                      {"sampledValue", json::array{{{"value", "4000"}, {"unit", "Wh"}}}}}}}});
    f = sse.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "meter.values");
    EXPECT_EQ(f->data.at("data").at("transactionId").as_string(), std::to_string(tx));
    EXPECT_DOUBLE_EQ(f->data.at("data").at("values").at(0).at("value").to_number<double>(), 4000.0);

    st->call("t2", "StopTransaction",
             json::object{{"transactionId", tx}, {"meterStop", 9000}, {"timestamp", "2026-01-01T11:00:00Z"}});
    f = sse.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "transaction.ended");
    EXPECT_EQ(f->data.at("data").at("transaction").at("status").as_string(), "completed");
    EXPECT_DOUBLE_EQ(f->data.at("data").at("transaction").at("energyWh").to_number<double>(), 8000.0);

    st.reset(); // the station goes away
    f = sse.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "station.disconnected");
    EXPECT_EQ(f->data.at("stationId").as_string(), "EV-LIFE");
}

TEST_F(Events, AStreamFilteredByStationSeesOnlyThatStation) {
    SseClient only(a->http_port, "/api/v1/events?stationId=EV-F1&stationId=EV-F3", a->admin_token);
    SseClient all(b->http_port, "/api/v1/events", b->admin_token);
    ASSERT_TRUE(only.connected());
    ASSERT_TRUE(all.connected());
    auto f1 = connect("EV-F1");
    auto f2 = connect("EV-F2");
    ASSERT_TRUE(f1->open() && f2->open());
    f2->call("x", "StatusNotification", status16(1, "Faulted"));
    f1->call("y", "StatusNotification", status16(1, "Available"));
    // The unfiltered stream (on B) sees both stations' status.
    std::set<std::string> seen;
    for (int i = 0; i < 2; ++i) {
        auto f = all.next_of({"connector.status"});
        ASSERT_TRUE(f);
        seen.insert(std::string(f->data.at("stationId").as_string()));
    }
    EXPECT_TRUE(seen.contains("EV-F1") && seen.contains("EV-F2"));
    // The filtered one: only EV-F1 (connected, then its status), never EV-F2.
    auto f = only.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "station.connected");
    EXPECT_EQ(f->data.at("stationId").as_string(), "EV-F1");
    f = only.next();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->event, "connector.status");
    EXPECT_EQ(f->data.at("stationId").as_string(), "EV-F1");
    EXPECT_EQ(f->data.at("data").at("status").as_string(), "Available");
    EXPECT_FALSE(only.next(1500ms)) << "an event of another station passed the filter";
}

TEST_F(Events, KeepAliveCommentsWhileNothingHappens) {
    SseClient sse(a->http_port, "/api/v1/events?stationId=EV-QUIET", a->admin_token); // A: --sse-keepalive 1
    ASSERT_TRUE(sse.connected());
    auto f = sse.next(3s, true);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->comment, "keep-alive");
}

TEST_F(Events, ReconnectingWithLastEventIdGetsWhatWasMissed) {
    std::string last;
    {
        SseClient sse(a->http_port, "/api/v1/events?stationId=EV-GAP", a->admin_token);
        ASSERT_TRUE(sse.connected());
        auto st = connect("EV-GAP");
        auto f = sse.next_of({"station.connected"});
        ASSERT_TRUE(f);
        last = f->id;
        // Away now: the next status is missed by the stream.
        st->call("g1", "StatusNotification", status16(1, "Unavailable")); // answered: committed and published
    }
    std::this_thread::sleep_for(500ms); // the status event reaches A's hub while no client listens
    SseClient again(a->http_port, "/api/v1/events?stationId=EV-GAP", a->admin_token, {{"Last-Event-ID", last}});
    ASSERT_TRUE(again.connected());
    auto f = again.next_of({"connector.status"}, 5s);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->data.at("data").at("status").as_string(), "Unavailable");
    // Ids are "<epoch>-<seq>": the same manager's epoch, a later number.
    const auto dash = last.rfind('-');
    ASSERT_NE(dash, std::string::npos) << last;
    EXPECT_EQ(f->id.substr(0, f->id.rfind('-')), last.substr(0, dash));
    EXPECT_GT(std::stoull(f->id.substr(f->id.rfind('-') + 1)), std::stoull(last.substr(dash + 1)));

    // Manager B numbers its own events: A's id means nothing there, so B says resync instead of replaying the
    // wrong events (a client behind a load balancer that lands on the other manager re-reads its state).
    SseClient elsewhere(b->http_port, "/api/v1/events?stationId=EV-GAP", b->admin_token, {{"Last-Event-ID", last}});
    ASSERT_TRUE(elsewhere.connected());
    auto r = elsewhere.next(5s);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->event, "resync");
    EXPECT_TRUE(r->id.empty());
}

TEST_F(Events, CommandAnswersAreEvents) {
    SseClient sse(a->http_port, "/api/v1/events?stationId=EV-CMD", a->admin_token);
    ASSERT_TRUE(sse.connected());
    auto st = connect("EV-CMD");
    ASSERT_TRUE(eventually([] { return db->scalar("SELECT connected FROM stations WHERE id = 'EV-CMD'") == "t"; }));
    auto res = std::async(std::launch::async, [] {
        return http_post(a->http_port, "/api/v1/stations/EV-CMD/commands/Reset", R"({"type":"Soft"})",
                         a->admin_token);
    });
    auto call = st->read_call();
    ASSERT_TRUE(call);
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    ASSERT_EQ(res.get().status, 200);
    auto f = sse.next_of({"command.answered"});
    ASSERT_TRUE(f);
    EXPECT_EQ(f->data.at("data").at("action").as_string(), "Reset");
    EXPECT_EQ(f->data.at("data").at("outcome").as_string(), "result");
    EXPECT_EQ(f->data.at("data").at("status").as_string(), "Accepted");
}

TEST_F(Events, OtherRequestsAreServedWhileACommandWaitsOnASilentStation) {
    auto st = connect("EV-SILENT");
    ASSERT_TRUE(eventually([] { return db->scalar("SELECT connected FROM stations WHERE id = 'EV-SILENT'") == "t"; }));
    const auto t0 = std::chrono::steady_clock::now();
    auto waiting = std::async(std::launch::async, [] {
        return http_post(a->http_port, "/api/v1/stations/EV-SILENT/commands/Reset?timeoutMs=4000", R"({"type":"Soft"})",
                         a->admin_token);
    });
    ASSERT_TRUE(st->read_call()); // the command reached the station, which never answers
    auto list = http_get(a->http_port, "/api/v1/stations?limit=5", a->admin_token);
    const auto listed_after = std::chrono::steady_clock::now() - t0;
    EXPECT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(waiting.wait_for(0s), std::future_status::timeout) << "the command ended before the list was served";
    EXPECT_LT(listed_after, 3500ms);
    auto r = waiting.get();
    EXPECT_EQ(r.status, 504) << r.body; // the gateway's timeout
}

TEST_F(Events, ViewersMayReadEventsButNotManageWebhooks) {
    auto created = http_request(a->http_port, "POST", "/api/v1/users",
                                R"({"username":"ev-viewer","role":"viewer","password":"ev-viewer-pass"})",
                                {{"Authorization", "Bearer " + a->admin_token}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto token = login(a->http_port, "ev-viewer", "ev-viewer-pass");
    ASSERT_FALSE(token.empty());
    SseClient sse(a->http_port, "/api/v1/events", token);
    EXPECT_EQ(sse.status(), 200);
    auto refused = http_post(a->http_port, "/api/v1/webhooks",
                             R"({"url":"http://127.0.0.1:9/x","events":["connector.status"]})", token);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(http_get(a->http_port, "/api/v1/webhooks", token).status, 403);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE path = '/api/v1/webhooks' AND status = 403 "
                         "AND actor_name = 'ev-viewer'"),
              "1");
}

TEST_F(Events, WebhooksGetSignedEventsRetriedUntilTaken) {
    Receiver receiver({500}); // the first attempt fails, the retry is taken
    auto created = http_post(a->http_port, "/api/v1/webhooks",
                             json::serialize(json::object{
                                 {"url", "http://127.0.0.1:" + std::to_string(receiver.port()) + "/recarga"},
                                 {"events", json::array{"connector.status"}}}),
                             a->admin_token);
    ASSERT_EQ(created.status, 201) << created.body;
    auto hook = json::parse(created.body).as_object();
    const std::string id(hook.at("id").as_string());
    const std::string secret(hook.at("secret").as_string());
    EXPECT_TRUE(secret.starts_with("rcw_"));
    auto shown = http_get(a->http_port, "/api/v1/webhooks/" + id, a->admin_token);
    ASSERT_EQ(shown.status, 200);
    EXPECT_FALSE(json::parse(shown.body).as_object().contains("secret")) << "the secret is write-only";
    EXPECT_EQ(db->scalar("SELECT resource FROM audit_log WHERE path = '/api/v1/webhooks' AND status = 201"),
              "webhooks/" + id);
    std::this_thread::sleep_for(2500ms); // the dispatchers read registrations every 2 s

    auto st = connect("EV-HOOK");
    st->call("h1", "StatusNotification", status16(1, "SuspendedEV"));
    ASSERT_TRUE(eventually([&] { return receiver.got().size() >= 2; }, 15s));
    auto got = receiver.got();
    EXPECT_EQ(got[0].body, got[1].body); // the same event, retried
    EXPECT_EQ(got[0].attempt, "1");
    EXPECT_EQ(got[1].attempt, "2");
    for (const auto& g : got) {
        EXPECT_EQ(g.signature, "sha256=" + hmac_hex(secret, g.body));
    }
    auto event = json::parse(got[1].body);
    EXPECT_EQ(event.at("type").as_string(), "connector.status"); // station.connected was not subscribed
    EXPECT_EQ(event.at("stationId").as_string(), "EV-HOOK");
    EXPECT_EQ(event.at("data").at("status").as_string(), "SuspendedEV");

    ASSERT_TRUE(eventually([&] {
        auto w = json::parse(http_get(a->http_port, "/api/v1/webhooks/" + id, a->admin_token).body);
        return w.at("delivery").at("delivered").as_int64() == 1;
    }));
    auto w = json::parse(http_get(a->http_port, "/api/v1/webhooks/" + id, a->admin_token).body);
    EXPECT_EQ(w.at("delivery").at("lastStatus").as_int64(), 200);
    EXPECT_TRUE(w.at("delivery").at("lastError").is_null());
    EXPECT_EQ(w.at("delivery").at("consecutiveFailures").as_int64(), 0);
    auto list = json::parse(http_get(a->http_port, "/api/v1/webhooks", a->admin_token).body);
    EXPECT_EQ(list.at("items").as_array().size(), 1u);

    EXPECT_EQ(http_request(a->http_port, "DELETE", "/api/v1/webhooks/" + id, "",
                           {{"Authorization", "Bearer " + a->admin_token}})
                  .status,
              204);
    EXPECT_EQ(http_get(a->http_port, "/api/v1/webhooks/" + id, a->admin_token).status, 404);
}

TEST_F(Events, AWebhookThatNeverAnswersShowsItsFailure) {
    auto created = http_post(a->http_port, "/api/v1/webhooks",
                             R"({"url":"http://127.0.0.1:9/closed","events":["station.connected"],)"
                             R"("secret":"a-secret-of-my-own-choice"})",
                             a->admin_token);
    ASSERT_EQ(created.status, 201) << created.body;
    auto hook = json::parse(created.body).as_object();
    EXPECT_EQ(hook.at("secret").as_string(), "a-secret-of-my-own-choice");
    const std::string id(hook.at("id").as_string());
    std::this_thread::sleep_for(2500ms);
    auto st = connect("EV-HOOK-DOWN");
    ASSERT_TRUE(eventually([&] {
        auto w = json::parse(http_get(a->http_port, "/api/v1/webhooks/" + id, a->admin_token).body);
        return w.at("delivery").at("consecutiveFailures").as_int64() >= 1;
    }));
    auto w = json::parse(http_get(a->http_port, "/api/v1/webhooks/" + id, a->admin_token).body);
    EXPECT_TRUE(w.at("delivery").at("lastStatus").is_null());
    EXPECT_FALSE(w.at("delivery").at("lastError").as_string().empty());
    http_request(a->http_port, "DELETE", "/api/v1/webhooks/" + id, "", {{"Authorization", "Bearer " + a->admin_token}});
}

} // namespace
} // namespace recarga::test
