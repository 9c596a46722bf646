#include "stats.hpp"

#include <gtest/gtest.h>

using namespace recarga::sim;

TEST(Stats, CountBoundedKeepsAtMost64KeysPlusOther) {
    std::map<std::string, std::uint64_t> m;
    for (int i = 0; i < 100; ++i) {
        count_bounded(m, "action" + std::to_string(i));
    }
    count_bounded(m, "action0");
    EXPECT_EQ(m.size(), 65u);
    EXPECT_EQ(m.at("action0"), 2u);
    EXPECT_EQ(m.at("(other)"), 36u);
}

TEST(Stats, MergeAddsCountersAndHistograms) {
    Stats a, b;
    a.action("Heartbeat").sent = 3;
    a.action("Heartbeat").latency_us.record(100);
    b.action("Heartbeat").sent = 4;
    b.action("Heartbeat").latency_us.record(300);
    b.action("Authorize").errors = 1;
    b.action("Authorize").error_codes["NotImplemented"] = 1;
    b.connect_failures["tcp"] = 2;
    a.merge(b);
    EXPECT_EQ(a.actions.at("Heartbeat").sent, 7u);
    EXPECT_EQ(a.actions.at("Heartbeat").latency_us.count(), 2u);
    EXPECT_EQ(a.actions.at("Heartbeat").latency_us.max(), 300u);
    EXPECT_EQ(a.actions.at("Authorize").error_codes.at("NotImplemented"), 1u);
    EXPECT_EQ(a.connect_failures.at("tcp"), 2u);
}

TEST(Stats, ReportSumsActionsAndConvertsToMilliseconds) {
    Options o;
    Stats s;
    auto& hb = s.action("Heartbeat");
    hb.sent = 10;
    hb.ok = 8;
    hb.timeouts = 1;
    hb.aborted = 1;
    for (int i = 0; i < 8; ++i) {
        hb.latency_us.record(1500);
    }
    auto& au = s.action("Authorize");
    au.sent = 2;
    au.errors = 2;
    au.error_codes["NotImplemented"] = 2;
    au.latency_us.record(500);
    au.latency_us.record(500);
    RunInfo run;
    run.elapsed_s = 2.0;
    run.time_to_all_booted_s = 0.25;
    const auto r = make_report(o, s, run);
    const auto& calls = r.at("calls").as_object();
    EXPECT_EQ(calls.at("sent").as_uint64(), 12u);
    EXPECT_EQ(calls.at("ok").as_uint64(), 8u);
    EXPECT_EQ(calls.at("call_errors").as_uint64(), 2u);
    EXPECT_EQ(calls.at("timeouts").as_uint64(), 1u);
    EXPECT_EQ(calls.at("error_codes").at("NotImplemented").as_uint64(), 2u);
    EXPECT_DOUBLE_EQ(calls.at("answered_per_s").as_double(), 5.0);
    EXPECT_DOUBLE_EQ(r.at("actions").at("Heartbeat").at("latency_ms").at("p50").as_double(), 1.5);
    EXPECT_DOUBLE_EQ(calls.at("latency_ms").at("max").as_double(), 1.5);
    EXPECT_DOUBLE_EQ(r.at("boot").at("time_to_all_booted_s").as_double(), 0.25);
    EXPECT_TRUE(r.at("recovery").at("recovery_s").is_null());
    EXPECT_FALSE(r.at("actions").at("Heartbeat").as_object().contains("latency_from_schedule_ms"));
    EXPECT_NE(make_summary(o, s, run).find("Heartbeat"), std::string::npos);
}
