// Tariffs through the real stack: tariffs and assignments written over the API, charging sessions of a 1.6
// and a 2.0.1 station through gateway, RabbitMQ and manager, priced by the billing loop from the stored
// register readings under the tariff version current when each transaction arrived (ADR 0004).
#include "harness.hpp"
#include "ocpp_calls.hpp"
#include "tariff_fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::test {
namespace {

namespace json = boost::json;

class Tariffs : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-tariff");
        stack->start_manager();
        stack->start_gateway();
        db->scalar("INSERT INTO id_tokens (id_token, type, status, group_id_token) VALUES "
                   "('TAG-T1', 'ISO14443', 'Accepted', NULL), ('TAG-FLEET', 'ISO14443', 'Accepted', 'FLEET-T')");
        month = db->scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static std::unique_ptr<Station> boot(const std::string& id, const std::string& protocol) {
        return boot_station(stack->gateway_port, id, protocol);
    }
    static json::object call(Station& st, const std::string& id, const std::string& action, const json::value& p) {
        return call_ok(st, id, action, p);
    }
    static HttpResult post(const std::string& target, const json::value& body) {
        return http_post(stack->http_port, target, json::serialize(body), stack->admin_token);
    }
    static std::string at(const std::string& hms) { return month + "-02T" + hms + ".000Z"; }
    static std::string q(const std::string& sql) { return db->scalar(sql); }

    // Runs a 1.6 session on connector 1 with the given register readings (Wh) at 15-minute steps from
    // `start_hms`; returns the manager's id of the transaction.
    static std::string v16_session(Station& st, const std::string& tag, const std::vector<int>& wh,
                                   const std::string& day_hour) {
        auto started = call(st, "s", "StartTransaction",
                            json::object{{"connectorId", 1},
                                         {"idTag", tag},
                                         {"meterStart", wh.front()},
                                         {"timestamp", at(day_hour + ":00:00")}});
        const auto tx = started["transactionId"].as_int64();
        for (std::size_t i = 1; i + 1 < wh.size(); ++i) {
            call(st, "m" + std::to_string(i), "MeterValues",
                 json::object{
                     {"connectorId", 1},
                     {"transactionId", tx},
                     {"meterValue", json::array{{{"timestamp", at(day_hour + ":" + std::to_string(15 * i) + ":00")},
                                                 {"sampledValue",
                                                  json::array{{{"value", std::to_string(wh[i])}, {"unit", "Wh"}}}}}}}});
        }
        call(st, "x", "StopTransaction",
             json::object{{"transactionId", tx},
                          {"meterStop", wh.back()},
                          {"timestamp", at(day_hour + ":" + std::to_string(15 * (wh.size() - 1)) + ":00")}});
        return q("SELECT id FROM transactions WHERE v16_transaction_id = " + std::to_string(tx));
    }
    // The transaction's cost once it is final (the billing loop runs every second).
    static json::object final_cost(const std::string& id) {
        json::object cost;
        EXPECT_TRUE(eventually(
            [&] {
                auto r = http_get(stack->http_port, "/api/v1/transactions/" + id + "/cost", stack->admin_token);
                if (r.status != 200) {
                    return false;
                }
                cost = json::parse(r.body).as_object();
                return cost["final"].as_bool();
            },
            std::chrono::seconds(15)))
            << json::serialize(cost);
        return cost;
    }

    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline std::string month;
};

TEST_F(Tariffs, A1_SessionIsPricedOnceUnderTheVersionItStartedWith) {
    auto st = boot("CP-TARIFF16", "ocpp1.6");
    auto created = post("/api/v1/tariffs", simple_tariff("std", "0.30"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(json::parse(created.body).at("version").as_int64(), 1);
    auto assigned = post("/api/v1/tariff-assignments", json::object{{"tariffId", "std"}, {"stationId", "CP-TARIFF16"}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;

    // 3 kWh: energy 0.90 + fee 1.00 = 1.90 net, VAT 20 % 0.38, total 2.28.
    const auto first = v16_session(*st, "TAG-T1", {1000, 2500, 4000}, "10");
    auto cost = final_cost(first);
    EXPECT_EQ(cost["tariffId"].as_string(), "std");
    EXPECT_EQ(cost["tariffVersion"].as_int64(), 1);
    const auto& c = cost["cost"].as_object();
    EXPECT_EQ(c.at("energyWh").as_string(), "3000");
    EXPECT_EQ(c.at("energy").as_string(), "0.90");
    EXPECT_EQ(c.at("flatFee").as_string(), "1.00");
    EXPECT_EQ(c.at("net").as_string(), "1.90");
    EXPECT_EQ(c.at("vat").as_string(), "0.38");
    EXPECT_EQ(c.at("total").as_string(), "2.28");
    EXPECT_EQ(
        q("SELECT cost_total || ' ' || cost_currency || ' ' || pricing_state FROM transactions WHERE id = " + first),
        "2.280000 EUR priced");

    // A new version prices only what arrives after it; the first transaction keeps its price.
    auto v2 = http_put(stack->http_port, "/api/v1/tariffs/std", json::serialize(simple_tariff("std", "0.50")),
                       stack->admin_token);
    ASSERT_EQ(v2.status, 200) << v2.body;
    EXPECT_EQ(json::parse(v2.body).at("version").as_int64(), 2);
    const auto second = v16_session(*st, "TAG-T1", {4000, 6000}, "12");
    auto cost2 = final_cost(second);
    EXPECT_EQ(cost2["tariffVersion"].as_int64(), 2);
    EXPECT_EQ(cost2["cost"].at("total").as_string(), "2.40"); // 2 kWh x 0.50 + 1.00 = 2.00, VAT 0.40
    EXPECT_EQ(final_cost(first)["cost"].at("total").as_string(), "2.28");
    EXPECT_EQ(q("SELECT count(*) FROM audit_log WHERE path LIKE '/api/v1/tariff%' AND status < 300"), "3");
}

TEST_F(Tariffs, A2_TokenGroupTariffWinsAndRunningCostIsShownBeforeTheEnd) {
    auto st = boot("CP-TARIFF201", "ocpp2.0.1");
    ASSERT_EQ(post("/api/v1/tariffs", simple_tariff("fleet", "0.10")).status, 201);
    ASSERT_EQ(post("/api/v1/tariffs", simple_tariff("site", "0.40")).status, 201);
    ASSERT_EQ(
        post("/api/v1/tariff-assignments", json::object{{"tariffId", "site"}, {"stationId", "CP-TARIFF201"}}).status,
        201);
    ASSERT_EQ(
        post("/api/v1/tariff-assignments", json::object{{"tariffId", "fleet"}, {"idTokenGroup", "FLEET-T"}}).status,
        201);
    auto event = [&](const std::string& type, int seq, const std::string& ts, double kwh) {
        return energy_event(type, seq, ts, kwh, "T201-A", {{"idToken", "TAG-FLEET"}, {"type", "ISO14443"}});
    };
    call(*st, "e0", "TransactionEvent", event("Started", 0, at("14:00:00"), 10.0));
    call(*st, "e1", "TransactionEvent", event("Updated", 1, at("14:30:00"), 15.0));
    const auto id = q("SELECT id FROM transactions WHERE transaction_id = 'T201-A'");
    ASSERT_FALSE(id.empty());
    json::object running;
    ASSERT_TRUE(eventually([&] {
        running =
            json::parse(http_get(stack->http_port, "/api/v1/transactions/" + id + "/cost", stack->admin_token).body)
                .as_object();
        return running["pricingState"] == "tariffed";
    }));
    EXPECT_FALSE(running["final"].as_bool());
    EXPECT_EQ(running["tariffId"].as_string(), "fleet");
    EXPECT_EQ(running["cost"].at("energy").as_string(), "0.50"); // 5 kWh so far at 0.10

    auto ended = event("Ended", 2, at("15:00:00"), 22.5);
    ended["transactionInfo"].as_object()["stoppedReason"] = "EVDisconnected";
    // The Ended event's answer carries the final total already (I03), equal to the price written later.
    EXPECT_DOUBLE_EQ(call(*st, "e2", "TransactionEvent", ended)["totalCost"].to_number<double>(), 2.70);
    auto cost = final_cost(id);
    EXPECT_EQ(cost["cost"].at("energyWh").as_string(), "12500");
    EXPECT_EQ(cost["cost"].at("net").as_string(), "2.25"); // 12.5 kWh x 0.10 + 1.00
    EXPECT_EQ(cost["cost"].at("total").as_string(), "2.70");
}

TEST_F(Tariffs, A3_InvalidTariffsAndAssignmentsAreRefused) {
    auto restricted_last = simple_tariff("bad", "0.30");
    restricted_last["elements"] = json::array{{{"pricePerKwh", "0.30"}, {"startTime", "22:00"}, {"endTime", "06:00"}}};
    auto r = post("/api/v1/tariffs", restricted_last);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("last element"), std::string::npos);
    auto too_precise = simple_tariff("bad", "0.1234567");
    EXPECT_EQ(post("/api/v1/tariffs", too_precise).status, 400);
    auto number_price = simple_tariff("bad", "0.30");
    number_price["elements"] = json::array{{{"pricePerKwh", 0.3}}};
    EXPECT_EQ(post("/api/v1/tariffs", number_price).status, 400);
    auto unknown_currency = simple_tariff("bad", "0.30");
    unknown_currency["currency"] = "XXX";
    EXPECT_EQ(post("/api/v1/tariffs", unknown_currency).status, 422);
    EXPECT_EQ(post("/api/v1/tariff-assignments", json::object{{"tariffId", "nope"}}).status, 422);
    EXPECT_EQ(post("/api/v1/tariff-assignments", json::object{{"tariffId", "std"}, {"evseId", 1}}).status, 422);
    EXPECT_EQ(http_put(stack->http_port, "/api/v1/tariffs/nope", json::serialize(simple_tariff("nope", "1")),
                       stack->admin_token)
                  .status,
              404);
    ASSERT_EQ(post("/api/v1/tariffs", simple_tariff("dup", "0.30")).status, 201);
    EXPECT_EQ(post("/api/v1/tariffs", simple_tariff("dup", "0.30")).status, 409);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/transactions/999999999/cost", stack->admin_token).status, 404);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/transactions/abc/cost", stack->admin_token).status, 404);

    // A viewer reads tariffs but cannot write them.
    ASSERT_EQ(post("/api/v1/users",
                   json::object{{"username", "tariff-viewer"}, {"password", "viewer-password-1"}, {"role", "viewer"}})
                  .status,
              201);
    auto viewer = login(stack->http_port, "tariff-viewer", "viewer-password-1");
    ASSERT_FALSE(viewer.empty());
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/tariffs", viewer).status, 200);
    EXPECT_EQ(http_post(stack->http_port, "/api/v1/tariffs", json::serialize(simple_tariff("v", "1")), viewer).status,
              403);
}

TEST_F(Tariffs, A4_WalletPaysEachSessionExactlyOnceEvenWhenTheManagerDiesBeforeCapture) {
    // A manager whose billing loop runs once at start and then not for an hour: a session can end while no
    // manager has priced it yet.
    stack->manager->kill_hard();
    stack->manager_env = {"RECARGA_BILLING_INTERVAL_MS=3600000"};
    stack->start_manager();
    auto st = boot("CP-PAY16", "ocpp1.6");
    ASSERT_EQ(post("/api/v1/tariffs", simple_tariff("pay", "0.50")).status, 201);
    ASSERT_EQ(post("/api/v1/tariff-assignments", json::object{{"tariffId", "pay"}, {"stationId", "CP-PAY16"}}).status,
              201);
    db->scalar("INSERT INTO id_tokens (id_token, type, status, group_id_token) VALUES "
               "('TAG-W1', 'ISO14443', 'Accepted', 'FAMILY'), ('TAG-W2', 'ISO14443', 'Accepted', 'FAMILY')");
    auto created =
        post("/api/v1/wallets", json::object{{"id", "family"}, {"currency", "EUR"}, {"idTokenGroup", "FAMILY"}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto topped = post("/api/v1/wallets/family/top-ups", json::object{{"amount", "10.00"}, {"memo", "cash desk"}});
    ASSERT_EQ(topped.status, 201) << topped.body;
    EXPECT_EQ(json::parse(topped.body).at("balanceAfter").as_string(), "10.00");
    EXPECT_EQ(post("/api/v1/wallets/family/top-ups", json::object{{"amount", "0.001"}}).status, 422);

    // The manager dies right after the session ends, before its billing loop has priced it; the next manager
    // prices and captures it, once. 4 kWh x 0.50 + 1.00 = 3.00, VAT 20 %: 3.60.
    const auto first = v16_session(*st, "TAG-W1", {0, 2000, 4000}, "16");
    stack->manager->kill_hard();
    EXPECT_EQ(q("SELECT count(*) FROM ledger_journals WHERE kind = 'capture'"), "0");
    stack->manager_env = {};
    stack->start_manager();
    auto cost = final_cost(first);
    ASSERT_TRUE(
        eventually([&] { return q("SELECT payment_state FROM transactions WHERE id = " + first) == "captured"; }));
    EXPECT_EQ(cost["cost"].at("total").as_string(), "3.60");
    auto wallet = json::parse(http_get(stack->http_port, "/api/v1/wallets/family", stack->admin_token).body);
    EXPECT_EQ(wallet.at("balance").as_string(), "6.40");

    // A session the wallet cannot pay stays visible as failed and is captured after a top-up (retried).
    const auto second = v16_session(*st, "TAG-W2", {4000, 20000}, "18"); // 16 kWh: 9.00 net, 10.80 total
    ASSERT_TRUE(eventually([&] { return q("SELECT payment_state FROM transactions WHERE id = " + second) == "failed"; },
                           std::chrono::seconds(15)));
    auto failed =
        json::parse(http_get(stack->http_port, "/api/v1/transactions/" + second + "/cost", stack->admin_token).body);
    EXPECT_EQ(failed.at("payment").at("state").as_string(), "failed");
    EXPECT_NE(std::string(failed.at("payment").at("error").as_string()).find("insufficient funds"), std::string::npos);
    ASSERT_EQ(post("/api/v1/wallets/family/top-ups", json::object{{"amount", "5.00"}}).status, 201);
    ASSERT_TRUE(
        eventually([&] { return q("SELECT payment_state FROM transactions WHERE id = " + second) == "captured"; },
                   std::chrono::seconds(30)));
    EXPECT_EQ(json::parse(http_get(stack->http_port, "/api/v1/wallets/family", stack->admin_token).body)
                  .at("balance")
                  .as_string(),
              "0.60"); // 6.40 + 5.00 - 10.80

    // Refunds: at most what was paid, in the currency's digits, admin only.
    auto refund = post("/api/v1/transactions/" + first + "/refunds", json::object{{"amount", "1.60"}});
    ASSERT_EQ(refund.status, 201) << refund.body;
    EXPECT_EQ(json::parse(refund.body).at("balanceAfter").as_string(), "2.20");
    EXPECT_EQ(post("/api/v1/transactions/" + first + "/refunds", json::object{{"amount", "2.01"}}).status, 422);
    EXPECT_EQ(post("/api/v1/transactions/999999/refunds", json::object{{"amount", "1.00"}}).status, 404);

    // The ledger: newest first, every journal balanced, one capture per transaction.
    auto ledger =
        json::parse(http_get(stack->http_port, "/api/v1/wallets/family/ledger?limit=2", stack->admin_token).body);
    ASSERT_EQ(ledger.at("items").as_array().size(), 2U);
    EXPECT_EQ(ledger.at("items").at(0).at("kind").as_string(), "refund");
    EXPECT_EQ(ledger.at("items").at(1).at("amount").as_string(), "-10.80");
    auto rest =
        json::parse(http_get(stack->http_port,
                             "/api/v1/wallets/family/ledger?cursor=" + std::string(ledger.at("nextCursor").as_string()),
                             stack->admin_token)
                        .body);
    EXPECT_EQ(rest.at("items").as_array().size(), 3U); // top-up 5.00, capture 3.60, top-up 10.00
    EXPECT_EQ(q("SELECT count(*) FROM ledger_journals WHERE kind = 'capture'"), "2");
    EXPECT_EQ(q("SELECT sum(amount) FROM ledger_entries"), "0.000000");
    EXPECT_EQ(q("SELECT count(*) FROM (SELECT transaction_pk FROM ledger_journals WHERE kind = 'capture' "
                "GROUP BY transaction_pk HAVING count(*) > 1) d"),
              "0");
}

// I02/I03 (2.0.1 CostUpdated) and the 1.6 cost messages over DataTransfer: the running cost while charging, and
// the final cost once priced.
TEST_F(Tariffs, A5_StationsAreToldTheRunningAndTheFinalCost) {
    stack->manager->kill_hard();
    stack->manager_env = {"RECARGA_COST_UPDATE_INTERVAL=1", "RECARGA_V16_COST_MESSAGES=1"};
    stack->start_manager();
    auto st = boot("CP-COST201", "ocpp2.0.1");
    ASSERT_EQ(post("/api/v1/tariffs", simple_tariff("cost", "0.40")).status, 201);
    ASSERT_EQ(
        post("/api/v1/tariff-assignments", json::object{{"tariffId", "cost"}, {"stationId", "CP-COST201"}}).status,
        201);
    auto event = [&](const std::string& type, int seq, const std::string& ts, double kwh) {
        return energy_event(type, seq, ts, kwh, "T-COST", {{"idToken", "TAG-T1"}, {"type", "ISO14443"}});
    };
    // The next CostUpdated the station receives: its totalCost (answered, as a station does).
    auto next_cost = [&] { return next_cost_updated(*st, "T-COST"); };
    call(*st, "c0", "TransactionEvent", event("Started", 0, at("20:00:00"), 10.0));
    EXPECT_DOUBLE_EQ(next_cost(), 1.20); // the session fee 1.00 + VAT
    call(*st, "c1", "TransactionEvent", event("Updated", 1, at("20:30:00"), 15.0));
    EXPECT_DOUBLE_EQ(next_cost(), 3.60); // + 5 kWh x 0.40
    auto ended = call(*st, "c2", "TransactionEvent", event("Ended", 2, at("21:00:00"), 20.0));
    EXPECT_DOUBLE_EQ(ended["totalCost"].to_number<double>(), 6.00); // final: 10 kWh x 0.40 + 1.00, VAT 20 %
    EXPECT_DOUBLE_EQ(next_cost(), 6.00);                             // and again once priced

    // 1.6: RunningCost and FinalCost as DataTransfer (org.openchargealliance.costmsg), data a JSON text.
    auto st16 = boot("CP-COST16", "ocpp1.6");
    ASSERT_EQ(post("/api/v1/tariff-assignments", json::object{{"tariffId", "cost"}, {"stationId", "CP-COST16"}}).status,
              201);
    auto started =
        call(*st16, "s", "StartTransaction",
             json::object{{"connectorId", 1}, {"idTag", "TAG-T1"}, {"meterStart", 500}, {"timestamp", at("20:00:00")}});
    auto next_message = [&](const std::string& kind) {
        auto c = st16->read_call(std::chrono::seconds(15));
        if (!c) {
            ADD_FAILURE() << "no " << kind;
            return json::object{};
        }
        EXPECT_EQ((*c)[2].as_string(), "DataTransfer");
        EXPECT_EQ((*c)[3].at("vendorId").as_string(), "org.openchargealliance.costmsg");
        EXPECT_EQ((*c)[3].at("messageId").as_string(), kind);
        st16->answer(std::string((*c)[1].as_string()), json::object{{"status", "Accepted"}});
        return json::parse((*c)[3].at("data").as_string()).as_object();
    };
    auto running = next_message("RunningCost");
    EXPECT_EQ(running["transactionId"].as_int64(), started["transactionId"].as_int64());
    EXPECT_DOUBLE_EQ(running["cost"].to_number<double>(), 1.20);
    EXPECT_EQ(running["meterValue"].as_int64(), 500);
    call(*st16, "x", "StopTransaction",
         json::object{{"transactionId", started["transactionId"]}, {"meterStop", 3000}, {"timestamp", at("20:30:00")}});
    auto final_cost_message = next_message("FinalCost");
    EXPECT_DOUBLE_EQ(final_cost_message["cost"].to_number<double>(), 2.40); // 2.5 kWh x 0.40 + 1.00, VAT 20 %
    EXPECT_EQ(final_cost_message["priceText"].as_string(), "2.40 EUR");
}

// C01 with prepaid wallets: a token whose wallet holds less than the pre-authorisation amount (5.00 by default)
// is refused at Authorize and at a start (2.0.1 NoCredit, 1.6 Blocked), and accepted once topped up.
TEST_F(Tariffs, A6_InsufficientFundsAreRefusedAtAuthorizeAndStart) {
    db->scalar("INSERT INTO id_tokens (id_token, type, status) VALUES ('TAG-POOR', 'ISO14443', 'Accepted')");
    ASSERT_EQ(
        post("/api/v1/wallets", json::object{{"id", "poor"}, {"currency", "EUR"}, {"idToken", "TAG-POOR"}}).status,
        201);
    ASSERT_EQ(post("/api/v1/wallets/poor/top-ups", json::object{{"amount", "4.99"}}).status, 201);
    auto st201 = boot("CP-CREDIT201", "ocpp2.0.1");
    auto st16 = boot("CP-CREDIT16", "ocpp1.6");
    const json::object token{{"idToken", "TAG-POOR"}, {"type", "ISO14443"}};
    expect_refused_to_charge(*st201, *st16, "TAG-POOR", at("22:00:00"), "T-POOR");

    ASSERT_EQ(post("/api/v1/wallets/poor/top-ups", json::object{{"amount", "0.01"}}).status, 201);
    EXPECT_EQ(call(*st201, "a2", "Authorize", json::object{{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "Accepted");
    EXPECT_EQ(call(*st16, "a2", "Authorize", json::object{{"idTag", "TAG-POOR"}})["idTagInfo"].at("status").as_string(),
              "Accepted");
}

// A tariff in an IANA time zone: its bands follow local time across a daylight-saving change (the offsets come
// from PostgreSQL's time-zone database when the transaction is priced).
TEST_F(Tariffs, A7_TimeZoneTariffBandsFollowDaylightSaving) {
    json::object berlin{{"id", "berlin"},
                        {"name", "Berlin"},
                        {"currency", "EUR"},
                        {"timeZone", "Europe/Berlin"},
                        {"elements", json::array{{{"pricePerKwh", "0.10"}, {"startTime", "00:00"}, {"endTime", "06:00"}},
                                                 {{"pricePerKwh", "0.40"}}}}};
    auto unknown = berlin;
    unknown["id"] = "nowhere";
    unknown["timeZone"] = "Mars/Olympus_Mons";
    EXPECT_EQ(post("/api/v1/tariffs", unknown).status, 422);
    auto created = post("/api/v1/tariffs", berlin);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(json::parse(created.body).at("timeZone").as_string(), "Europe/Berlin");
    auto st = boot("CP-DST16", "ocpp1.6");
    ASSERT_EQ(post("/api/v1/tariff-assignments", json::object{{"tariffId", "berlin"}, {"stationId", "CP-DST16"}}).status,
              201);
    // 2026-03-29 03:30-04:30 UTC is 05:30-06:30 CEST (summer time from 01:00 UTC that day): half the energy in the
    // night band. A fixed winter offset (+60) would put all of it there (0.10).
    auto started = call(*st, "s", "StartTransaction",
                        json::object{{"connectorId", 1},
                                     {"idTag", "TAG-T1"},
                                     {"meterStart", 0},
                                     {"timestamp", "2026-03-29T03:30:00.000Z"}});
    call(*st, "x", "StopTransaction",
         json::object{{"transactionId", started["transactionId"]},
                      {"meterStop", 1000},
                      {"timestamp", "2026-03-29T04:30:00.000Z"}});
    const auto id = q("SELECT id FROM transactions WHERE v16_transaction_id = " +
                      std::to_string(started["transactionId"].as_int64()));
    auto cost = final_cost(id);
    EXPECT_EQ(cost["cost"].at("energy").as_string(), "0.25"); // 0.5 kWh x 0.10 + 0.5 kWh x 0.40
    EXPECT_EQ(cost["cost"].at("total").as_string(), "0.25");
}

} // namespace
} // namespace recarga::test
