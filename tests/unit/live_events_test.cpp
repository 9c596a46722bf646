// Live events (GET /api/v1/events, webhooks): which events a handled message yields, their wire forms, the
// SSE fan-out with filter, replay and bounds, the request pool's bound, and the webhook signature and backoff.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/events_api.hpp"
#include "api/request_pool.hpp"
#include "domain/auth.hpp"
#include "events/broadcaster.hpp"
#include "events/live_event.hpp"
#include "webhooks/dispatcher.hpp"

namespace recarga::manager {
namespace {

namespace env = recarga::envelope;
namespace json = boost::json;
using namespace std::chrono_literals;

env::Envelope call(std::string protocol, std::string action, std::string_view payload) {
    env::Envelope e;
    e.kind = env::Kind::Call;
    e.station = "CS-1";
    e.gateway = "gw";
    e.protocol = std::move(protocol);
    e.action = std::move(action);
    e.payload = json::parse(payload);
    e.at_us = 1767261600123000; // 2026-01-01T10:00:00.123Z
    return e;
}

env::Envelope result(std::string_view payload = "{}") {
    env::Envelope r;
    r.kind = env::Kind::Result;
    r.payload = json::parse(payload);
    return r;
}

TEST(LiveEvents, ConnectAndDisconnect) {
    env::Envelope c;
    c.kind = env::Kind::Connected;
    c.station = "CS-1";
    c.gateway = "gw-a";
    c.connection = 7;
    c.protocol = "ocpp2.0.1";
    auto ev = events::events_from(c, std::nullopt);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].type, "station.connected");
    EXPECT_EQ(ev[0].data.at("connectionId").as_int64(), 7);
    EXPECT_EQ(ev[0].data.at("protocol").as_string(), "ocpp2.0.1");
    c.kind = env::Kind::Disconnected;
    ev = events::events_from(c, std::nullopt);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].type, "station.disconnected");
    EXPECT_TRUE(ev[0].needs_offline_check); // a replaced connection's disconnect must not say "offline"
}

TEST(LiveEvents, StatusNotificationOfBothVersions) {
    auto v16 = events::events_from(
        call("ocpp1.6", "StatusNotification", R"({"connectorId":2,"errorCode":"NoError","status":"Charging"})"),
        result());
    ASSERT_EQ(v16.size(), 1u);
    EXPECT_EQ(json::serialize(v16[0].data), R"({"evseId":2,"connectorId":1,"status":"Charging"})");
    auto v201 = events::events_from(call("ocpp2.0.1", "StatusNotification",
                                         R"({"timestamp":"2026-01-01T10:00:00Z","connectorStatus":"Occupied",)"
                                         R"("evseId":1,"connectorId":2})"),
                                    result());
    ASSERT_EQ(v201.size(), 1u);
    EXPECT_EQ(json::serialize(v201[0].data), R"({"evseId":1,"connectorId":2,"status":"Occupied"})");
}

TEST(LiveEvents, ACallAnsweredWithAnErrorYieldsNothing) {
    env::Envelope err;
    err.kind = env::Kind::Error;
    EXPECT_TRUE(events::events_from(
                    call("ocpp1.6", "StatusNotification", R"({"connectorId":2,"errorCode":"NoError","status":"Faulted"})"),
                    err)
                    .empty());
    EXPECT_TRUE(events::events_from(call("ocpp1.6", "Heartbeat", "{}"), result()).empty());
}

TEST(LiveEvents, MeterValuesAsNumbersWithUnits) {
    auto v16 = events::events_from(
        call("ocpp1.6", "MeterValues",
             R"({"connectorId":1,"transactionId":42,"meterValue":[{"timestamp":"2026-01-01T10:00:00Z","sampledValue":[)"
             R"({"value":"1234.5","unit":"Wh"},{"value":"7200","measurand":"Power.Active.Import","unit":"W"},)"
             R"({"value":"ab12","format":"SignedData"}]}]})"),
        result());
    ASSERT_EQ(v16.size(), 1u);
    EXPECT_EQ(v16[0].type, "meter.values");
    EXPECT_EQ(v16[0].data.at("transactionId").as_string(), "42");
    const auto& values = v16[0].data.at("values").as_array();
    ASSERT_EQ(values.size(), 2u); // the signed blob is no number
    EXPECT_EQ(values[0].at("measurand").as_string(), "Energy.Active.Import.Register");
    EXPECT_DOUBLE_EQ(values[0].at("value").as_double(), 1234.5);
    EXPECT_EQ(values[1].at("unit").as_string(), "W");

    auto v201 = events::events_from(
        call("ocpp2.0.1", "MeterValues",
             R"({"evseId":1,"meterValue":[{"timestamp":"2026-01-01T10:00:00Z","sampledValue":[)"
             R"({"value":1.5,"unitOfMeasure":{"unit":"kWh","multiplier":3}}]}]})"),
        result());
    ASSERT_EQ(v201.size(), 1u);
    EXPECT_DOUBLE_EQ(v201[0].data.at("values").at(0).at("value").as_double(), 1500.0);
    EXPECT_FALSE(v201[0].data.contains("transactionId"));
}

TEST(LiveEvents, TransactionStartAndEndCarryTheKeyToComplete) {
    auto start = events::events_from(
        call("ocpp1.6", "StartTransaction",
             R"({"connectorId":1,"idTag":"T","meterStart":0,"timestamp":"2026-01-01T10:00:00Z"})"),
        result(R"({"transactionId":17,"idTagInfo":{"status":"Accepted"}})"));
    ASSERT_EQ(start.size(), 1u);
    EXPECT_EQ(start[0].type, "transaction.started");
    EXPECT_EQ(start[0].transaction_key, "17");
    auto stop = events::events_from(
        call("ocpp1.6", "StopTransaction", R"({"transactionId":17,"meterStop":10,"timestamp":"2026-01-01T11:00:00Z"})"),
        result("{}"));
    ASSERT_EQ(stop.size(), 1u);
    EXPECT_EQ(stop[0].type, "transaction.ended");
    auto ended = events::events_from(
        call("ocpp2.0.1", "TransactionEvent",
             R"({"eventType":"Ended","timestamp":"2026-01-01T11:00:00Z","triggerReason":"EVDeparted","seqNo":3,)"
             R"("transactionInfo":{"transactionId":"TX-9"},"evse":{"id":1},"meterValue":[{"timestamp":)"
             R"("2026-01-01T11:00:00Z","sampledValue":[{"value":9000}]}]})"),
        result("{}"));
    ASSERT_EQ(ended.size(), 2u); // its meter values, then the end
    EXPECT_EQ(ended[0].type, "meter.values");
    EXPECT_EQ(ended[0].data.at("transactionId").as_string(), "TX-9");
    EXPECT_EQ(ended[1].type, "transaction.ended");
    EXPECT_EQ(ended[1].transaction_key, "TX-9");
}

TEST(LiveEvents, WireFormAndSseFrame) {
    events::LiveEvent e;
    e.type = "connector.status";
    e.station = "CS-1";
    e.at_us = 1767261600123000;
    e.data = {{"evseId", 1}};
    const std::vector<events::LiveEvent> one{e};
    auto body = events::encode(one);
    auto back = events::decode(body);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), 1u);
    EXPECT_EQ((*back)[0].at("at").as_string(), "2026-01-01T10:00:00.123Z");
    EXPECT_EQ((*back)[0].at("stationId").as_string(), "CS-1");
    EXPECT_FALSE(events::decode("{\"type\":1}"));
    EXPECT_FALSE(events::decode("[{\"type\":\"x\"}]"));
    EXPECT_EQ(events::sse_frame("5", "connector.status", "{\"a\":\"b\\nc\"}"),
              "id: 5\nevent: connector.status\ndata: {\"a\":\"b\\nc\"}\n\n");
}

json::object event_of(const std::string& station, const std::string& type = "connector.status") {
    return {{"type", type}, {"stationId", station}, {"at", "2026-01-01T10:00:00.000Z"}, {"data", json::object{}}};
}

TEST(Broadcaster, FiltersByStationAndWakesOnlyThoseConcerned) {
    events::Broadcaster b(1024, 4096, "e1");
    int woke_all = 0, woke_one = 0;
    auto all = b.subscribe({}, "", [&] { ++woke_all; });
    auto one = b.subscribe({{"CS-2"}}, "", [&] { ++woke_one; });
    b.deliver({event_of("CS-1"), event_of("CS-1")});
    EXPECT_EQ(all->frames.size(), 2u);
    EXPECT_EQ(one->frames.size(), 0u);
    EXPECT_EQ(woke_all, 1); // once per broker message
    EXPECT_EQ(woke_one, 0);
    b.deliver({event_of("CS-2")});
    ASSERT_EQ(one->frames.size(), 1u);
    EXPECT_TRUE(one->frames.front().starts_with("id: e1-3\nevent: connector.status\ndata: {"));
    b.unsubscribe(one);
    EXPECT_EQ(b.subscribers(), 1u);
}

TEST(Broadcaster, ReplaysAfterLastEventIdFromWhatItKeeps) {
    events::Broadcaster b(3, 4096, "e1");
    for (int i = 0; i < 5; ++i) {
        b.deliver({event_of(i % 2 ? "CS-1" : "CS-2")}); // ids e1-1..e1-5; kept: 3, 4, 5
    }
    auto s = b.subscribe({}, "e1-3", [] {});
    ASSERT_EQ(s->frames.size(), 2u);
    EXPECT_TRUE(s->frames[0].starts_with("id: e1-4\n"));
    auto filtered = b.subscribe({{"CS-1"}}, "e1-2", [] {});
    ASSERT_EQ(filtered->frames.size(), 1u); // 3 and 5 are CS-2, 4 is CS-1
    EXPECT_TRUE(filtered->frames[0].starts_with("id: e1-4\n"));
    EXPECT_TRUE(b.subscribe({}, "e1-5", [] {})->frames.empty()); // up to date: nothing to replay, nothing missed
}

TEST(Broadcaster, AnIdItCannotResumeFromGetsResyncNotWrongEvents) {
    events::Broadcaster b(3, 4096, "e1");
    for (int i = 0; i < 5; ++i) {
        b.deliver({event_of("CS-1")}); // kept: e1-3, e1-4, e1-5
    }
    // Another manager's (or an earlier process's) id, even with a number this one has used; an id whose
    // successors have left the history; one from the future; garbage. Each: resync, never a replay.
    for (const char* id : {"e2-3", "e1-1", "e1-99", "e1-", "3", "e1-3x", "-1"}) {
        auto s = b.subscribe({}, id, [] {});
        ASSERT_EQ(s->frames.size(), 1u) << id;
        EXPECT_EQ(s->frames[0], "event: resync\ndata: {}\n\n") << id;
    }
    EXPECT_EQ(b.subscribe({}, "e1-2", [] {})->frames.size(), 3u); // e1-3 is kept: nothing was lost
}

TEST(Broadcaster, EveryProcessNumbersUnderItsOwnEpoch) {
    events::Broadcaster a, b;
    EXPECT_NE(a.epoch(), b.epoch());
    a.deliver({event_of("CS-1")});
    auto s = a.subscribe({}, "", [] {});
    a.deliver({event_of("CS-1")});
    ASSERT_EQ(s->frames.size(), 1u);
    EXPECT_TRUE(s->frames[0].starts_with("id: " + a.epoch() + "-2\n"));
}

TEST(Broadcaster, ASlowClientIsCutOffNotBufferedWithoutEnd) {
    events::Broadcaster b(16, 4);
    auto s = b.subscribe({}, "", [] {});
    for (int i = 0; i < 5; ++i) {
        b.deliver({event_of("CS-1")});
    }
    EXPECT_TRUE(s->overflowed);
    EXPECT_TRUE(s->frames.empty());
}

TEST(RequestPool, RefusesBeyondItsBoundAndRunsJobsConcurrently) {
    api::RequestPool pool("test", 2, 3);
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::atomic<int> running{0};
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(pool.try_submit([&, gate] {
            ++running;
            gate.wait();
        }));
    }
    EXPECT_FALSE(pool.try_submit([] {})); // 2 running + 1 queued = the bound
    for (int i = 0; i < 100 && running.load() < 2; ++i) {
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(running.load(), 2); // two threads, both busy at once
    release.set_value();
    pool.stop();
    EXPECT_EQ(running.load(), 3); // stop() lets the queued job finish
    EXPECT_FALSE(pool.try_submit([] {}));
}

TEST(Webhooks, SignatureIsHmacSha256OfTheBody) {
    // RFC 4231, test case 2.
    EXPECT_EQ(auth::hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(webhooks::signature_header("Jefe", "what do ya want for nothing?"),
              "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Webhooks, RetriesBackOffExponentiallyWithACap) {
    EXPECT_EQ(webhooks::retry_delay(1), 0ms);
    EXPECT_EQ(webhooks::retry_delay(2), 1000ms);
    EXPECT_EQ(webhooks::retry_delay(3), 2000ms);
    EXPECT_EQ(webhooks::retry_delay(6), 16000ms);
    EXPECT_EQ(webhooks::retry_delay(40), 60000ms);
}

TEST(Webhooks, OnlyAbsoluteHttpUrls) {
    EXPECT_TRUE(api::is_webhook_url("http://127.0.0.1:8080/hook"));
    EXPECT_TRUE(api::is_webhook_url("https://example.org/in?x=1"));
    EXPECT_FALSE(api::is_webhook_url("ftp://example.org/"));
    EXPECT_FALSE(api::is_webhook_url("http:///path"));
    EXPECT_FALSE(api::is_webhook_url("http://exa mple.org/"));
    EXPECT_FALSE(api::is_webhook_url("http://example.org/\r\nX-Injected: 1"));
}

} // namespace
} // namespace recarga::manager
