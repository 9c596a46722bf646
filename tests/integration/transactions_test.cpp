// End-to-end charging sessions: 1.6 (Authorize, StartTransaction, MeterValues, StopTransaction) and 2.0.1
// (Authorize, TransactionEvent Started/Updated/Ended, MeterValues) through the real gateway, RabbitMQ,
// manager and PostgreSQL. Every transaction message is sent twice, as a station does that never saw the
// answer: the second changes nothing. Tokens are seeded with SQL.
#include "harness.hpp"
#include "ocpp_calls.hpp"
#include "recarga/ocpp/validator.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <set>
#include <thread>

namespace recarga::test {
namespace {

namespace json = boost::json;

class Transactions : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-tx");
        stack->start_manager();
        stack->start_gateway();
        db->scalar(
            "INSERT INTO id_tokens (id_token, type, status, group_id_token, allowed_stations, expires_at) VALUES "
            "('TAG-OK', 'ISO14443', 'Accepted', 'FLEET-1', NULL, now() + interval '1 day'), "
            "('TAG-BLOCKED', 'ISO14443', 'Blocked', NULL, NULL, NULL), "
            "('TAG-EXPIRED', 'ISO14443', 'Accepted', NULL, NULL, now() - interval '1 day'), "
            "('TAG-ELSEWHERE', 'ISO14443', 'Accepted', NULL, ARRAY['SOME-OTHER-CP'], NULL)");
        month = db->scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static std::unique_ptr<Station> boot(const std::string& id, const std::string& protocol) {
        return boot_station(stack->gateway_port, id, protocol);
    }
    // Sends a CALL, expects a CALLRESULT that conforms to the version's response schema; returns its payload.
    static json::object ok(Station& st, const std::string& protocol, const std::string& id, const std::string& action,
                           const json::value& payload) {
        auto a = st.call(id, action, payload);
        EXPECT_EQ(a[0].as_int64(), 3) << action << ": " << json::serialize(a);
        if (a[0].as_int64() != 3) {
            return {};
        }
        auto err = ocpp::SchemaValidator::instance().validate(*ocpp::version_from_subprotocol(protocol), action,
                                                              ocpp::Direction::Response, a[2]);
        EXPECT_FALSE(err) << action << " answer breaks its schema: " << json::serialize(a[2]);
        return a[2].as_object();
    }
    static std::string at(const std::string& hms) { return month + "-01T" + hms + ".000Z"; }
    static std::string q(const std::string& sql) { return db->scalar(sql); }

    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline std::string month;
};

json::object v16_meter_values(std::int64_t tx, const std::string& ts, const std::string& reg) {
    return {{"connectorId", 1},
            {"transactionId", tx},
            {"meterValue",
             json::array{
                 {{"timestamp", ts},
                  {"sampledValue",
                   json::array{{{"value", reg},
                                {"measurand", "Energy.Active.Import.Register"},
                                {"unit", "Wh"},
                                {"context", "Sample.Periodic"}},
                               {{"value", "7000"}, {"measurand", "Power.Active.Import"}, {"unit", "W"}},
                               {{"value", "229.5"}, {"measurand", "Voltage"}, {"phase", "L1-N"}, {"unit", "V"}}}}}}}};
}

// 1.6 core profile: a full session yields one transaction with the right energy; duplicates change nothing.
TEST_F(Transactions, V16FullSessionIsStoredOnceWithTheRightEnergy) {
    const std::string p = "ocpp1.6";
    auto st = boot("CP-TX16", p);
    auto auth = ok(*st, p, "a1", "Authorize", json::object{{"idTag", "TAG-OK"}});
    EXPECT_EQ(auth["idTagInfo"].at("status").as_string(), "Accepted");
    EXPECT_EQ(auth["idTagInfo"].at("parentIdTag").as_string(), "FLEET-1");
    EXPECT_TRUE(auth["idTagInfo"].as_object().contains("expiryDate"));

    json::object start{{"connectorId", 1}, {"idTag", "TAG-OK"}, {"meterStart", 1000}, {"timestamp", at("10:00:00")}};
    auto started = ok(*st, p, "s1", "StartTransaction", start);
    EXPECT_EQ(started["idTagInfo"].at("status").as_string(), "Accepted");
    const auto tx = started["transactionId"].as_int64();
    EXPECT_GT(tx, 0);
    // The same start again (new message id, as after a reconnect): the same transaction id, no new row.
    auto again = ok(*st, p, "s1-retry", "StartTransaction", start);
    EXPECT_EQ(again["transactionId"].as_int64(), tx);
    EXPECT_EQ(q("SELECT count(*) FROM transactions WHERE station_id = 'CP-TX16'"), "1");

    ok(*st, p, "m1", "MeterValues", v16_meter_values(tx, at("10:15:00"), "2500"));
    ok(*st, p, "m1", "MeterValues", v16_meter_values(tx, at("10:15:00"), "2500"));
    ok(*st, p, "m2", "MeterValues", v16_meter_values(tx, at("10:30:00"), "3700"));
    const std::string txs = std::to_string(tx);
    EXPECT_EQ(q("SELECT count(*) FROM meter_values WHERE station_id = 'CP-TX16' AND transaction_id = '" + txs + "'"),
              "6");
    EXPECT_EQ(q("SELECT value FROM meter_values WHERE station_id = 'CP-TX16' AND measurand = 'Voltage' AND "
                "phase = 'L1-N' AND sampled_at = '" +
                at("10:15:00") + "'"),
              "229.5");
    EXPECT_EQ(q("SELECT evse_id FROM meter_values WHERE station_id = 'CP-TX16' LIMIT 1"), "1");
    // Meter values land in the month's partition, not the default one.
    EXPECT_EQ(q("SELECT DISTINCT tableoid::regclass::text FROM meter_values WHERE station_id = 'CP-TX16'"),
              "meter_values_" + month.substr(0, 4) + month.substr(5, 2));

    // The station list tells which connectors have an active transaction (the overview's charging count).
    ok(*st, p, "n1", "StatusNotification",
       json::object{{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}, {"timestamp", at("10:00:01")}});
    const auto listed_active = [&] {
        auto page = json::parse(http_get(stack->http_port, "/api/v1/stations?q=CP-TX16", stack->admin_token).body);
        return page.at("items").at(0).at("connectorStatuses").at(0).at("transactionActive").as_bool();
    };
    EXPECT_TRUE(listed_active());

    json::object stop{
        {"transactionId", tx},
        {"idTag", "TAG-OK"},
        {"meterStop", 4500},
        {"timestamp", at("10:45:00")},
        {"reason", "EVDisconnected"},
        {"transactionData",
         json::array{{{"timestamp", at("10:45:00")},
                      {"sampledValue", json::array{{{"value", "4500"}, {"context", "Transaction.End"}}}}}}}};
    auto stopped = ok(*st, p, "x1", "StopTransaction", stop);
    EXPECT_EQ(stopped["idTagInfo"].at("status").as_string(), "Accepted");
    ok(*st, p, "x1-retry", "StopTransaction", stop);
    EXPECT_FALSE(listed_active());

    EXPECT_EQ(q("SELECT count(*) FROM transactions WHERE station_id = 'CP-TX16'"), "1");
    EXPECT_EQ(q("SELECT state || ' ' || energy_wh || ' ' || stop_reason || ' ' || iso_utc(stopped_at) || ' ' || "
                "id_token || ' ' || evse_id FROM transactions WHERE v16_transaction_id = " +
                txs),
              "Ended 3500 EVDisconnected " + at("10:45:00") + " TAG-OK 1");
    EXPECT_EQ(q("SELECT count(*) FROM meter_values WHERE transaction_id = '" + txs + "' AND station_id = 'CP-TX16'"),
              "7");
    EXPECT_EQ(q("SELECT context FROM meter_values WHERE transaction_id = '" + txs + "' AND sampled_at = '" +
                at("10:45:00") + "'"),
              "Transaction.End");
}

TEST_F(Transactions, V16UnknownBlockedExpiredAndForeignTokensAreRefused) {
    const std::string p = "ocpp1.6";
    auto st = boot("CP-TX16-NO", p);
    auto status = [&](const std::string& tag) {
        return std::string(
            ok(*st, p, "a-" + tag, "Authorize", json::object{{"idTag", tag}})["idTagInfo"].at("status").as_string());
    };
    EXPECT_EQ(status("TAG-NOBODY"), "Invalid");
    EXPECT_EQ(status("TAG-BLOCKED"), "Blocked");
    EXPECT_EQ(status("TAG-EXPIRED"), "Expired");
    EXPECT_EQ(status("TAG-ELSEWHERE"), "Invalid");

    // A start with a blocked tag still gets a transaction id (the station stops it) and the refusal.
    auto started = ok(
        *st, p, "s-blocked", "StartTransaction",
        json::object{{"connectorId", 2}, {"idTag", "TAG-BLOCKED"}, {"meterStart", 0}, {"timestamp", at("11:00:00")}});
    EXPECT_EQ(started["idTagInfo"].at("status").as_string(), "Blocked");
    EXPECT_EQ(q("SELECT auth_status FROM transactions WHERE v16_transaction_id = " +
                std::to_string(started["transactionId"].as_int64())),
              "Blocked");
}

TEST_F(Transactions, V16StopWithoutStartIsRecordedAndAnswered) {
    const std::string p = "ocpp1.6";
    auto st = boot("CP-TX16-ORPHAN", p);
    json::object stop{{"transactionId", 987654}, {"meterStop", 100}, {"timestamp", at("12:00:00")}};
    auto a = ok(*st, p, "o1", "StopTransaction", stop);
    EXPECT_FALSE(a.contains("idTagInfo"));
    ok(*st, p, "o2", "StopTransaction", stop);
    EXPECT_EQ(q("SELECT count(*) || ' ' || bool_and(stop_without_start) || ' ' || min(stop_reason) FROM transactions "
                "WHERE station_id = 'CP-TX16-ORPHAN'"),
              "1 true Local");
}

json::object tx_event(const std::string& type, int seq, const std::string& ts, const std::string& trigger,
                      json::object info, json::array meter) {
    json::object e{
        {"eventType", type}, {"timestamp", ts}, {"triggerReason", trigger}, {"seqNo", seq}, {"transactionInfo", info}};
    if (!meter.empty()) {
        e["meterValue"] = std::move(meter);
    }
    return e;
}

json::array register_at(const std::string& ts, double value, const std::string& unit, const std::string& context) {
    return json::array{{{"timestamp", ts},
                        {"sampledValue", json::array{{{"value", value},
                                                      {"measurand", "Energy.Active.Import.Register"},
                                                      {"context", context},
                                                      {"unitOfMeasure", {{"unit", unit}}}}}}}};
}

// E01-E07, J02: a 2.0.1 session through TransactionEvent; each seqNo is applied once.
TEST_F(Transactions, V201FullSessionIsStoredOnceWithTheRightEnergy) {
    const std::string p = "ocpp2.0.1";
    auto st = boot("CP-TX201", p);
    const json::object token{{"idToken", "TAG-OK"}, {"type", "ISO14443"}};
    auto auth = ok(*st, p, "a1", "Authorize", json::object{{"idToken", token}});
    EXPECT_EQ(auth["idTokenInfo"].at("status").as_string(), "Accepted");
    EXPECT_EQ(auth["idTokenInfo"].at("groupIdToken").at("idToken").as_string(), "FLEET-1");

    auto started = tx_event("Started", 0, at("13:00:00"), "Authorized", {{"transactionId", "TX-A"}},
                            register_at(at("13:00:00"), 10000, "Wh", "Transaction.Begin"));
    started["evse"] = json::object{{"id", 1}, {"connectorId", 1}};
    started["idToken"] = token;
    auto s = ok(*st, p, "e0", "TransactionEvent", started);
    EXPECT_EQ(s["idTokenInfo"].at("status").as_string(), "Accepted");
    ok(*st, p, "e0-retry", "TransactionEvent", started);

    auto updated = tx_event("Updated", 1, at("13:30:00"), "MeterValuePeriodic",
                            {{"transactionId", "TX-A"}, {"chargingState", "Charging"}},
                            register_at(at("13:30:00"), 11.25, "kWh", "Sample.Periodic"));
    ok(*st, p, "e1", "TransactionEvent", updated);
    ok(*st, p, "e1-retry", "TransactionEvent", updated);
    EXPECT_EQ(q("SELECT state || ' ' || charging_state || ' ' || energy_wh FROM transactions WHERE "
                "station_id = 'CP-TX201' AND transaction_id = 'TX-A'"),
              "Active Charging 1250");

    auto ended = tx_event("Ended", 2, at("14:00:00"), "EVCommunicationLost",
                          {{"transactionId", "TX-A"}, {"stoppedReason", "EVDisconnected"}},
                          register_at(at("14:00:00"), 12500, "Wh", "Transaction.End"));
    ok(*st, p, "e2", "TransactionEvent", ended);
    ok(*st, p, "e2-retry", "TransactionEvent", ended);
    // A late duplicate of an earlier event does not re-open the transaction.
    ok(*st, p, "e1-late", "TransactionEvent", updated);

    EXPECT_EQ(q("SELECT count(*) FROM transactions WHERE station_id = 'CP-TX201'"), "1");
    EXPECT_EQ(q("SELECT count(*) FROM transaction_events WHERE station_id = 'CP-TX201'"), "3");
    EXPECT_EQ(q("SELECT state || ' ' || energy_wh || ' ' || stop_reason || ' ' || iso_utc(started_at) || ' ' || "
                "iso_utc(stopped_at) || ' ' || id_token || ' ' || auth_status || ' ' || evse_id || '/' || connector_id "
                "FROM transactions WHERE station_id = 'CP-TX201' AND transaction_id = 'TX-A'"),
              "Ended 2500 EVDisconnected " + at("13:00:00") + " " + at("14:00:00") + " TAG-OK Accepted 1/1");
    EXPECT_EQ(q("SELECT count(*) FROM meter_values WHERE station_id = 'CP-TX201' AND transaction_id = 'TX-A'"), "3");
    EXPECT_EQ(q("SELECT unit || ' ' || value FROM meter_values WHERE station_id = 'CP-TX201' AND sampled_at = '" +
                at("13:30:00") + "'"),
              "kWh 11.25");

    // J01: meter values outside a transaction.
    json::object mv{{"evseId", 1}, {"meterValue", register_at(at("15:00:00"), 12600, "Wh", "Sample.Clock")}};
    ok(*st, p, "mv1", "MeterValues", mv);
    ok(*st, p, "mv1", "MeterValues", mv);
    EXPECT_EQ(q("SELECT count(*) FROM meter_values WHERE station_id = 'CP-TX201' AND transaction_id = ''"), "1");
}

TEST_F(Transactions, V201UnknownBlockedAndForeignTokensAreRefused) {
    const std::string p = "ocpp2.0.1";
    auto st = boot("CP-TX201-NO", p);
    auto status = [&](const std::string& tag) {
        auto a =
            ok(*st, p, "a-" + tag, "Authorize", json::object{{"idToken", {{"idToken", tag}, {"type", "ISO14443"}}}});
        return std::string(a["idTokenInfo"].at("status").as_string());
    };
    EXPECT_EQ(status("TAG-NOBODY"), "Unknown");
    EXPECT_EQ(status("TAG-BLOCKED"), "Blocked");
    EXPECT_EQ(status("TAG-EXPIRED"), "Expired");
    EXPECT_EQ(status("TAG-ELSEWHERE"), "NotAtThisLocation");

    // E05: a transaction started with a refused token is recorded with the refusal and answered with it.
    auto started = tx_event("Started", 0, at("16:00:00"), "Authorized", {{"transactionId", "TX-BLOCKED"}}, {});
    started["idToken"] = json::object{{"idToken", "TAG-BLOCKED"}, {"type", "ISO14443"}};
    auto a = ok(*st, p, "b0", "TransactionEvent", started);
    EXPECT_EQ(a["idTokenInfo"].at("status").as_string(), "Blocked");
    EXPECT_EQ(q("SELECT auth_status FROM transactions WHERE station_id = 'CP-TX201-NO' AND transaction_id = "
                "'TX-BLOCKED'"),
              "Blocked");
}

TEST_F(Transactions, V21AuthorizeUsesTheSameDecision) {
    const std::string p = "ocpp2.1";
    auto st = boot("CP-TX21", p);
    auto a =
        ok(*st, p, "a1", "Authorize", json::object{{"idToken", {{"idToken", "TAG-BLOCKED"}, {"type", "ISO14443"}}}});
    EXPECT_EQ(a["idTokenInfo"].at("status").as_string(), "Blocked");
}

// 2.1 TransactionEvent and MeterValues take the 2.0.1 path: one transaction, energy from the register, repeats absorbed.
TEST_F(Transactions, V21TransactionEventAndMeterValuesAreStoredLike201) {
    const std::string p = "ocpp2.1";
    auto st = boot("CP-TX21-S", p);
    auto started = tx_event("Started", 0, at("18:00:00"), "Authorized", {{"transactionId", "TX-21"}},
                            register_at(at("18:00:00"), 5000, "Wh", "Transaction.Begin"));
    started["evse"] = json::object{{"id", 1}, {"connectorId", 1}};
    started["idToken"] = json::object{{"idToken", "TAG-OK"}, {"type", "ISO14443"}};
    EXPECT_EQ(ok(*st, p, "e0", "TransactionEvent", started)["idTokenInfo"].at("status").as_string(), "Accepted");
    ok(*st, p, "e0-retry", "TransactionEvent", started);
    auto ended = tx_event("Ended", 1, at("18:30:00"), "StopAuthorized",
                          {{"transactionId", "TX-21"}, {"stoppedReason", "Local"}},
                          register_at(at("18:30:00"), 7.5, "kWh", "Transaction.End"));
    ok(*st, p, "e1", "TransactionEvent", ended);
    ok(*st, p, "e1-retry", "TransactionEvent", ended);
    EXPECT_EQ(q("SELECT state || ' ' || energy_wh || ' ' || evse_id FROM transactions WHERE station_id = 'CP-TX21-S' "
                "AND transaction_id = 'TX-21'"),
              "Ended 2500 1");
    EXPECT_EQ(q("SELECT count(*) FROM meter_values WHERE station_id = 'CP-TX21-S' AND transaction_id = 'TX-21'"), "2");
    json::object mv{{"evseId", 1}, {"meterValue", register_at(at("19:00:00"), 7600, "Wh", "Sample.Clock")}};
    ok(*st, p, "mv1", "MeterValues", mv);
    ok(*st, p, "mv1", "MeterValues", mv);
    EXPECT_EQ(q("SELECT count(*) FROM meter_values WHERE station_id = 'CP-TX21-S' AND transaction_id = ''"), "1");
}

// C09 (2.0.1) and parentIdTag (1.6): a token whose group is blocked is answered Blocked.
TEST_F(Transactions, C09_TokenOfABlockedGroupIsBlocked) {
    q("INSERT INTO id_tokens (id_token, type, status, group_id_token) VALUES ('FLEET-STOP', 'Central', 'Blocked', "
      "NULL), ('TAG-MEMBER', 'ISO14443', 'Accepted', 'FLEET-STOP')");
    auto v201 = boot("CP-GROUP201", "ocpp2.0.1");
    auto a = ok(*v201, "ocpp2.0.1", "a1", "Authorize",
                json::object{{"idToken", {{"idToken", "TAG-MEMBER"}, {"type", "ISO14443"}}}});
    EXPECT_EQ(a["idTokenInfo"].at("status").as_string(), "Blocked");
    EXPECT_EQ(a["idTokenInfo"].at("groupIdToken").at("idToken").as_string(), "FLEET-STOP");
    auto v16 = boot("CP-GROUP16", "ocpp1.6");
    EXPECT_EQ(ok(*v16, "ocpp1.6", "a1", "Authorize", json::object{{"idTag", "TAG-MEMBER"}})["idTagInfo"]
                  .at("status")
                  .as_string(),
              "Blocked");
    // Unblocking the group accepts its members again.
    q("UPDATE id_tokens SET status = 'Accepted' WHERE id_token = 'FLEET-STOP'");
    EXPECT_EQ(ok(*v16, "ocpp1.6", "a2", "Authorize", json::object{{"idTag", "TAG-MEMBER"}})["idTagInfo"]
                  .at("status")
                  .as_string(),
              "Accepted");
}

// ConcurrentTx (1.6 AuthorizationStatus, 2.0.1 AuthorizationStatusEnumType): a token charging at one station is
// answered ConcurrentTx at another, until its transaction ends; at its own station it stays Accepted.
TEST_F(Transactions, ConcurrentTxForATokenAlreadyCharging) {
    q("INSERT INTO id_tokens (id_token, type, status) VALUES ('TAG-ONCE', 'ISO14443', 'Accepted')");
    const std::string p16 = "ocpp1.6";
    auto first = boot("CP-CONC-A", p16);
    json::object start{{"connectorId", 1}, {"idTag", "TAG-ONCE"}, {"meterStart", 0}, {"timestamp", at("20:00:00")}};
    auto started = ok(*first, p16, "s1", "StartTransaction", start);
    EXPECT_EQ(started["idTagInfo"].at("status").as_string(), "Accepted");
    // The same start repeated at the same station is no concurrent transaction.
    EXPECT_EQ(ok(*first, p16, "s1-retry", "StartTransaction", start)["idTagInfo"].at("status").as_string(), "Accepted");
    EXPECT_EQ(ok(*first, p16, "a0", "Authorize", json::object{{"idTag", "TAG-ONCE"}})["idTagInfo"].at("status").as_string(),
              "Accepted");

    auto second = boot("CP-CONC-B", p16);
    EXPECT_EQ(ok(*second, p16, "a1", "Authorize", json::object{{"idTag", "TAG-ONCE"}})["idTagInfo"].at("status").as_string(),
              "ConcurrentTx");
    auto s2 = ok(*second, p16, "s2", "StartTransaction",
                 json::object{{"connectorId", 1}, {"idTag", "TAG-ONCE"}, {"meterStart", 0}, {"timestamp", at("20:05:00")}});
    EXPECT_EQ(s2["idTagInfo"].at("status").as_string(), "ConcurrentTx");
    EXPECT_EQ(q("SELECT auth_status FROM transactions WHERE station_id = 'CP-CONC-B'"), "ConcurrentTx");

    const std::string p201 = "ocpp2.0.1";
    auto v201 = boot("CP-CONC-C", p201);
    const json::object token{{"idToken", "TAG-ONCE"}, {"type", "ISO14443"}};
    EXPECT_EQ(ok(*v201, p201, "a1", "Authorize", json::object{{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "ConcurrentTx");
    auto ev = tx_event("Started", 0, at("20:10:00"), "Authorized", {{"transactionId", "TX-CONC"}}, {});
    ev["idToken"] = token;
    EXPECT_EQ(ok(*v201, p201, "e0", "TransactionEvent", ev)["idTokenInfo"].at("status").as_string(), "ConcurrentTx");

    // Once the first (and the refused second) transaction ended, the token is free again.
    ok(*first, p16, "t1", "StopTransaction",
       json::object{{"transactionId", started["transactionId"]}, {"meterStop", 100}, {"timestamp", at("20:20:00")}});
    ok(*second, p16, "t2", "StopTransaction",
       json::object{{"transactionId", s2["transactionId"]}, {"meterStop", 0}, {"timestamp", at("20:20:00")},
                    {"reason", "DeAuthorized"}});
    auto ended = tx_event("Ended", 1, at("20:21:00"), "Deauthorized",
                          {{"transactionId", "TX-CONC"}, {"stoppedReason", "DeAuthorized"}}, {});
    ok(*v201, p201, "e1", "TransactionEvent", ended);
    EXPECT_EQ(ok(*v201, p201, "a2", "Authorize", json::object{{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "Accepted");
}

// Notification-type messages: stored as they arrived, once, and answered as the schema and our capabilities say.
TEST_F(Transactions, StationEventsAreStoredOnceAndAnswered) {
    auto v16 = boot("CP-EV16", "ocpp1.6");
    auto dt = ok(*v16, "ocpp1.6", "d1", "DataTransfer", json::object{{"vendorId", "com.example"}, {"data", "x"}});
    EXPECT_EQ(dt["status"].as_string(), "UnknownVendorId");
    auto sign = ok(*v16, "ocpp1.6", "c1", "SignCertificate", json::object{{"csr", "-----BEGIN CSR-----"}});
    EXPECT_EQ(sign["status"].as_string(), "Rejected");
    ok(*v16, "ocpp1.6", "f1", "FirmwareStatusNotification", json::object{{"status", "Downloading"}});
    ok(*v16, "ocpp1.6", "f1", "FirmwareStatusNotification", json::object{{"status", "Downloading"}});
    ok(*v16, "ocpp1.6", "g1", "DiagnosticsStatusNotification", json::object{{"status", "Uploaded"}});
    ok(*v16, "ocpp1.6", "se1", "SecurityEventNotification",
       json::object{{"type", "FirmwareUpdated"}, {"timestamp", at("17:00:00")}});
    EXPECT_EQ(q("SELECT count(*) FROM station_events WHERE station_id = 'CP-EV16'"), "5");
    EXPECT_EQ(q("SELECT payload->>'status' FROM station_events WHERE station_id = 'CP-EV16' AND "
                "action = 'FirmwareStatusNotification'"),
              "Downloading");

    const std::string p = "ocpp2.0.1";
    auto v201 = boot("CP-EV201", p);
    EXPECT_EQ(ok(*v201, p, "c1", "SignCertificate", json::object{{"csr", "-----BEGIN CSR-----"}})["status"].as_string(),
              "Rejected");
    EXPECT_EQ(ok(*v201, p, "c2", "Get15118EVCertificate",
                 json::object{{"iso15118SchemaVersion", "urn:iso:15118:2:2013:MsgDef"},
                              {"action", "Install"},
                              {"exiRequest", "AAAA"}})["status"]
                  .as_string(),
              "Failed");
    EXPECT_EQ(
        ok(*v201, p, "n1", "NotifyEVChargingNeeds",
           json::object{{"evseId", 1}, {"chargingNeeds", {{"requestedEnergyTransfer", "AC_three_phase"}}}})["status"]
            .as_string(),
        "Rejected");
    EXPECT_EQ(ok(*v201, p, "dt", "DataTransfer", json::object{{"vendorId", "com.example"}})["status"].as_string(),
              "UnknownVendorId");
    json::object report{{"requestId", 1},
                        {"generatedAt", at("18:00:00")},
                        {"seqNo", 0},
                        {"reportData", json::array{{{"component", {{"name", "EVSE"}}},
                                                    {"variable", {{"name", "Power"}}},
                                                    {"variableAttribute", json::array{{{"value", "22000"}}}}}}}};
    ok(*v201, p, "r1", "NotifyReport", report);
    ok(*v201, p, "r1", "NotifyReport", report);
    ok(*v201, p, "l1", "LogStatusNotification", json::object{{"status", "Uploaded"}});
    // B07: the report lands per component and variable; N07: events once each, and the newest actualValue
    // becomes the Actual attribute.
    EXPECT_EQ(q("SELECT value FROM device_model_variables WHERE station_id = 'CP-EV201' AND component = 'EVSE' AND "
                "variable = 'Power' AND attribute_type = 'Actual'"),
              "22000");
    json::object event{
        {"generatedAt", at("18:10:00")},
        {"seqNo", 0},
        {"eventData", json::array{{{"eventId", 7},
                                   {"timestamp", at("18:05:00")},
                                   {"trigger", "Delta"},
                                   {"actualValue", "11000"},
                                   {"eventNotificationType", "HardWiredMonitor"},
                                   {"component", {{"name", "EVSE"}}},
                                   {"variable", {{"name", "Power"}}}},
                                  {{"eventId", 8},
                                   {"timestamp", at("17:00:00")},
                                   {"trigger", "Alerting"},
                                   {"actualValue", "Faulted"},
                                   {"eventNotificationType", "HardWiredNotification"},
                                   {"component", {{"name", "Connector"}, {"evse", {{"id", 1}, {"connectorId", 1}}}}},
                                   {"variable", {{"name", "AvailabilityState"}}}}}}};
    ok(*v201, p, "ev1", "NotifyEvent", event);
    ok(*v201, p, "ev1-retry", "NotifyEvent", event);
    EXPECT_EQ(q("SELECT count(*) FROM device_model_events WHERE station_id = 'CP-EV201'"), "2");
    EXPECT_EQ(q("SELECT value FROM device_model_variables WHERE station_id = 'CP-EV201' AND component = 'EVSE' AND "
                "variable = 'Power' AND attribute_type = 'Actual'"),
              "11000");
    EXPECT_EQ(q("SELECT value FROM device_model_variables WHERE station_id = 'CP-EV201' AND component = 'Connector' "
                "AND evse_id = 1 AND connector_id = 1 AND variable = 'AvailabilityState'"),
              "Faulted");
    // An older report does not overwrite the newer event's value.
    json::object old_report = report;
    old_report["generatedAt"] = at("17:30:00");
    old_report["reportData"].as_array()[0].as_object()["variableAttribute"] = json::array{{{"value", "1"}}};
    ok(*v201, p, "r0", "NotifyReport", old_report);
    EXPECT_EQ(q("SELECT value FROM device_model_variables WHERE station_id = 'CP-EV201' AND component = 'EVSE' AND "
                "variable = 'Power' AND attribute_type = 'Actual'"),
              "11000");
    EXPECT_EQ(q("SELECT count(*) FROM station_events WHERE station_id = 'CP-EV201'"), "9");
    EXPECT_EQ(q("SELECT payload->'reportData'->0->'component'->>'name' FROM station_events WHERE "
                "station_id = 'CP-EV201' AND action = 'NotifyReport'"),
              "EVSE");
}

// Delivery (DESIGN §3): 1.6 sessions run while the manager is killed with SIGKILL and restarted. Every start a
// station got an answer for is one transaction (retries get the same id), every answered stop ended it with the
// right energy, and nothing is counted twice.
TEST(TransactionsRestart, KilledManagerLosesAndDoublesNothing) {
    TestDatabase db;
    Stack stack(db, "gw-tx-restart", 3000);
    stack.start_manager();
    stack.start_gateway();
    db.scalar("INSERT INTO id_tokens (id_token) VALUES ('TAG-R')");

    constexpr int kStations = 3;
    std::atomic<bool> stop{false};
    struct Session {
        std::int64_t tx = 0;
        bool stopped = false;
    };
    std::vector<std::vector<Session>> sessions(kStations);
    std::vector<std::thread> threads;
    for (int s = 0; s < kStations; ++s) {
        threads.emplace_back([&, s] {
            Station st(stack.gateway_port, "/ocpp/CP-TXR" + std::to_string(s), "ocpp1.6");
            st.call("boot", "BootNotification", json::object{{"chargePointVendor", "R"}, {"chargePointModel", "R"}});
            // Like a real station: repeat the same message until it is answered with a CALLRESULT.
            auto until_answered = [&](const std::string& id, const std::string& action,
                                      const json::object& payload) -> std::optional<json::value> {
                while (!stop.load()) {
                    try {
                        auto a = st.call(id, action, payload);
                        if (a[0].as_int64() == 3) {
                            return a[2];
                        }
                    } catch (const std::exception&) {
                    }
                }
                return std::nullopt;
            };
            for (int n = 0; !stop.load() && n < 10000; ++n) {
                char ts[3][40];
                for (int k = 0; k < 3; ++k) {
                    std::snprintf(ts[k], sizeof ts[k], "2026-01-01T%02d:%02d:%02d.000Z", n / 60 % 24, n % 60, k * 10);
                }
                const std::string tag = "n" + std::to_string(n);
                auto started = until_answered(
                    "s" + tag, "StartTransaction",
                    {{"connectorId", 1}, {"idTag", "TAG-R"}, {"meterStart", n * 1000}, {"timestamp", ts[0]}});
                if (!started) {
                    break;
                }
                sessions[s].push_back({started->at("transactionId").as_int64(), false});
                const auto tx = sessions[s].back().tx;
                json::object mv{
                    {"connectorId", 1},
                    {"transactionId", tx},
                    {"meterValue",
                     json::array{{{"timestamp", ts[1]},
                                  {"sampledValue", json::array{{{"value", std::to_string(n * 1000 + 250)}}}}}}}};
                if (!until_answered("m" + tag, "MeterValues", mv)) {
                    break;
                }
                if (!until_answered("x" + tag, "StopTransaction",
                                    {{"transactionId", tx}, {"meterStop", n * 1000 + 500}, {"timestamp", ts[2]}})) {
                    break;
                }
                sessions[s].back().stopped = true;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stack.manager->kill_hard();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stack.start_manager();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop.store(true);
    for (auto& t : threads) {
        t.join();
    }
    std::size_t total = 0;
    for (int s = 0; s < kStations; ++s) {
        const std::string station = "CP-TXR" + std::to_string(s);
        std::set<std::int64_t> ids;
        for (const auto& session : sessions[s]) {
            ids.insert(session.tx);
            ++total;
            const std::string tx = std::to_string(session.tx);
            EXPECT_EQ(db.scalar("SELECT count(*) FROM transactions WHERE station_id = '" + station +
                                "' AND v16_transaction_id = " + tx),
                      "1");
            EXPECT_LE(std::stoi(db.scalar("SELECT count(*) FROM meter_values WHERE station_id = '" + station +
                                          "' AND transaction_id = '" + tx + "'")),
                      1);
            if (session.stopped) {
                EXPECT_EQ(
                    db.scalar("SELECT state || ' ' || energy_wh FROM transactions WHERE v16_transaction_id = " + tx),
                    "Ended 500")
                    << station << " transaction " << tx;
            }
        }
        // Each answered start is its own transaction (no retry got a second id) and at most one more start
        // may be stored: the one in flight when the stations stopped.
        EXPECT_EQ(ids.size(), sessions[s].size()) << station;
        const int rows = std::stoi(db.scalar("SELECT count(*) FROM transactions WHERE station_id = '" + station + "'"));
        EXPECT_GE(rows, static_cast<int>(sessions[s].size())) << station;
        EXPECT_LE(rows, static_cast<int>(sessions[s].size()) + 1) << station;
        EXPECT_EQ(
            db.scalar("SELECT count(*) FROM transactions WHERE stop_without_start AND station_id = '" + station + "'"),
            "0");
    }
    EXPECT_GT(total, 10u) << "too little traffic to judge";
}

} // namespace
} // namespace recarga::test
