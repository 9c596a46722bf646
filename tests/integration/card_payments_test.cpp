// Card payments through the real stack against a fake card processor of ours (tests/support/
// fake_card_processor.py): a hold (manual-capture payment intent) at Authorize/start, live cost while charging,
// capture of the final price at stop, declines refused at Authorize and start, transient processor failures
// retried and visible, and exactly one capture when the manager dies between the capture and its commit.
#include "harness.hpp"
#include "ocpp_calls.hpp"
#include "tariff_fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::test {
namespace {

namespace json = boost::json;

class CardPayments : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        processor_port = free_port();
        processor = new Process(
            "/usr/bin/python3",
            {RECARGA_SOURCE_DIR "/tests/support/fake_card_processor.py", std::to_string(processor_port), "sk_it"}, {},
            "card-processor.log");
        ASSERT_TRUE(eventually([] {
            try {
                return http_get(processor_port, "/_state").status == 200;
            } catch (const std::exception&) {
                return false; // not listening yet
            }
        }));
        db = new TestDatabase();
        stack = new Stack(*db, "gw-card");
        stack->manager_env = manager_env();
        stack->start_manager();
        stack->start_gateway();
        db->scalar("INSERT INTO id_tokens (id_token, type, status, group_id_token) VALUES "
                   "('TAG-CARD', 'ISO14443', 'Accepted', NULL), ('TAG-CARD2', 'ISO14443', 'Accepted', 'CARDS'), "
                   "('TAG-CARD3', 'ISO14443', 'Accepted', 'CARDS'), ('TAG-BAD', 'ISO14443', 'Accepted', NULL)");
        month = db->scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
        delete processor;
    }
    static std::vector<std::string> manager_env() {
        return {"RECARGA_CARD_URL=http://127.0.0.1:" + std::to_string(processor_port), "RECARGA_CARD_SECRET_KEY=sk_it",
                "RECARGA_CARD_TIMEOUT_MS=10000", "RECARGA_COST_UPDATE_INTERVAL=1"};
    }
    static json::object call(Station& st, const std::string& id, const std::string& action, const json::value& p) {
        return call_ok(st, id, action, p);
    }
    static HttpResult post(const std::string& target, const json::value& body) {
        return http_post(stack->http_port, target, json::serialize(body), stack->admin_token);
    }
    static json::object processor_state() { return json::parse(http_get(processor_port, "/_state").body).as_object(); }
    static void control(const json::object& c) {
        ASSERT_EQ(http_post(processor_port, "/_control", json::serialize(c)).status, 200);
    }
    static std::string at(const std::string& hms) { return month + "-03T" + hms + ".000Z"; }
    static std::string q(const std::string& sql) { return db->scalar(sql); }
    static json::object cost_of(const std::string& id) {
        return json::parse(http_get(stack->http_port, "/api/v1/transactions/" + id + "/cost", stack->admin_token).body)
            .as_object();
    }
    static bool payment_is(const std::string& id, const std::string& state,
                           std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
        return eventually([&] { return q("SELECT payment_state FROM transactions WHERE id = " + id) == state; },
                          timeout);
    }
    // A 1.6 session: Authorize, start, stop at the given register readings (Wh); the manager's transaction id.
    static std::string v16_session(Station& st, const std::string& tag, int from_wh, int to_wh, const std::string& hour,
                                   const json::object& control_before_stop = {}) {
        EXPECT_EQ(call(st, "a", "Authorize", json::object{{"idTag", tag}})["idTagInfo"].at("status").as_string(),
                  "Accepted");
        auto started =
            call(st, "s", "StartTransaction",
                 json::object{{"connectorId", 1}, {"idTag", tag}, {"meterStart", from_wh}, {"timestamp", at(hour)}});
        EXPECT_EQ(started["idTagInfo"].at("status").as_string(), "Accepted");
        const auto tx = started["transactionId"].as_int64();
        const auto id = q("SELECT id FROM transactions WHERE v16_transaction_id = " + std::to_string(tx));
        // The hold goes with the transaction before it ends (the billing loop fixes its tariff).
        EXPECT_TRUE(
            eventually([&] { return q("SELECT count(*) FROM payment_holds WHERE transaction_pk = " + id) == "1"; }));
        if (!control_before_stop.empty()) {
            control(control_before_stop);
        }
        call(st, "x", "StopTransaction",
             json::object{{"transactionId", tx}, {"meterStop", to_wh}, {"timestamp", at(hour.substr(0, 3) + "30:00")}});
        return id;
    }

    static inline std::uint16_t processor_port = 0;
    static inline Process* processor = nullptr;
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline std::string month;
};

TEST_F(CardPayments, C1_PaymentMethodsAreSetAndShownInTheApi) {
    auto created = post("/api/v1/payment-methods",
                        json::object{{"idToken", "TAG-CARD"}, {"method", "card"}, {"cardCustomer", "cus_ok"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(json::parse(created.body).at("method").as_string(), "card");
    ASSERT_EQ(post("/api/v1/payment-methods",
                   json::object{{"idTokenGroup", "CARDS"}, {"method", "card"}, {"cardCustomer", "cus_fleet"}})
                  .status,
              201);
    ASSERT_EQ(post("/api/v1/payment-methods",
                   json::object{{"idToken", "TAG-BAD"}, {"method", "card"}, {"cardCustomer", "cus_decline"}})
                  .status,
              201);
    EXPECT_EQ(post("/api/v1/payment-methods",
                   json::object{{"idToken", "TAG-CARD"}, {"method", "card"}, {"cardCustomer", "cus_other"}})
                  .status,
              409); // one setting per token
    EXPECT_EQ(post("/api/v1/payment-methods", json::object{{"idToken", "TAG-X"}, {"method", "card"}}).status, 422);
    EXPECT_EQ(
        post("/api/v1/payment-methods", json::object{{"idToken", "TAG-X"}, {"idTokenGroup", "G"}, {"method", "wallet"}})
            .status,
        422);
    auto list = json::parse(http_get(stack->http_port, "/api/v1/payment-methods?limit=2", stack->admin_token).body);
    EXPECT_EQ(list.at("items").as_array().size(), 2U);
    EXPECT_EQ(list.at("items").at(1).at("idTokenGroup").as_string(), "CARDS");
    EXPECT_FALSE(list.at("nextCursor").is_null());
    auto scratch = post("/api/v1/payment-methods", json::object{{"idToken", "TAG-TMP"}, {"method", "wallet"}});
    ASSERT_EQ(scratch.status, 201);
    const auto scratch_id = std::string(json::parse(scratch.body).at("id").as_string());
    EXPECT_EQ(http_request(stack->http_port, "DELETE", "/api/v1/payment-methods/" + scratch_id, "",
                           {{"Authorization", "Bearer " + stack->admin_token}})
                  .status,
              204);
    EXPECT_EQ(q("SELECT count(*) FROM audit_log WHERE path LIKE '/api/v1/payment-methods%' AND status < 300"), "5");
}

// C01/E: a card-paying token charges on a hold; the running cost reaches the 2.0.1 station; the final price is
// captured from the hold once.
TEST_F(CardPayments, C2_FullSessionHoldsShowsLiveCostAndCapturesByCard) {
    auto st = boot_station(stack->gateway_port, "CP-CARD201", "ocpp2.0.1");
    ASSERT_EQ(post("/api/v1/tariffs", simple_tariff("card", "0.40")).status, 201);
    ASSERT_EQ(
        post("/api/v1/tariff-assignments", json::object{{"tariffId", "card"}, {"stationId", "CP-CARD201"}}).status,
        201);
    const json::object token{{"idToken", "TAG-CARD"}, {"type", "ISO14443"}};
    EXPECT_EQ(call(*st, "a1", "Authorize", json::object{{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "Accepted");
    auto intents = processor_state().at("intents").as_object();
    ASSERT_EQ(intents.size(), 1U);
    EXPECT_EQ(intents.at("pi_1").at("amount").as_int64(), 500); // RECARGA_PREAUTH_AMOUNT 5.00 EUR
    EXPECT_EQ(intents.at("pi_1").at("customer").as_string(), "cus_ok");
    EXPECT_EQ(intents.at("pi_1").at("status").as_string(), "requires_capture");

    auto event = [&](const std::string& type, int seq, const std::string& ts, double kwh) {
        return energy_event(type, seq, ts, kwh, "T-CARD", token);
    };
    auto next_cost = [&] { return next_cost_updated(*st, "T-CARD"); };
    auto started = call(*st, "e0", "TransactionEvent", event("Started", 0, at("10:00:00"), 10.0));
    EXPECT_EQ(started["idTokenInfo"].at("status").as_string(), "Accepted");
    EXPECT_EQ(processor_state().at("intents").as_object().size(), 1U); // the Authorize's hold serves the start
    EXPECT_DOUBLE_EQ(next_cost(), 1.20);
    call(*st, "e1", "TransactionEvent", event("Updated", 1, at("10:30:00"), 12.5));
    EXPECT_DOUBLE_EQ(next_cost(), 2.40); // + 2.5 kWh x 0.40, VAT 20 %
    const auto id = q("SELECT id FROM transactions WHERE transaction_id = 'T-CARD'");
    auto running = cost_of(id);
    EXPECT_EQ(running["payment"].at("hold").at("state").as_string(), "held");
    EXPECT_EQ(running["payment"].at("hold").at("amount").as_string(), "5.00");
    EXPECT_DOUBLE_EQ(
        call(*st, "e2", "TransactionEvent", event("Ended", 2, at("11:00:00"), 15.0))["totalCost"].to_number<double>(),
        3.60);
    EXPECT_DOUBLE_EQ(next_cost(), 3.60); // final: 5 kWh x 0.40 + 1.00, VAT 20 %

    ASSERT_TRUE(payment_is(id, "captured"));
    auto cost = cost_of(id);
    EXPECT_EQ(cost["cost"].at("total").as_string(), "3.60");
    EXPECT_EQ(cost["payment"].at("hold").at("state").as_string(), "captured");
    EXPECT_EQ(cost["payment"].at("hold").at("captured").as_string(), "3.60");
    auto intent = processor_state().at("intents").at("pi_1");
    EXPECT_EQ(intent.at("status").as_string(), "succeeded");
    EXPECT_EQ(intent.at("amount_received").as_int64(), 360);
    EXPECT_EQ(processor_state().at("requests_by_key").at("capture-" + id).as_int64(), 1);
}

TEST_F(CardPayments, C3_DeclinedCardIsRefusedAtAuthorizeAndStart) {
    auto st201 = boot_station(stack->gateway_port, "CP-DECL201", "ocpp2.0.1");
    auto st16 = boot_station(stack->gateway_port, "CP-DECL16", "ocpp1.6");
    expect_refused_to_charge(*st201, *st16, "TAG-BAD", at("12:00:00"), "T-DECL");
    EXPECT_EQ(q("SELECT count(*) FROM payment_holds WHERE id_token = 'TAG-BAD'"), "0");

    // A processor that does not answer is no hold either: refused, not waved through.
    control({{"fail", 1}});
    EXPECT_EQ(
        call(*st16, "a2", "Authorize", json::object{{"idTag", "TAG-CARD3"}})["idTagInfo"].at("status").as_string(),
        "Blocked");
    EXPECT_EQ(
        call(*st16, "a3", "Authorize", json::object{{"idTag", "TAG-CARD3"}})["idTagInfo"].at("status").as_string(),
        "Accepted");
}

// A capture the processor fails (503) is visible as failed with the reason and retried with the same
// idempotency key until captured; a price above the hold captures the hold and shows the shortfall.
TEST_F(CardPayments, C4_TransientFailureIsRetriedAndVisibleAndShortfallIsShown) {
    auto st = boot_station(stack->gateway_port, "CP-CARD16", "ocpp1.6");
    ASSERT_EQ(post("/api/v1/tariff-assignments", json::object{{"tariffId", "card"}, {"stationId", "CP-CARD16"}}).status,
              201);
    // 2.5 kWh x 0.40 + 1.00 = 2.00, 2.40; the processor fails the next call, the capture.
    const auto first = v16_session(*st, "TAG-CARD2", 0, 2500, "13:00:00", {{"fail", 1}});
    ASSERT_TRUE(payment_is(first, "failed"));
    auto failed = cost_of(first);
    EXPECT_EQ(failed["payment"].at("state").as_string(), "failed");
    EXPECT_NE(std::string(failed["payment"].at("error").as_string()).find("503"), std::string::npos);
    EXPECT_EQ(failed["payment"].at("hold").at("state").as_string(), "held");
    ASSERT_TRUE(payment_is(first, "captured", std::chrono::seconds(30)));
    EXPECT_EQ(cost_of(first)["payment"].at("attempts").as_int64(), 2);
    EXPECT_EQ(processor_state().at("requests_by_key").at("capture-" + first).as_int64(), 2);

    // 20 kWh x 0.40 + 1.00 = 9.00, VAT 20 %: 10.80 > the hold of 5.00.
    const auto second = v16_session(*st, "TAG-CARD3", 0, 20000, "14:00:00");
    ASSERT_TRUE(payment_is(second, "shortfall"));
    auto cost = cost_of(second);
    EXPECT_EQ(cost["payment"].at("hold").at("captured").as_string(), "5.00");
    EXPECT_NE(std::string(cost["payment"].at("error").as_string()).find("5.80 EUR"), std::string::npos);
}

// A manager killed after the processor captured but before the capture was committed: the next manager
// captures again with the same idempotency key, and the processor takes the money once.
TEST_F(CardPayments, C5_CaptureHappensOnceAcrossAManagerKill) {
    auto st = boot_station(stack->gateway_port, "CP-CARDKILL", "ocpp1.6");
    ASSERT_EQ(
        post("/api/v1/tariff-assignments", json::object{{"tariffId", "card"}, {"stationId", "CP-CARDKILL"}}).status,
        201);
    const auto captures_before = processor_state().at("captures").as_int64();
    // 5 kWh: 3.00 net, 3.60. The capture is done at once, its answer comes 8 s later.
    const auto id = v16_session(*st, "TAG-CARD", 0, 5000, "15:00:00", {{"delay_ms", 8000}});
    ASSERT_TRUE(
        eventually([&] { return processor_state().at("requests_by_key").as_object().contains("capture-" + id); }));
    stack->manager->kill_hard();
    EXPECT_EQ(q("SELECT payment_state IS NULL FROM transactions WHERE id = " + id), "t"); // not committed
    stack->manager_env = manager_env();
    stack->start_manager();
    ASSERT_TRUE(payment_is(id, "captured", std::chrono::seconds(30)));
    auto state = processor_state();
    EXPECT_EQ(state.at("captures").as_int64(), captures_before + 1);
    EXPECT_EQ(state.at("requests_by_key").at("capture-" + id).as_int64(), 2);
    EXPECT_EQ(cost_of(id)["payment"].at("hold").at("captured").as_string(), "3.60");
}

} // namespace
} // namespace recarga::test
