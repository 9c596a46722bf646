// GET /api/v1/sites/{siteId}/power against the real stack: a site with a group below it and three stations whose
// meter values reach PostgreSQL one through the gateway and manager (a 1.6 station's MeterValues) and two as stored
// rows (currents, energy registers); the buckets' figures are checked to the watt, every answer against
// api/openapi.yaml.
#include "api_contract.hpp"
#include "harness.hpp"
#include "ocpp_calls.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::test {
namespace {

namespace json = boost::json;

class SitePower : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-power");
        stack->start_manager();
        stack->start_gateway();
        // Two hours ago, on a whole hour: the month's partition exists (the manager keeps last month's too).
        t0 = std::stoll(db->scalar("SELECT extract(epoch FROM date_trunc('hour', now() - interval '2 hours'))::bigint"));
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static HttpResult call(const std::string& method, const std::string& target, const std::string& body = "",
                           const std::string& token = "") {
        return checked_request(stack->http_port, method, target, body,
                               {{"Authorization", "Bearer " + (token.empty() ? stack->admin_token : token)}});
    }
    // RFC 3339 of t0 + seconds.
    static std::string at(std::int64_t seconds) {
        return db->scalar("SELECT iso_utc(to_timestamp(" + std::to_string(t0 + seconds) + "))");
    }
    // A stored meter value of `station` (EVSE 1) at t0 + seconds.
    static void store(const std::string& station, std::int64_t seconds, const std::string& measurand,
                      const std::string& phase, const std::string& unit, const std::string& value) {
        db->scalar("INSERT INTO meter_values (station_id, evse_id, sampled_at, measurand, phase, unit, value) VALUES ('" +
                   station + "', 1, to_timestamp(" + std::to_string(t0 + seconds) + "), '" + measurand + "', '" +
                   phase + "', '" + unit + "', " + value + ")");
    }
    static json::object power(const std::string& query) {
        auto res = call("GET", "/api/v1/sites/pw/power" + (query.empty() ? "" : "?" + query));
        EXPECT_EQ(res.status, 200) << query << ": " << res.body;
        return res.status == 200 ? json::parse(res.body).as_object() : json::object{};
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
    static inline std::int64_t t0 = 0;
};

json::object power_sample(const std::string& ts, const std::string& value, const std::string& unit) {
    return {{"connectorId", 1},
            {"meterValue",
             json::array{{{"timestamp", ts},
                          {"sampledValue", json::array{{{"value", value},
                                                        {"measurand", "Power.Active.Import"},
                                                        {"unit", unit}},
                                                       {{"value", "10"}, // ignored: the power is there
                                                        {"measurand", "Current.Import"},
                                                        {"unit", "A"}}}}}}}};
}

TEST_F(SitePower, BucketsSumTheStationsOfTheSiteAndItsGroupsFromTheirMeterValues) {
    auto a = boot_station(stack->gateway_port, "PW-A", "ocpp1.6");
    auto b = boot_station(stack->gateway_port, "PW-B", "ocpp1.6");
    auto c = boot_station(stack->gateway_port, "PW-C", "ocpp1.6");
    ASSERT_EQ(call("POST", "/api/v1/sites", R"({"id":"pw","name":"Power","limitKind":"CurrentPerPhase","limitValue":32000})")
                  .status,
              201);
    ASSERT_EQ(call("POST", "/api/v1/sites",
                   R"({"id":"pw-f1","name":"Feeder","limitKind":"Power","limitValue":11000,"parentId":"pw"})")
                  .status,
              201);
    ASSERT_EQ(call("PUT", "/api/v1/sites/pw/stations/PW-A", "{}").status, 200);
    ASSERT_EQ(call("PUT", "/api/v1/sites/pw-f1/stations/PW-B", R"({"phases":1})").status, 200);
    ASSERT_EQ(call("PUT", "/api/v1/sites/pw-f1/stations/PW-C", "{}").status, 200);

    // PW-A, through the stack: Power.Active.Import (W, then kW).
    call_ok(*a, "m1", "MeterValues", power_sample(at(0), "7000", "W"));
    call_ok(*a, "m2", "MeterValues", power_sample(at(30), "7400", "W"));
    call_ok(*a, "m3", "MeterValues", power_sample(at(60), "7.6", "kW"));
    call_ok(*a, "m4", "MeterValues", power_sample(at(200), "5000", "W"));
    ASSERT_TRUE(eventually([] { return db->scalar("SELECT count(*) FROM meter_values WHERE station_id = 'PW-A'") == "8"; }));
    // PW-B (one phase): a total current, then currents per phase.
    store("PW-B", 10, "Current.Import", "", "A", "16");       // 16 A x 230 V x 1 phase = 3680 W
    store("PW-B", 70, "Current.Import", "L1", "A", "10");     // (10 + 10 + 12) A x 230 V = 7360 W
    store("PW-B", 70, "Current.Import", "L2", "A", "10");
    store("PW-B", 70, "Current.Import", "L3", "A", "12");
    // PW-C: only its energy register.
    store("PW-C", -30, "Energy.Active.Import.Register", "", "Wh", "1000");
    store("PW-C", 30, "Energy.Active.Import.Register", "", "Wh", "1050");  // 50 Wh in 60 s = 3000 W
    store("PW-C", 90, "Energy.Active.Import.Register", "", "kWh", "1.15"); // 100 Wh in 60 s = 6000 W
    // Not on the site: never counted.
    store("PW-X", 10, "Power.Active.Import", "", "W", "99999");

    // from is not on a bucket boundary: moved down to t0.
    auto body = power("from=" + at(15) + "&to=" + at(240) + "&bucket=60");
    EXPECT_EQ(body.at("from").as_string(), at(0));
    EXPECT_EQ(body.at("to").as_string(), at(240));
    EXPECT_EQ(body.at("bucketSeconds").as_int64(), 60);
    EXPECT_EQ(body.at("limitKind").as_string(), "CurrentPerPhase");
    EXPECT_EQ(body.at("limitW").as_int64(), 22080); // 32 A x 230 V x 3
    const auto& points = body.at("points").as_array();
    ASSERT_EQ(points.size(), 4u) << json::serialize(body);
    EXPECT_EQ(points[0].at("at").as_string(), at(0));
    EXPECT_EQ(points[0].at("powerW").as_int64(), 7200 + 3680 + 3000) << json::serialize(points[0]);
    EXPECT_EQ(points[0].at("stations").as_int64(), 3);
    EXPECT_EQ(points[0].at("source").as_string(), "Mixed");
    EXPECT_EQ(points[1].at("powerW").as_int64(), 7600 + 7360 + 6000) << json::serialize(points[1]);
    EXPECT_TRUE(points[2].at("powerW").is_null()) << json::serialize(points[2]);
    EXPECT_EQ(points[2].at("stations").as_int64(), 0);
    EXPECT_TRUE(points[2].at("source").is_null());
    EXPECT_EQ(points[3].at("powerW").as_int64(), 5000);
    EXPECT_EQ(points[3].at("source").as_string(), "Power");

    // One bucket of four minutes: PW-A's mean of its four samples (7000, 7400, 7600, 5000), PW-B's total (its
    // per-phase sample is left out where the bucket has a total), PW-C's energy over the two intervals (150 Wh in
    // 120 s).
    body = power("from=" + at(0) + "&to=" + at(240) + "&bucket=240");
    ASSERT_EQ(body.at("points").as_array().size(), 1u);
    EXPECT_EQ(body.at("points").at(0).at("powerW").as_int64(), 6750 + 3680 + 4500);

    // The group alone: PW-B and PW-C, and its own limit.
    auto res = call("GET", "/api/v1/sites/pw-f1/power?from=" + at(0) + "&to=" + at(60));
    ASSERT_EQ(res.status, 200) << res.body;
    auto group = json::parse(res.body);
    EXPECT_EQ(group.at("limitW").as_int64(), 11000);
    EXPECT_EQ(group.at("points").at(0).at("powerW").as_int64(), 3680 + 3000);
    EXPECT_EQ(group.at("points").at(0).at("stations").as_int64(), 2);

    // The default window: the last hour in minutes.
    body = power("");
    EXPECT_EQ(body.at("bucketSeconds").as_int64(), 60);
    EXPECT_EQ(body.at("points").as_array().size(), 60u);
}

TEST_F(SitePower, BadRangesAreRefused) {
    ASSERT_EQ(call("POST", "/api/v1/sites", R"({"id":"pw-bad","name":"B","limitKind":"Power","limitValue":1000})")
                  .status,
              201);
    const std::string base = "/api/v1/sites/pw-bad/power?";
    EXPECT_EQ(call("GET", base + "from=" + at(60) + "&to=" + at(0)).status, 400) << "inverted";
    EXPECT_EQ(call("GET", base + "from=" + at(0) + "&to=" + at(0)).status, 400) << "empty";
    EXPECT_EQ(call("GET", base + "from=" + at(0) + "&to=" + at(86400) + "&bucket=1").status, 400) << "too many";
    EXPECT_EQ(call("GET", base + "bucket=0").status, 400);
    EXPECT_EQ(call("GET", base + "from=yesterday").status, 400);
    EXPECT_EQ(call("GET", "/api/v1/sites/nowhere/power").status, 404);
    EXPECT_EQ(call("GET", base + "from=" + at(0) + "&to=" + at(86400) + "&bucket=60").status, 200) << "1440 buckets";
    EXPECT_EQ(checked_request(stack->http_port, "GET", base).status, 401);
}

// The power is read with the read permission (a viewer); changing sites needs command.
TEST_F(SitePower, AViewerReadsThePowerButChangesNoSite) {
    ASSERT_EQ(call("POST", "/api/v1/sites", R"({"id":"pw-view","name":"V","limitKind":"Power","limitValue":5000})")
                  .status,
              201);
    ASSERT_EQ(call("POST", "/api/v1/users", R"({"username":"pw-viewer","role":"viewer","password":"pw-viewer-pw-123"})")
                  .status,
              201);
    const auto viewer = login(stack->http_port, "pw-viewer", "pw-viewer-pw-123");
    auto res = call("GET", "/api/v1/sites/pw-view/power?bucket=300", "", viewer);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(json::parse(res.body).at("limitW").as_int64(), 5000);
    EXPECT_EQ(call("PATCH", "/api/v1/sites/pw-view", R"({"limitValue":1})", viewer).status, 403);
}

} // namespace
} // namespace recarga::test
