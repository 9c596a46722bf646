// Issue 11, end to end with simulated stations: a site of 10 recarga-sim stations (five 1.6, five 2.0.1), four of
// them on a feeder with a limit of its own, stays under both limits through the whole stack (sim -> gateway ->
// broker -> manager -> load manager -> SetChargingProfile -> sim) while sessions start and stop. Judged from the meter
// values the stations sent, as stored in PostgreSQL: the simulator draws min(car, limit in force) and reports every
// change of its limit at once (context Other), so each session's Current.Import is known at every instant.
//
// The one tolerance, the moment between a new allocation and its arrival: a session that has not yet received its
// first TxProfile (no sample of context Other since its start) draws what its station's default allows and is left
// out of the sum. This is sound because the load manager sends decreases before increases and a new session's profile
// after the decreases that make room for it: every other session's limit in force is then either its old or its new
// allocation with the sum of both sets under the limit. No assertion is on time.
#include "harness.hpp"

#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <pqxx/pqxx>
#include <set>

namespace recarga::test {
namespace {

using namespace std::chrono_literals;

constexpr double kSiteLimitA = 48.0;
constexpr double kFeederLimitA = 20.0;
constexpr int kStations = 10;
constexpr double kRounding = 0.011; // per session: 1.6 values carry two decimals

std::string station_id(int i) {
    return "LM-" + std::string(i < 10 ? "000" : "00") + std::to_string(i);
}
bool on_feeder(int i) {
    return i >= 1 && i <= 4; // LM-0001..LM-0004 (two 1.6, two 2.0.1: the sim alternates versions)
}

struct Sample {
    std::int64_t at_us;
    double amps;
    bool other; // context Other: the station's limit changed
};

struct Session {
    std::string station;
    std::int64_t started_us = 0;
    std::int64_t stopped_us = std::numeric_limits<std::int64_t>::max();
    std::vector<Sample> samples; // by time
};

TEST(SiteLoadSim, TenSimulatedStationsStayUnderTheSiteAndFeederLimits) {
    TestDatabase db;
    Stack stack(db, "gw-loadsim");
    stack.start_manager();
    stack.start_gateway();
    for (int i = 1; i <= kStations; ++i) {
        db.scalar("INSERT INTO stations (id) VALUES ('" + station_id(i) + "')");
        // One token per station (--id-token T-{id}): a token charging elsewhere is refused (ConcurrentTx).
        db.scalar("INSERT INTO id_tokens (id_token, type, status) VALUES ('T-" + station_id(i) +
                  "', 'ISO14443', 'Accepted')");
    }
    auto api = [&](const std::string& method, const std::string& target, const std::string& body) {
        auto r = http_request(stack.http_port, method, target, body, {{"Authorization", "Bearer " + stack.admin_token}});
        EXPECT_LT(r.status, 300) << method << " " << target << ": " << r.body;
    };
    // The stations' default (TxDefaultProfile) is 5 A, below every allocation (0 or at least the 6 A minimum), so
    // that the arrival of each first TxProfile changes the limit and shows in the meter values.
    api("POST", "/api/v1/sites",
        R"({"id":"yard","name":"Yard","limitKind":"CurrentPerPhase","limitValue":48000,"fallbackLimitMa":5000})");
    api("POST", "/api/v1/sites",
        R"({"id":"feeder","name":"Feeder","parentId":"yard","limitKind":"CurrentPerPhase","limitValue":20000,)"
        R"("fallbackLimitMa":5000})");
    for (int i = 1; i <= kStations; ++i)
        api("PUT", "/api/v1/sites/" + std::string(on_feeder(i) ? "feeder" : "yard") + "/stations/" + station_id(i),
            R"({"evseMaxMa":32000,"minMa":6000,"phases":3})");

    Process sim(RECARGA_SIM_BIN,
                {"-u", "ws://127.0.0.1:" + std::to_string(stack.gateway_port) + "/ocpp", "-n",
                 std::to_string(kStations), "--id-prefix", "LM-", "-p", "mixed", "-s", "charging", "--meter-interval",
                 "1", "--session", "8", "--idle", "3", "--id-token", "T-{id}", "-d", "30", "--progress", "0", "--seed", "11", "--report",
                 "sim-loadsim.json"},
                {}, "sim-loadsim.log");
    EXPECT_EQ(sim.wait(), 0);

    // Every session of the run, with its Current.Import samples.
    pqxx::connection conn(db.url());
    pqxx::read_transaction tx(conn);
    std::map<std::pair<std::string, std::string>, Session> sessions;
    for (const auto& row : tx.exec("SELECT station_id, transaction_id, "
                                   "(extract(epoch FROM started_at) * 1e6)::bigint, "
                                   "(extract(epoch FROM stopped_at) * 1e6)::bigint FROM transactions "
                                   "WHERE station_id LIKE 'LM-%' AND started_at IS NOT NULL")) {
        Session s;
        s.station = row[0].as<std::string>();
        s.started_us = row[2].as<std::int64_t>();
        if (!row[3].is_null())
            s.stopped_us = row[3].as<std::int64_t>();
        sessions[{s.station, row[1].as<std::string>()}] = s;
    }
    std::set<std::int64_t> instants;
    std::size_t changes = 0;
    for (const auto& row : tx.exec("SELECT station_id, transaction_id, (extract(epoch FROM sampled_at) * 1e6)::bigint, "
                                   "value, COALESCE(context, '') FROM meter_values WHERE station_id LIKE 'LM-%' "
                                   "AND measurand = 'Current.Import' AND transaction_id <> '' ORDER BY sampled_at")) {
        auto it = sessions.find({row[0].as<std::string>(), row[1].as<std::string>()});
        ASSERT_NE(it, sessions.end()) << "a meter value of an unknown transaction";
        const bool other = row[4].as<std::string>() == "Other";
        it->second.samples.push_back({row[2].as<std::int64_t>(), row[3].as<double>(), other});
        instants.insert(row[2].as<std::int64_t>());
        changes += other;
    }
    tx.commit();

    // Enough happened for the verdict to mean something: sessions came and went on both versions, and limits moved.
    std::size_t ended = 0;
    std::set<std::string> settled_stations;
    for (const auto& [key, s] : sessions) {
        ended += s.stopped_us != std::numeric_limits<std::int64_t>::max();
        for (const auto& m : s.samples)
            if (m.other)
                settled_stations.insert(s.station);
    }
    EXPECT_GE(sessions.size(), 15u);
    EXPECT_GE(ended, 8u);
    EXPECT_GE(changes, 15u);
    EXPECT_GE(settled_stations.size(), 8u) << "TxProfiles reached most stations, 1.6 and 2.0.1";

    // At every instant a station sampled: the current of each session then (its latest sample), summed per level.
    double highest_site = 0.0, highest_feeder = 0.0;
    std::size_t checked = 0;
    for (auto t : instants) {
        double site = 0.0, feeder = 0.0;
        int counted = 0;
        std::string who;
        for (const auto& [key, s] : sessions) {
            if (t < s.started_us || t > s.stopped_us)
                continue;
            const Sample* latest = nullptr;
            bool settled = false;
            for (const auto& m : s.samples) {
                if (m.at_us > t)
                    break;
                latest = &m;
                settled = settled || m.other;
            }
            if (!latest || !settled)
                continue; // its first TxProfile has not arrived yet: the tolerance stated above
            site += latest->amps;
            ++counted;
            who += " " + key.first + "=" + std::to_string(latest->amps);
            if (on_feeder(std::stoi(s.station.substr(3))))
                feeder += latest->amps;
        }
        ++checked;
        highest_site = std::max(highest_site, site);
        highest_feeder = std::max(highest_feeder, feeder);
        ASSERT_LE(site, kSiteLimitA + kRounding * counted) << "at " << t << ":" << who;
        ASSERT_LE(feeder, kFeederLimitA + kRounding * counted) << "at " << t << ":" << who;
    }
    std::printf("site load: %zu sessions (%zu ended), %zu limit changes, %zu instants; highest %.2f A of %.0f on the "
                "site, %.2f A of %.0f on the feeder\n",
                sessions.size(), ended, changes, checked, highest_site, kSiteLimitA, highest_feeder, kFeederLimitA);
    EXPECT_GT(checked, 100u);
    // The limits were binding, not merely unreached.
    EXPECT_GT(highest_site, kSiteLimitA * 0.75);
    EXPECT_GT(highest_feeder, kFeederLimitA * 0.6);
}

} // namespace
} // namespace recarga::test
