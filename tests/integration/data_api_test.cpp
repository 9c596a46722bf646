// The operator API's data resources against the real stack (gateway, RabbitMQ, manager, PostgreSQL): 1.6 and
// 2.0.1 stations run complete charging sessions and the API shows their transactions with the right energy and
// meter values (JSON and CSV); id tokens are managed and imported through the API and take effect at the next
// Authorize; station variables and status history; permissions, audit, and hostile input. Every answer is
// checked against api/openapi.yaml.
#include "api_contract.hpp"
#include "domain/csv.hpp"
#include "harness.hpp"
#include "ocpp_calls.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <future>

namespace recarga::test {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

class DataApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-data");
        stack->start_manager();
        stack->start_gateway();
        month = db->scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static HttpResult call(const std::string& method, const std::string& target, const std::string& body = "",
                           const std::string& token = "", Headers headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + (token.empty() ? stack->admin_token : token));
        try {
            return checked_request(stack->http_port, method, target, body, headers);
        } catch (const std::exception& e) {
            ADD_FAILURE() << method << " " << target.substr(0, 200) << ": " << e.what();
            return {};
        }
    }
    static json::object get_json(const std::string& target, const std::string& token = "") {
        auto res = call("GET", target, "", token);
        EXPECT_EQ(res.status, 200) << target << ": " << res.body;
        if (res.status != 200) {
            return {};
        }
        return json::parse(res.body).as_object();
    }
    // Every item of a list, following nextCursor page by page.
    static json::array all_pages(const std::string& target, int limit) {
        json::array items;
        std::string cursor;
        for (int pages = 0; pages < 100; ++pages) {
            auto sep = target.find('?') == std::string::npos ? "?" : "&";
            auto page = get_json(target + sep + "limit=" + std::to_string(limit) +
                                 (cursor.empty() ? "" : "&cursor=" + cursor));
            if (page.empty()) {
                break;
            }
            EXPECT_LE(page.at("items").as_array().size(), static_cast<std::size_t>(limit));
            for (auto& v : page.at("items").as_array()) {
                items.push_back(v);
            }
            if (page.at("nextCursor").is_null()) {
                return items;
            }
            cursor = std::string(page.at("nextCursor").as_string());
        }
        ADD_FAILURE() << "too many pages: " << target;
        return items;
    }
    static void expect_problem(const HttpResult& res, int status) {
        EXPECT_EQ(res.status, status) << res.body;
        EXPECT_EQ(res.content_type, "application/problem+json") << res.body;
    }
    static std::unique_ptr<Station> boot(const std::string& id, const std::string& protocol) {
        return boot_station(stack->gateway_port, id, protocol);
    }
    static json::object ok(Station& st, const std::string& id, const std::string& action, const json::value& payload) {
        return call_ok(st, id, action, payload);
    }
    static std::string at(const std::string& hms) { return month + "-01T" + hms + ".000Z"; }
    static std::string create_token(const std::string& body) {
        auto res = call("POST", "/api/v1/id-tokens", body);
        EXPECT_EQ(res.status, 201) << res.body;
        return res.header("Location");
    }
    static std::string user_token(const std::string& name, const std::string& role) {
        auto res = call("POST", "/api/v1/users",
                        json::serialize(json::object{{"username", name}, {"role", role}, {"password", name + "-pw-123"}}));
        EXPECT_EQ(res.status, 201) << res.body;
        return login(stack->http_port, name, name + "-pw-123");
    }
    static double num(const json::value& v) { return v.to_number<double>(); }

    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline std::string month;
};

json::object v16_sample(std::int64_t tx, const std::string& ts, const std::string& reg, const std::string& power) {
    return {{"connectorId", 1},
            {"transactionId", tx},
            {"meterValue",
             json::array{{{"timestamp", ts},
                          {"sampledValue", json::array{{{"value", reg},
                                                        {"measurand", "Energy.Active.Import.Register"},
                                                        {"unit", "Wh"},
                                                        {"context", "Sample.Periodic"}},
                                                       {{"value", power},
                                                        {"measurand", "Power.Active.Import"},
                                                        {"unit", "W"},
                                                        {"context", "Sample.Periodic"}}}}}}}};
}

// Issue 12, done when: a 1.6 session (authorize, start, meter values, stop) shows in the API with its energy
// and meter values; E06/E07-like duplicates add nothing.
TEST_F(DataApi, V16SessionShowsWithItsEnergyAndMeterValues) {
    create_token(R"({"idToken":"D16-TAG","status":"Accepted"})");
    auto st = boot("CP-DATA16", "ocpp1.6");
    EXPECT_EQ(ok(*st, "a1", "Authorize", json::object{{"idTag", "D16-TAG"}})["idTagInfo"].at("status").as_string(),
              "Accepted");
    auto started = ok(*st, "s1", "StartTransaction",
                      json::object{{"connectorId", 1}, {"idTag", "D16-TAG"}, {"meterStart", 1000},
                                   {"timestamp", at("08:00:00")}});
    const auto tx = started["transactionId"].as_int64();

    // While active: the API shows it so; no reading yet, no energy.
    auto active = get_json("/api/v1/transactions?stationId=CP-DATA16&status=active");
    ASSERT_EQ(active.at("items").as_array().size(), 1u) << json::serialize(active);
    EXPECT_EQ(active.at("items").at(0).at("status").as_string(), "active");
    EXPECT_TRUE(active.at("items").at(0).at("energyWh").is_null());

    ok(*st, "m1", "MeterValues", v16_sample(tx, at("08:15:00"), "2500", "7000"));
    ok(*st, "m1", "MeterValues", v16_sample(tx, at("08:15:00"), "2500", "7000")); // a repeat adds nothing
    ok(*st, "m2", "MeterValues", v16_sample(tx, at("08:30:00"), "3700", "4800.5"));
    // While active, the energy is the latest register reading minus the start.
    active = get_json("/api/v1/transactions?stationId=CP-DATA16&status=active");
    ASSERT_EQ(active.at("items").as_array().size(), 1u);
    EXPECT_EQ(num(active.at("items").at(0).at("energyWh")), 2700);
    EXPECT_TRUE(active.at("items").at(0).at("meterStopWh").is_null());
    ok(*st, "x1", "StopTransaction",
       json::object{{"transactionId", tx},
                    {"idTag", "D16-TAG"},
                    {"meterStop", 4500},
                    {"timestamp", at("08:45:00")},
                    {"reason", "EVDisconnected"},
                    {"transactionData",
                     json::array{{{"timestamp", at("08:45:00")},
                                  {"sampledValue", json::array{{{"value", "4500"}, {"context", "Transaction.End"}}}}}}}});

    auto list = get_json("/api/v1/transactions?stationId=CP-DATA16");
    ASSERT_EQ(list.at("items").as_array().size(), 1u) << json::serialize(list);
    EXPECT_TRUE(list.at("nextCursor").is_null());
    auto t = list.at("items").at(0).as_object();
    EXPECT_EQ(t.at("stationId").as_string(), "CP-DATA16");
    EXPECT_EQ(t.at("transactionId").as_string(), std::to_string(tx));
    EXPECT_EQ(t.at("status").as_string(), "completed");
    EXPECT_EQ(t.at("idToken").as_string(), "D16-TAG");
    EXPECT_TRUE(t.at("idTokenType").is_null());
    EXPECT_EQ(t.at("evseId").as_int64(), 1);
    EXPECT_EQ(t.at("startedAt").as_string(), at("08:00:00"));
    EXPECT_EQ(t.at("stoppedAt").as_string(), at("08:45:00"));
    EXPECT_EQ(num(t.at("meterStartWh")), 1000);
    EXPECT_EQ(num(t.at("meterStopWh")), 4500);
    EXPECT_EQ(num(t.at("energyWh")), 3500);
    EXPECT_EQ(t.at("stopReason").as_string(), "EVDisconnected");
    const std::string id(t.at("id").as_string());
    EXPECT_EQ(json::serialize(get_json("/api/v1/transactions/" + id)), json::serialize(t));
    EXPECT_EQ(get_json("/api/v1/transactions?idToken=D16-TAG&status=completed").at("items").as_array().size(), 1u);
    EXPECT_EQ(get_json("/api/v1/transactions?stationId=CP-DATA16&status=active").at("items").as_array().size(), 0u);
    // Start time range: [from, to).
    EXPECT_EQ(get_json("/api/v1/transactions?stationId=CP-DATA16&from=" + at("08:00:00")).at("items").as_array().size(),
              1u);
    EXPECT_EQ(get_json("/api/v1/transactions?stationId=CP-DATA16&to=" + at("08:00:00")).at("items").as_array().size(),
              0u);
    EXPECT_EQ(get_json("/api/v1/transactions?stationId=CP-DATA16&from=" + at("07:00:00") + "&to=" + at("08:00:01"))
                  .at("items")
                  .as_array()
                  .size(),
              1u);

    // Meter values: 2 x 2 samples and the stop's register, in time order.
    auto mv = get_json("/api/v1/transactions/" + id + "/meter-values");
    auto items = mv.at("items").as_array();
    ASSERT_EQ(items.size(), 5u) << json::serialize(mv);
    EXPECT_TRUE(mv.at("nextCursor").is_null());
    for (std::size_t i = 1; i < items.size(); ++i) {
        EXPECT_LE(items[i - 1].at("sampledAt").as_string(), items[i].at("sampledAt").as_string());
    }
    auto energy = get_json("/api/v1/transactions/" + id + "/meter-values?measurand=Energy.Active.Import.Register");
    ASSERT_EQ(energy.at("items").as_array().size(), 3u) << json::serialize(energy);
    EXPECT_EQ(num(energy.at("items").at(0).at("value")), 2500);
    EXPECT_EQ(energy.at("items").at(0).at("unit").as_string(), "Wh");
    EXPECT_EQ(energy.at("items").at(0).at("context").as_string(), "Sample.Periodic");
    EXPECT_EQ(num(energy.at("items").at(1).at("value")), 3700);
    EXPECT_EQ(num(energy.at("items").at(2).at("value")), 4500);
    EXPECT_EQ(energy.at("items").at(2).at("sampledAt").as_string(), at("08:45:00"));
    // The last register reading minus the start is the transaction's energy.
    EXPECT_EQ(num(energy.at("items").at(2).at("value")) - num(t.at("meterStartWh")), num(t.at("energyWh")));
    auto power = get_json("/api/v1/transactions/" + id + "/meter-values?measurand=Power.Active.Import");
    ASSERT_EQ(power.at("items").as_array().size(), 2u);
    EXPECT_EQ(num(power.at("items").at(1).at("value")), 4800.5);
    EXPECT_EQ(power.at("items").at(1).at("unit").as_string(), "W");
    // Time range: [from, to).
    auto range = get_json("/api/v1/transactions/" + id + "/meter-values?from=" + at("08:30:00") +
                          "&to=" + at("08:45:00"));
    EXPECT_EQ(range.at("items").as_array().size(), 2u) << json::serialize(range);
    // Pages of 2 give the same values in the same order.
    EXPECT_EQ(json::serialize(all_pages("/api/v1/transactions/" + id + "/meter-values", 2)), json::serialize(items));
}

json::array sampled(const std::string& ts, const std::string& context, json::array values) {
    return json::array{{{"timestamp", ts}, {"sampledValue", std::move(values)}}};
}
json::object value_of(double v, const std::string& measurand, const std::string& unit, const std::string& context,
                      std::optional<int> multiplier = std::nullopt) {
    json::object unit_of{{"unit", unit}};
    if (multiplier) {
        unit_of["multiplier"] = *multiplier;
    }
    return {{"value", v}, {"measurand", measurand}, {"context", context}, {"unitOfMeasure", unit_of}};
}

// Issue 12, done when: a 2.0.1 session (Authorize, TransactionEvent Started/Updated/Ended, E01-E07) shows in the
// API with its energy and meter values, units converted to Wh and W.
TEST_F(DataApi, V201SessionShowsWithItsEnergyAndMeterValues) {
    create_token(R"({"idToken":"D201-TAG","type":"ISO14443"})");
    auto st = boot("CP-DATA201", "ocpp2.0.1");
    const json::object token{{"idToken", "D201-TAG"}, {"type", "ISO14443"}};
    EXPECT_EQ(ok(*st, "a1", "Authorize", json::object{{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "Accepted");
    auto event = [&](const std::string& type, int seq, const std::string& ts, const std::string& trigger,
                     json::object info, json::array meter) {
        json::object e{{"eventType", type},     {"timestamp", ts},         {"triggerReason", trigger},
                       {"seqNo", seq},          {"transactionInfo", info}, {"meterValue", std::move(meter)}};
        return e;
    };
    auto started = event("Started", 0, at("09:00:00"), "Authorized", {{"transactionId", "TX-D1"}},
                         sampled(at("09:00:00"), "Transaction.Begin",
                                 {value_of(10000, "Energy.Active.Import.Register", "Wh", "Transaction.Begin")}));
    started["evse"] = json::object{{"id", 1}, {"connectorId", 1}};
    started["idToken"] = token;
    EXPECT_EQ(ok(*st, "e0", "TransactionEvent", started)["idTokenInfo"].at("status").as_string(), "Accepted");
    auto updated = event("Updated", 1, at("09:30:00"), "MeterValuePeriodic",
                         {{"transactionId", "TX-D1"}, {"chargingState", "Charging"}},
                         sampled(at("09:30:00"), "Sample.Periodic",
                                 {value_of(11.25, "Energy.Active.Import.Register", "kWh", "Sample.Periodic"),
                                  value_of(7.2, "Power.Active.Import", "kW", "Sample.Periodic"),
                                  value_of(2300, "Voltage", "V", "Sample.Periodic", -1)}));
    ok(*st, "e1", "TransactionEvent", updated);
    ok(*st, "e1-retry", "TransactionEvent", updated);

    auto active = get_json("/api/v1/transactions?stationId=CP-DATA201");
    ASSERT_EQ(active.at("items").as_array().size(), 1u);
    EXPECT_EQ(active.at("items").at(0).at("status").as_string(), "active");
    EXPECT_EQ(num(active.at("items").at(0).at("energyWh")), 1250); // 2.0.1: the latest register while active

    auto ended = event("Ended", 2, at("10:00:00"), "EVCommunicationLost",
                       {{"transactionId", "TX-D1"}, {"stoppedReason", "EVDisconnected"}},
                       sampled(at("10:00:00"), "Transaction.End",
                               {value_of(12500, "Energy.Active.Import.Register", "Wh", "Transaction.End")}));
    ok(*st, "e2", "TransactionEvent", ended);
    ok(*st, "e2-retry", "TransactionEvent", ended);

    auto list = get_json("/api/v1/transactions?stationId=CP-DATA201&status=completed");
    ASSERT_EQ(list.at("items").as_array().size(), 1u) << json::serialize(list);
    auto t = list.at("items").at(0).as_object();
    EXPECT_EQ(t.at("transactionId").as_string(), "TX-D1");
    EXPECT_EQ(t.at("idToken").as_string(), "D201-TAG");
    EXPECT_EQ(t.at("idTokenType").as_string(), "ISO14443");
    EXPECT_EQ(t.at("evseId").as_int64(), 1);
    EXPECT_EQ(t.at("connectorId").as_int64(), 1);
    EXPECT_EQ(t.at("startedAt").as_string(), at("09:00:00"));
    EXPECT_EQ(t.at("stoppedAt").as_string(), at("10:00:00"));
    EXPECT_EQ(num(t.at("meterStartWh")), 10000);
    EXPECT_EQ(num(t.at("meterStopWh")), 12500);
    EXPECT_EQ(num(t.at("energyWh")), 2500);
    EXPECT_EQ(t.at("stopReason").as_string(), "EVDisconnected");

    const std::string id(t.at("id").as_string());
    auto energy = get_json("/api/v1/transactions/" + id + "/meter-values?measurand=Energy.Active.Import.Register");
    ASSERT_EQ(energy.at("items").as_array().size(), 3u) << json::serialize(energy);
    EXPECT_EQ(num(energy.at("items").at(0).at("value")), 10000);
    EXPECT_EQ(num(energy.at("items").at(1).at("value")), 11250); // 11.25 kWh
    EXPECT_EQ(energy.at("items").at(1).at("unit").as_string(), "Wh");
    EXPECT_EQ(num(energy.at("items").at(2).at("value")), 12500);
    auto power = get_json("/api/v1/transactions/" + id + "/meter-values?measurand=Power.Active.Import");
    ASSERT_EQ(power.at("items").as_array().size(), 1u);
    EXPECT_EQ(num(power.at("items").at(0).at("value")), 7200); // 7.2 kW
    EXPECT_EQ(power.at("items").at(0).at("unit").as_string(), "W");
    auto volts = get_json("/api/v1/transactions/" + id + "/meter-values?measurand=Voltage");
    ASSERT_EQ(volts.at("items").as_array().size(), 1u);
    EXPECT_NEAR(num(volts.at("items").at(0).at("value")), 230, 1e-9); // 2300 x 10^-1
    EXPECT_EQ(get_json("/api/v1/transactions/" + id + "/meter-values").at("items").as_array().size(), 5u);
}

std::vector<std::vector<std::string>> parse_csv(const std::string& body) {
    auto parsed = manager::csv::parse(body, 1000000);
    EXPECT_FALSE(parsed.error) << *parsed.error;
    std::vector<std::vector<std::string>> rows;
    for (auto& r : parsed.records) {
        rows.push_back(std::move(r.fields));
    }
    return rows;
}

TEST_F(DataApi, CsvExportsParseBackToTheJsonValues) {
    create_token(R"({"idToken":"CSV-TAG"})");
    auto st = boot("CP-CSV", "ocpp1.6");
    for (int i = 0; i < 3; ++i) {
        const auto h = "0" + std::to_string(i + 1);
        auto s = ok(*st, "s" + h, "StartTransaction",
                    json::object{{"connectorId", 1}, {"idTag", "CSV-TAG"}, {"meterStart", 100 * i},
                                 {"timestamp", at(h + ":00:00")}});
        const auto tx = s["transactionId"].as_int64();
        ok(*st, "m" + h, "MeterValues", v16_sample(tx, at(h + ":10:00"), std::to_string(100 * i + 50), "-12.5"));
        ok(*st, "x" + h, "StopTransaction",
           json::object{{"transactionId", tx},
                        {"meterStop", 100 * i + 75},
                        {"timestamp", at(h + ":20:00")},
                        {"reason", i == 2 ? "Other" : "Local"}});
    }
    auto res = call("GET", "/api/v1/transactions?stationId=CP-CSV&format=csv");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_TRUE(res.content_type.starts_with("text/csv")) << res.content_type;
    EXPECT_TRUE(res.header("Content-Disposition").starts_with("attachment;")) << res.header("Content-Disposition");
    auto rows = parse_csv(res.body);
    ASSERT_EQ(rows.size(), 4u) << res.body;
    EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "stationId", "transactionId", "evseId", "connectorId", "idToken",
                                                 "idTokenType", "status", "startedAt", "stoppedAt", "meterStartWh",
                                                 "meterStopWh", "energyWh", "stopReason"}));
    auto json_items = get_json("/api/v1/transactions?stationId=CP-CSV").at("items").as_array();
    ASSERT_EQ(json_items.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& row = rows[i + 1];
        const auto& t = json_items[i].as_object();
        EXPECT_EQ(row[0], t.at("id").as_string());
        EXPECT_EQ(row[2], t.at("transactionId").as_string());
        EXPECT_EQ(row[5], "CSV-TAG");
        EXPECT_EQ(row[6], ""); // null
        EXPECT_EQ(row[7], "completed");
        EXPECT_EQ(row[8], t.at("startedAt").as_string());
        EXPECT_EQ(std::stod(row[12]), num(t.at("energyWh")));
        EXPECT_EQ(std::stod(row[12]), 75);
    }
    // A JSON page of 1 and the CSV from its cursor on: the rest.
    auto first = get_json("/api/v1/transactions?stationId=CP-CSV&limit=1");
    auto rest = call("GET", "/api/v1/transactions?stationId=CP-CSV&format=csv&cursor=" +
                                std::string(first.at("nextCursor").as_string()));
    EXPECT_EQ(parse_csv(rest.body).size(), 3u);

    const std::string id(json_items[0].at("id").as_string());
    auto mv = call("GET", "/api/v1/transactions/" + id + "/meter-values?format=csv");
    ASSERT_EQ(mv.status, 200) << mv.body;
    EXPECT_TRUE(mv.content_type.starts_with("text/csv"));
    EXPECT_TRUE(mv.header("Content-Disposition").starts_with("attachment;"));
    auto mrows = parse_csv(mv.body);
    ASSERT_EQ(mrows.size(), 3u) << mv.body;
    EXPECT_EQ(mrows[0], (std::vector<std::string>{"sampledAt", "measurand", "phase", "location", "unit", "context",
                                                  "value"}));
    EXPECT_EQ(mrows[1][1], "Energy.Active.Import.Register");
    EXPECT_EQ(mrows[1][6], "250");
    EXPECT_EQ(mrows[2][1], "Power.Active.Import");
    EXPECT_EQ(mrows[2][6], "-12.5"); // a negative number is not taken for a formula
    EXPECT_EQ(mrows[2][0], at("03:10:00"));
}

TEST_F(DataApi, IdTokensCreateReadChangeListAndDelete) {
    const auto location = create_token(
        R"({"idToken":"CRUD-1","type":"eMAID","status":"Accepted","expiresAt":"2031-02-03T04:05:06Z",
            "groupIdToken":"FLEET-9","allowedStations":["CP-A","CP-B"]})");
    EXPECT_EQ(location, "/api/v1/id-tokens/eMAID/CRUD-1");
    auto dup = call("POST", "/api/v1/id-tokens", R"({"idToken":"CRUD-1","type":"eMAID"})");
    expect_problem(dup, 409);
    auto t = get_json(location);
    EXPECT_EQ(t.at("status").as_string(), "Accepted");
    EXPECT_EQ(t.at("expiresAt").as_string(), "2031-02-03T04:05:06.000Z");
    EXPECT_EQ(t.at("groupIdToken").as_string(), "FLEET-9");
    EXPECT_EQ(json::serialize(t.at("allowedStations")), R"(["CP-A","CP-B"])");

    auto changed = call("PATCH", location, R"({"status":"Blocked","allowedStations":null})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    auto c = json::parse(changed.body).as_object();
    EXPECT_EQ(c.at("status").as_string(), "Blocked");
    EXPECT_TRUE(c.at("allowedStations").is_null());
    EXPECT_EQ(c.at("groupIdToken").as_string(), "FLEET-9"); // absent: unchanged
    expect_problem(call("PATCH", location, "{}"), 400);
    expect_problem(call("PATCH", "/api/v1/id-tokens/eMAID/NOPE", R"({"status":"Blocked"})"), 404);

    for (int i = 0; i < 5; ++i) {
        create_token(R"({"idToken":"CRUD-LIST-)" + std::to_string(i) + R"("})");
    }
    auto listed = all_pages("/api/v1/id-tokens?q=crud-list", 2);
    ASSERT_EQ(listed.size(), 5u);
    EXPECT_EQ(listed[0].at("idToken").as_string(), "CRUD-LIST-0");
    EXPECT_EQ(listed[4].at("idToken").as_string(), "CRUD-LIST-4");
    EXPECT_EQ(listed[0].at("type").as_string(), "ISO14443"); // defaults
    EXPECT_EQ(listed[0].at("status").as_string(), "Accepted");
    auto blocked = get_json("/api/v1/id-tokens?status=Blocked&q=CRUD");
    ASSERT_EQ(blocked.at("items").as_array().size(), 1u);

    EXPECT_EQ(call("DELETE", location).status, 204);
    expect_problem(call("GET", location), 404);
    expect_problem(call("DELETE", location), 404);
    // Every change is audited with its resource.
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE resource = 'id-tokens/eMAID/CRUD-1' AND "
                         "outcome = 'success'"),
              "3"); // create, patch, delete
}

TEST_F(DataApi, ImportUpsertsJsonAndCsvAndReportsBadLines) {
    create_token(R"({"idToken":"IMP-EXISTING","status":"Blocked","groupIdToken":"G1"})");
    auto res = call("POST", "/api/v1/id-tokens/import",
                    R"([{"idToken":"IMP-1"},
                        {"idToken":"bad/token"},
                        {"idToken":"IMP-EXISTING","status":"Accepted"},
                        {"idToken":"IMP-2","status":"Maybe"},
                        "not an object",
                        {"idToken":"IMP-3","type":"KeyCode","expiresAt":"2030-01-01T00:00:00Z"}])");
    ASSERT_EQ(res.status, 200) << res.body;
    auto r = json::parse(res.body).as_object();
    EXPECT_EQ(r.at("created").as_int64(), 2);
    EXPECT_EQ(r.at("updated").as_int64(), 1);
    auto errors = r.at("errors").as_array();
    ASSERT_EQ(errors.size(), 3u) << res.body;
    EXPECT_EQ(errors[0].at("line").as_int64(), 2);
    EXPECT_EQ(errors[1].at("line").as_int64(), 4);
    EXPECT_EQ(errors[2].at("line").as_int64(), 5);
    auto existing = get_json("/api/v1/id-tokens/ISO14443/IMP-EXISTING");
    EXPECT_EQ(existing.at("status").as_string(), "Accepted");
    EXPECT_EQ(existing.at("groupIdToken").as_string(), "G1"); // absent from the entry: kept
    EXPECT_EQ(get_json("/api/v1/id-tokens/KeyCode/IMP-3").at("expiresAt").as_string(), "2030-01-01T00:00:00.000Z");
    expect_problem(call("GET", "/api/v1/id-tokens/ISO14443/IMP-2"), 404);

    const Headers csv_type = {{"Content-Type", "text/csv"}};
    const std::string csv = "idToken,type,status,groupIdToken\r\n"
                            "CSV-IMP-1,ISO14443,Accepted,\r\n"
                            "\"CSV-IMP-2\",Local,Blocked,\"G-2\"\r\n"
                            "CSV-IMP-3,ISO14443\r\n"            // line 4: too few fields
                            "CSV-IMP-4,ISO14443,Sleepy,\r\n"    // line 5: bad status
                            "\r\n"                               // blank: skipped
                            "IMP-1,ISO14443,Invalid,GROUP-X\r\n"; // line 7: updates the JSON import's token
    res = call("POST", "/api/v1/id-tokens/import", csv, "", csv_type);
    ASSERT_EQ(res.status, 200) << res.body;
    r = json::parse(res.body).as_object();
    EXPECT_EQ(r.at("created").as_int64(), 2);
    EXPECT_EQ(r.at("updated").as_int64(), 1);
    errors = r.at("errors").as_array();
    ASSERT_EQ(errors.size(), 2u) << res.body;
    EXPECT_EQ(errors[0].at("line").as_int64(), 4);
    EXPECT_EQ(errors[1].at("line").as_int64(), 5);
    EXPECT_EQ(get_json("/api/v1/id-tokens/Local/CSV-IMP-2").at("groupIdToken").as_string(), "G-2");
    EXPECT_EQ(get_json("/api/v1/id-tokens/ISO14443/IMP-1").at("status").as_string(), "Invalid");

    // Files that cannot be imported at all.
    expect_problem(call("POST", "/api/v1/id-tokens/import", "idToken,colour\r\nX,red\r\n", "", csv_type), 400);
    expect_problem(call("POST", "/api/v1/id-tokens/import", "type\r\nISO14443\r\n", "", csv_type), 400);
    expect_problem(call("POST", "/api/v1/id-tokens/import", "", "", csv_type), 400);
    expect_problem(call("POST", "/api/v1/id-tokens/import", "a", "", {{"Content-Type", "text/plain"}}), 415);
    expect_problem(call("POST", "/api/v1/id-tokens/import", R"({"idToken":"X"})"), 400); // not an array
    std::string many_csv = "idToken\r\n";
    std::string many_json = "[";
    for (int i = 0; i <= 10000; ++i) {
        many_csv += "M" + std::to_string(i) + "\r\n";
        many_json += std::string(i ? "," : "") + R"({"idToken":"M)" + std::to_string(i) + "\"}";
    }
    many_json += "]";
    expect_problem(call("POST", "/api/v1/id-tokens/import", many_csv, "", csv_type), 413);
    expect_problem(call("POST", "/api/v1/id-tokens/import", many_json), 400);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM id_tokens WHERE id_token LIKE 'M%'"), "0");
    // The bound itself imports, in one request.
    many_csv = "idToken\r\n";
    for (int i = 0; i < 10000; ++i) {
        many_csv += "BULK-" + std::to_string(i) + "\r\n";
    }
    res = call("POST", "/api/v1/id-tokens/import", many_csv, "", csv_type);
    ASSERT_EQ(res.status, 200) << res.body.substr(0, 500);
    EXPECT_EQ(json::parse(res.body).at("created").as_int64(), 10000);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM id_tokens WHERE id_token LIKE 'BULK-%'"), "10000");
}

// C01/C02 with tokens managed through the API: a change is seen by the next Authorize (no stale cache).
TEST_F(DataApi, TokenBlockedThroughTheApiIsRefusedAtTheNextAuthorize) {
    const auto location = create_token(R"({"idToken":"LIVE-TAG"})");
    auto v16 = boot("CP-LIVE16", "ocpp1.6");
    auto v201 = boot("CP-LIVE201", "ocpp2.0.1");
    auto status16 = [&](const std::string& id) {
        return std::string(
            ok(*v16, id, "Authorize", json::object{{"idTag", "LIVE-TAG"}})["idTagInfo"].at("status").as_string());
    };
    auto status201 = [&](const std::string& id) {
        return std::string(ok(*v201, id, "Authorize",
                              json::object{{"idToken", {{"idToken", "LIVE-TAG"}, {"type", "ISO14443"}}}})["idTokenInfo"]
                               .at("status")
                               .as_string());
    };
    EXPECT_EQ(status16("a1"), "Accepted");
    EXPECT_EQ(status201("a1"), "Accepted");
    ASSERT_EQ(call("PATCH", location, R"({"status":"Blocked"})").status, 200);
    EXPECT_EQ(status16("a2"), "Blocked");
    EXPECT_EQ(status201("a2"), "Blocked");
    ASSERT_EQ(call("PATCH", location, R"({"status":"Accepted","allowedStations":["CP-LIVE201"]})").status, 200);
    EXPECT_EQ(status16("a3"), "Invalid"); // not allowed at this station
    EXPECT_EQ(status201("a3"), "Accepted");
    ASSERT_EQ(call("DELETE", location).status, 204);
    EXPECT_EQ(status16("a4"), "Invalid");
    EXPECT_EQ(status201("a4"), "Unknown"); // 2.0.1 spells an unknown token so
    // An import changes the answer too.
    ASSERT_EQ(call("POST", "/api/v1/id-tokens/import", R"([{"idToken":"LIVE-TAG","status":"Expired"}])").status, 200);
    EXPECT_EQ(status16("a5"), "Expired");
}

TEST_F(DataApi, ViewersReadOperatorsWriteAdminsDelete) {
    create_token(R"({"idToken":"PERM-TAG"})");
    const auto viewer = user_token("dana", "viewer");
    const auto op = user_token("omar", "operator");
    ASSERT_FALSE(viewer.empty());
    ASSERT_FALSE(op.empty());
    EXPECT_EQ(call("GET", "/api/v1/id-tokens", "", viewer).status, 200);
    EXPECT_EQ(call("GET", "/api/v1/transactions", "", viewer).status, 200);
    expect_problem(call("POST", "/api/v1/id-tokens", R"({"idToken":"V-1"})", viewer), 403);
    expect_problem(call("PATCH", "/api/v1/id-tokens/ISO14443/PERM-TAG", R"({"status":"Blocked"})", viewer), 403);
    expect_problem(call("POST", "/api/v1/id-tokens/import", R"([{"idToken":"V-2"}])", viewer), 403);
    expect_problem(call("DELETE", "/api/v1/id-tokens/ISO14443/PERM-TAG", "", viewer), 403);
    EXPECT_EQ(get_json("/api/v1/id-tokens/ISO14443/PERM-TAG").at("status").as_string(), "Accepted");
    EXPECT_EQ(db->scalar("SELECT count(*) FROM id_tokens WHERE id_token LIKE 'V-%'"), "0");
    // Refusals are audited.
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE actor_name = 'dana' AND status = 403"), "4");

    EXPECT_EQ(call("POST", "/api/v1/id-tokens", R"({"idToken":"OP-1"})", op).status, 201);
    EXPECT_EQ(call("PATCH", "/api/v1/id-tokens/ISO14443/OP-1", R"({"status":"Blocked"})", op).status, 200);
    expect_problem(call("DELETE", "/api/v1/id-tokens/ISO14443/OP-1", "", op), 403);
    EXPECT_EQ(call("DELETE", "/api/v1/id-tokens/ISO14443/OP-1").status, 204); // admin
    EXPECT_EQ(db->scalar("SELECT actor_name FROM audit_log WHERE resource = 'id-tokens/ISO14443/OP-1' AND "
                         "method = 'PATCH'"),
              "omar");
    EXPECT_EQ(call("POST", "/api/v1/id-tokens/import", R"([{"idToken":"OP-2"}])", op).status, 200);
    EXPECT_EQ(db->scalar("SELECT actor_name || ' ' || status FROM audit_log WHERE resource = 'id-tokens/import' AND "
                         "actor_name = 'omar'"),
              "omar 200");

    // API keys stay within their scopes.
    auto key_of = [](const std::string& name, const std::string& scopes) {
        auto res = call("POST", "/api/v1/api-keys", R"({"name":")" + name + R"(","scopes":)" + scopes + "}");
        EXPECT_EQ(res.status, 201) << res.body;
        return res.status == 201 ? std::string(json::parse(res.body).at("key").as_string()) : std::string();
    };
    const auto read_key = key_of("reader", R"(["read"])");
    const auto command_key = key_of("writer", R"(["read","command"])");
    auto with_key = [](const std::string& method, const std::string& target, const std::string& body,
                       const std::string& key) {
        return checked_request(stack->http_port, method, target, body, {{"X-API-Key", key}});
    };
    EXPECT_EQ(with_key("GET", "/api/v1/id-tokens/ISO14443/PERM-TAG", "", read_key).status, 200);
    expect_problem(with_key("POST", "/api/v1/id-tokens", R"({"idToken":"K-1"})", read_key), 403);
    EXPECT_EQ(with_key("POST", "/api/v1/id-tokens", R"({"idToken":"K-2"})", command_key).status, 201);
    expect_problem(with_key("DELETE", "/api/v1/id-tokens/ISO14443/K-2", "", command_key), 403);
}

TEST_F(DataApi, StationVariablesAndStatusHistory) {
    auto v201 = boot("CP-VARS", "ocpp2.0.1");
    json::object report{
        {"requestId", 1},
        {"generatedAt", at("11:00:00")},
        {"seqNo", 0},
        {"reportData",
         json::array{{{"component", {{"name", "EVSE"}, {"evse", {{"id", 1}}}}},
                      {"variable", {{"name", "Power"}}},
                      {"variableAttribute", json::array{{{"value", "22000"}, {"mutability", "ReadOnly"}},
                                                        {{"type", "MaxSet"}, {"value", "11000"}}}}},
                     {{"component", {{"name", "OCPPCommCtrlr"}}},
                      {"variable", {{"name", "HeartbeatInterval"}}},
                      {"variableAttribute", json::array{{{"value", "300"}, {"mutability", "ReadWrite"}}}}}}}};
    ok(*v201, "r1", "NotifyReport", report);
    auto vars = get_json("/api/v1/stations/CP-VARS/variables");
    auto items = vars.at("items").as_array();
    ASSERT_EQ(items.size(), 3u) << json::serialize(vars);
    EXPECT_EQ(items[0].at("component").as_string(), "EVSE");
    EXPECT_EQ(items[0].at("evseId").as_int64(), 1);
    EXPECT_TRUE(items[0].at("connectorId").is_null());
    EXPECT_TRUE(items[0].at("componentInstance").is_null());
    EXPECT_EQ(items[0].at("attributeType").as_string(), "Actual");
    EXPECT_EQ(items[0].at("value").as_string(), "22000");
    EXPECT_TRUE(items[0].at("readonly").as_bool());
    EXPECT_EQ(items[1].at("attributeType").as_string(), "MaxSet");
    EXPECT_EQ(items[2].at("variable").as_string(), "HeartbeatInterval");
    EXPECT_FALSE(items[2].at("readonly").as_bool());
    EXPECT_EQ(json::serialize(all_pages("/api/v1/stations/CP-VARS/variables", 1)), json::serialize(items));
    EXPECT_EQ(get_json("/api/v1/stations/CP-VARS/variables?component=OCPPCommCtrlr").at("items").as_array().size(),
              1u);

    auto v16 = boot("CP-HIST", "ocpp1.6");
    // A 1.6 station has no device model: nothing is known of its configuration until it answers a command.
    EXPECT_EQ(get_json("/api/v1/stations/CP-HIST/variables").at("items").as_array().size(), 0u);
    const char* statuses[] = {"Available", "Preparing", "Charging", "Finishing"};
    for (int i = 0; i < 4; ++i) {
        ok(*v16, "sn" + std::to_string(i), "StatusNotification",
           json::object{{"connectorId", 1},
                        {"errorCode", "NoError"},
                        {"status", statuses[i]},
                        {"timestamp", at("12:0" + std::to_string(i) + ":00")}});
    }
    ok(*v16, "sn-0", "StatusNotification",
       json::object{{"connectorId", 0}, {"errorCode", "NoError"}, {"status", "Available"}, {"timestamp", at("12:05:00")}});
    auto history = all_pages("/api/v1/stations/CP-HIST/status-events", 2);
    ASSERT_EQ(history.size(), 5u);
    EXPECT_EQ(history[0].at("evseId").as_int64(), 0);
    EXPECT_EQ(history[1].at("status").as_string(), "Finishing"); // newest first
    EXPECT_EQ(history[4].at("status").as_string(), "Available");
    EXPECT_EQ(history[4].at("reportedAt").as_string(), at("12:00:00"));
    EXPECT_EQ(history[1].at("connectorId").as_int64(), 1);
    EXPECT_EQ(get_json("/api/v1/stations/CP-HIST/status-events?evseId=1").at("items").as_array().size(), 4u);

    expect_problem(call("GET", "/api/v1/stations/NO-SUCH-CP/variables"), 404);
    expect_problem(call("GET", "/api/v1/stations/NO-SUCH-CP/status-events"), 404);
}

// The configuration a 1.6 station reports in its answer to GetConfiguration, and the values it accepts in
// ChangeConfiguration, are kept as its variables (component "Configuration"); a rejected change is not.
TEST_F(DataApi, V16ConfigurationKeysLearntFromCommandAnswers) {
    auto st = boot("CP-CONF", "ocpp1.6");
    auto command = [&](const std::string& action, const json::object& body, const json::object& answer) {
        auto sent = std::async(std::launch::async, [=] {
            return call("POST", "/api/v1/stations/CP-CONF/commands/" + action, json::serialize(body));
        });
        auto frame = st->read_call();
        ASSERT_TRUE(frame) << action << " never reached the station";
        EXPECT_EQ((*frame)[2].as_string(), action);
        st->answer(std::string((*frame)[1].as_string()), answer);
        EXPECT_EQ(sent.get().status, 200) << action;
    };
    command("GetConfiguration", {},
            {{"configurationKey", json::array{{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "300"}},
                                              {{"key", "NumberOfConnectors"}, {"readonly", true}, {"value", "2"}}}},
             {"unknownKey", json::array{}}});
    command("ChangeConfiguration", {{"key", "HeartbeatInterval"}, {"value", "120"}}, {{"status", "Accepted"}});
    command("ChangeConfiguration", {{"key", "NumberOfConnectors"}, {"value", "4"}}, {{"status", "Rejected"}});

    auto items = get_json("/api/v1/stations/CP-CONF/variables?component=Configuration").at("items").as_array();
    ASSERT_EQ(items.size(), 2u) << json::serialize(items);
    EXPECT_EQ(items[0].at("variable").as_string(), "HeartbeatInterval");
    EXPECT_EQ(items[0].at("value").as_string(), "120");
    EXPECT_FALSE(items[0].at("readonly").as_bool());
    EXPECT_EQ(items[1].at("variable").as_string(), "NumberOfConnectors");
    EXPECT_EQ(items[1].at("value").as_string(), "2");
    EXPECT_TRUE(items[1].at("readonly").as_bool());
}

// Hostile and oversized input: always a 4xx problem, never a 500, and nothing leaks or changes.
TEST_F(DataApi, InjectionAndOversizedInputGet4xx) {
    create_token(R"({"idToken":"SAFE-TAG"})");
    const std::vector<std::string> injected = {"%27%20OR%201%3D1%20--", "x%22%3B%20DROP%20TABLE%20id_tokens%3B--",
                                               "%25", "%5C"};
    for (const auto& s : injected) {
        for (const auto& target : {"/api/v1/transactions?stationId=" + s, "/api/v1/transactions?idToken=" + s,
                                   "/api/v1/id-tokens?q=" + s,
                                   "/api/v1/transactions/1/meter-values?measurand=" + s}) {
            auto res = call("GET", target);
            EXPECT_TRUE(res.status == 200 || res.status == 404) << target << " -> " << res.status << res.body;
            if (res.status == 200) {
                EXPECT_EQ(json::parse(res.body).at("items").as_array().size(), 0u) << target;
            }
        }
    }
    EXPECT_EQ(db->scalar("SELECT count(*) FROM id_tokens WHERE id_token = 'SAFE-TAG'"), "1");

    const std::vector<std::string> bad = {
        "/api/v1/transactions?limit=0",
        "/api/v1/transactions?limit=501",
        "/api/v1/transactions?limit=abc",
        "/api/v1/transactions?status=paused",
        "/api/v1/transactions?from=yesterday",
        "/api/v1/transactions?from=2026-13-01T00:00:00Z",
        "/api/v1/transactions?format=xml",
        "/api/v1/transactions?cursor=zz",
        "/api/v1/transactions?cursor=" + std::string(300, 'a'),
        "/api/v1/transactions?cursor=4142", // hex of "AB": not a number
        "/api/v1/transactions?stationId=" + std::string(49, 'x'),
        "/api/v1/transactions?stationId=a%00b",
        "/api/v1/transactions?stationId=%C3%28",
        "/api/v1/transactions?unknown=1",
        "/api/v1/transactions/abc",
        "/api/v1/transactions/1%20OR%201=1",
        "/api/v1/transactions/1234567890123456789",
        "/api/v1/transactions/1/meter-values?limit=10001",
        "/api/v1/transactions/1/meter-values?cursor=31",
        "/api/v1/id-tokens?cursor=00",
        "/api/v1/id-tokens?status=Sleepy",
        "/api/v1/id-tokens/NotAType/X",
        "/api/v1/id-tokens/ISO14443/" + std::string(37, 'x'),
        "/api/v1/stations/CP-X/status-events?cursor=3132",
        "/api/v1/stations/CP-X/status-events?evseId=-1",
        "/api/v1/stations/CP-X/variables?cursor=41",
    };
    for (const auto& target : bad) {
        auto res = call("GET", target);
        EXPECT_GE(res.status, 400) << target << ": " << res.body;
        EXPECT_LT(res.status, 500) << target << ": " << res.body;
        EXPECT_EQ(res.content_type, "application/problem+json") << target;
    }
    // A forged meter-value cursor with a timestamp out of range reaches PostgreSQL: still a 400.
    auto t = get_json("/api/v1/transactions?limit=1");
    if (!t.at("items").as_array().empty()) {
        const std::string id(t.at("items").at(0).at("id").as_string());
        // "-999999999999999999" microseconds (before 4713 BC) and 3 more parts: beyond PostgreSQL's timestamps.
        auto res = call("GET", "/api/v1/transactions/" + id +
                                   "/meter-values?cursor=2d3939393939393939393939393939393939391f781f1f");
        EXPECT_EQ(res.status, 400) << res.body;
    }

    const std::vector<std::string> bad_bodies = {
        R"({"idToken":"'; DROP TABLE id_tokens; --"})",
        R"({"idToken":")" + std::string(37, 'x') + "\"}",
        R"({"idToken":"X","type":"Magic"})",
        R"({"idToken":"X","expiresAt":"2030-02-30T00:00:00Z junk"})",
        R"({"idToken":"X","allowedStations":[")" + std::string(49, 's') + "\"]}",
        R"({"idToken":"X","allowedStations":["a","a"]})",
        R"({"idToken":"X","admin":true})",
        R"({"idToken":)",
        std::string(100, '[') + std::string(100, ']'),
        R"({"idToken":"X\u0000Y"})",
    };
    for (const auto& body : bad_bodies) {
        auto res = call("POST", "/api/v1/id-tokens", body);
        EXPECT_EQ(res.status, 400) << body.substr(0, 80) << ": " << res.body;
    }
    auto huge = call("POST", "/api/v1/id-tokens", R"({"idToken":"X","groupIdToken":")" + std::string(2 << 20, 'g') + "\"}");
    EXPECT_EQ(huge.status, 413) << huge.body.substr(0, 200);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM id_tokens WHERE id_token LIKE 'X%' OR id_token LIKE '%DROP%'"), "0");
    EXPECT_EQ(db->scalar("SELECT count(*) FROM id_tokens WHERE id_token = 'SAFE-TAG'"), "1");
}

} // namespace
} // namespace recarga::test
