#include <gtest/gtest.h>

#include "services/gateway/src/metrics.hpp"

namespace recarga::gateway {
namespace {

TEST(GatewayMetrics, HistogramBucketsAreCumulativeWithSumAndCount) {
    Histogram h;
    h.observe(std::chrono::microseconds(500));     // 0.0005 s -> le 0.001
    h.observe(std::chrono::microseconds(20000));   // 0.02 s -> le 0.025
    h.observe(std::chrono::microseconds(30000000)); // 30 s -> +Inf only
    std::string out;
    h.render(out, "x_seconds", "direction=\"a\"");
    EXPECT_NE(out.find("x_seconds_bucket{direction=\"a\",le=\"0.001\"} 1\n"), std::string::npos) << out;
    EXPECT_NE(out.find("x_seconds_bucket{direction=\"a\",le=\"0.01\"} 1\n"), std::string::npos);
    EXPECT_NE(out.find("x_seconds_bucket{direction=\"a\",le=\"0.025\"} 2\n"), std::string::npos);
    EXPECT_NE(out.find("x_seconds_bucket{direction=\"a\",le=\"10\"} 2\n"), std::string::npos);
    EXPECT_NE(out.find("x_seconds_bucket{direction=\"a\",le=\"+Inf\"} 3\n"), std::string::npos);
    EXPECT_NE(out.find("x_seconds_sum{direction=\"a\"} 30.020500\n"), std::string::npos);
    EXPECT_NE(out.find("x_seconds_count{direction=\"a\"} 3\n"), std::string::npos);
}

TEST(GatewayMetrics, HistogramWithoutLabels) {
    Histogram h;
    h.observe(std::chrono::microseconds(-5)); // a clock step backwards counts as zero
    std::string out;
    h.render(out, "lag_seconds", {});
    EXPECT_NE(out.find("lag_seconds_bucket{le=\"0.001\"} 1\n"), std::string::npos) << out;
    EXPECT_NE(out.find("lag_seconds_count 1\n"), std::string::npos);
}

TEST(GatewayMetrics, CounterFamiliesEscapeLabelValues) {
    std::string out;
    metric_counter_family(out, "refused_total", "Refused", "reason", {{"tls", 2}, {"we\"ird\\\n", 1}});
    EXPECT_EQ(out, "# HELP refused_total Refused\n# TYPE refused_total counter\nrefused_total{reason=\"tls\"} 2\n"
                   "refused_total{reason=\"we\\\"ird\\\\\\n\"} 1\n");
}

} // namespace
} // namespace recarga::gateway
