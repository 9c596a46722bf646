// Lanes and lane workers (docs/contracts/amqp.md "Lanes and workers"), against the real gateway, RabbitMQ,
// manager and PostgreSQL:
//  * under a MeterValues flood from many stations, an Authorize overtakes the flood on the priority lane, and
//    does not when the gateway puts everything on one lane (--single-lane). The assertions are on queue
//    position (answers received before it, rows committed when it is answered), never on wall-clock time;
//  * with several worker threads per lane, every station's calls are handled and answered in the order sent.
#include "harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace recarga::test {
namespace {

namespace json = boost::json;

// A 1.6 MeterValues CALL outside a transaction: `readings` meterValue entries (seconds i*readings.. of the
// month's first hours), each with `per_reading` (1..5) sampled values, all distinct rows.
std::string meter_values_frame(const std::string& month, int i, int readings = 1, int per_reading = 1) {
    static const char* const measurands[] = {"Energy.Active.Import.Register", "Power.Active.Import", "Current.Import",
                                             "Voltage", "SoC"};
    json::array values;
    for (int k = 0; k < readings; ++k) {
        const int t = i * readings + k;
        json::array sampled;
        for (int m = 0; m < per_reading; ++m) {
            sampled.push_back(json::object{{"value", std::to_string(1000 + t)}, {"measurand", measurands[m]}});
        }
        values.push_back(json::object{
            {"timestamp", fmt::format("{}-01T{:02}:{:02}:{:02}.000Z", month, t / 3600, t / 60 % 60, t % 60)},
            {"sampledValue", std::move(sampled)}});
    }
    json::object payload{{"connectorId", 1}, {"meterValue", std::move(values)}};
    return json::serialize(json::array{2, "mv-" + std::to_string(i), "MeterValues", payload});
}

std::unique_ptr<Station> boot16(const Stack& stack, const std::string& id) {
    auto st = std::make_unique<Station>(stack.gateway_port, "/ocpp/" + id, "ocpp1.6");
    auto a = st->call("boot", "BootNotification",
                      json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "FLOOD"}});
    EXPECT_EQ(a[0].as_int64(), 3) << json::serialize(a);
    return st;
}

// Reads answers until the one with `id`; returns how many other answers came before it (-1: never came).
int answers_before(Station& st, const std::string& id, int* others_seen) {
    int before = 0;
    while (auto frame = st.read(std::chrono::seconds(60))) {
        auto a = json::parse(*frame).as_array();
        if (a[1].as_string() == id) {
            return before;
        }
        ++before;
        ++*others_seen;
    }
    return -1;
}

struct FloodResult {
    int probe_answers_before_authorize = -1; // the probe station's own MeterValues answered before its Authorize
    long rows_when_authorized = -1;          // sampled values committed (all stations) when Authorize was answered
    long rows_at_end = -1;
};

constexpr int kFloodStations = 8;
constexpr int kPerStation = 150;
constexpr int kReadings = 8; // 8 readings x 5 values: 40 rows per call, so the flood outlasts its sending
constexpr int kValues = 5;

// kFloodStations stations each send kPerStation MeterValues without waiting, then the last of them sends an
// Authorize behind its own flood.
FloodResult flood_then_authorize(bool single_lane) {
    TestDatabase db;
    Stack stack(db, single_lane ? "gw-lanes-off" : "gw-lanes-on", 120000);
    stack.gateway_args = {"--max-outstanding-calls", "100000"};
    if (single_lane) {
        stack.gateway_args.push_back("--single-lane");
    }
    stack.start_manager();
    stack.start_gateway();
    const auto month = db.scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    std::vector<std::unique_ptr<Station>> stations;
    for (int s = 0; s < kFloodStations; ++s) {
        stations.push_back(boot16(stack, "FLOOD-" + std::to_string(s)));
    }
    for (int i = 0; i < kPerStation; ++i) {
        for (auto& st : stations) {
            st->send_text(meter_values_frame(month, i, kReadings, kValues));
        }
    }
    auto& probe = *stations.back();
    probe.send_text(json::serialize(json::array{2, "auth", "Authorize", json::object{{"idTag", "DRIVER-1"}}}));
    FloodResult r;
    int seen = 0;
    r.probe_answers_before_authorize = answers_before(probe, "auth", &seen);
    r.rows_when_authorized = std::stol(db.scalar("SELECT count(*) FROM meter_values WHERE station_id LIKE 'FLOOD-%'"));
    // Every MeterValues is answered in the end, and stored once.
    for (std::size_t s = 0; s < stations.size(); ++s) {
        int got = &*stations[s] == &probe ? seen : 0;
        while (got < kPerStation && stations[s]->read(std::chrono::seconds(60))) {
            ++got;
        }
        EXPECT_EQ(got, kPerStation) << "station " << s;
    }
    r.rows_at_end = std::stol(db.scalar("SELECT count(*) FROM meter_values WHERE station_id LIKE 'FLOOD-%'"));
    return r;
}

TEST(Lanes, AuthorizeOvertakesMeterValuesFloodOnlyWithLanes) {
    const long total = kFloodStations * kPerStation * kReadings * kValues;
    const auto with_lanes = flood_then_authorize(false);
    const auto single_lane = flood_then_authorize(true);
    std::cout << "with lanes: probe MeterValues answered before its Authorize " << with_lanes.probe_answers_before_authorize
              << "/" << kPerStation << ", rows committed " << with_lanes.rows_when_authorized << "/" << total
              << "; single lane: " << single_lane.probe_answers_before_authorize << "/" << kPerStation << ", "
              << single_lane.rows_when_authorized << "/" << total << "\n";
    EXPECT_EQ(with_lanes.rows_at_end, total);
    EXPECT_EQ(single_lane.rows_at_end, total);
    // Priority lane: the Authorize is answered while most of the flood, even the probe's own, is still queued.
    ASSERT_GE(with_lanes.probe_answers_before_authorize, 0);
    EXPECT_LT(with_lanes.probe_answers_before_authorize, kPerStation / 2);
    EXPECT_LT(with_lanes.rows_when_authorized, total / 2);
    // One lane: the Authorize waits behind everything its station sent before it.
    EXPECT_EQ(single_lane.probe_answers_before_authorize, kPerStation);
    EXPECT_GE(single_lane.rows_when_authorized, kPerStation * kReadings * kValues);
}

TEST(Lanes, EachStationIsHandledInOrderAcrossWorkers) {
    TestDatabase db;
    Stack stack(db, "gw-lanes-order", 120000);
    stack.gateway_args = {"--max-outstanding-calls", "100000"};
    stack.manager_env = {"RECARGA_MANAGER_LANE_WORKERS=4", "RECARGA_MANAGER_BATCH_MAX=4"};
    stack.start_manager();
    stack.start_gateway();
    const auto month = db.scalar("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')");
    constexpr int kStations = 12;
    constexpr int kCalls = 150;
    std::vector<std::unique_ptr<Station>> stations;
    for (int s = 0; s < kStations; ++s) {
        stations.push_back(boot16(stack, "ORDER-" + std::to_string(s)));
    }
    for (int i = 0; i < kCalls; ++i) {
        for (auto& st : stations) {
            st->send_text(meter_values_frame(month, i));
        }
    }
    // Answers come back in the order sent, station by station.
    for (int s = 0; s < kStations; ++s) {
        for (int i = 0; i < kCalls; ++i) {
            auto frame = stations[s]->read(std::chrono::seconds(60));
            ASSERT_TRUE(frame) << "station " << s << " call " << i;
            auto a = json::parse(*frame).as_array();
            ASSERT_EQ(a[0].as_int64(), 3) << *frame;
            ASSERT_EQ(a[1].as_string(), "mv-" + std::to_string(i)) << "station " << s;
        }
    }
    EXPECT_EQ(db.scalar("SELECT count(*) FROM meter_values WHERE station_id LIKE 'ORDER-%'"),
              std::to_string(kStations * kCalls));
    // Stored in order too: no sample of a station committed in an earlier transaction than one sent before it.
    EXPECT_EQ(db.scalar("SELECT count(*) FROM (SELECT received_at < lag(received_at) OVER (PARTITION BY station_id "
                        "ORDER BY sampled_at) AS back FROM meter_values) x WHERE back"),
              "0");
    // ... which compares something: the calls were committed in several transactions.
    EXPECT_GT(std::stol(db.scalar("SELECT count(DISTINCT received_at) FROM meter_values WHERE station_id LIKE "
                                  "'ORDER-%'")),
              1);
}

} // namespace
} // namespace recarga::test
