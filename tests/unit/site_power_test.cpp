// The window of the site power chart (domain/site_power.hpp): epoch-aligned buckets, refused ranges, and the
// limit line in watts.
#include "domain/site_power.hpp"

#include <gtest/gtest.h>

namespace recarga::manager {
namespace {

PowerWindow window_of(std::optional<std::int64_t> from, std::int64_t to, std::int64_t bucket) {
    auto w = power_window(from, to, bucket);
    EXPECT_TRUE(std::holds_alternative<PowerWindow>(w)) << std::get<std::string>(w);
    return std::holds_alternative<PowerWindow>(w) ? std::get<PowerWindow>(w) : PowerWindow{};
}

TEST(SitePower, WindowIsAlignedToTheEpochOutward) {
    auto w = window_of(1000, 1150, 60);
    EXPECT_EQ(w.from_s, 960);
    EXPECT_EQ(w.to_s, 1200);
    EXPECT_EQ(w.buckets(), 4);
    w = window_of(1200, 1260, 60);
    EXPECT_EQ(w.from_s, 1200);
    EXPECT_EQ(w.to_s, 1260);
    EXPECT_EQ(w.buckets(), 1);
    w = window_of(-90, -30, 60); // before 1970: still floors
    EXPECT_EQ(w.from_s, -120);
    EXPECT_EQ(w.to_s, 0);
}

TEST(SitePower, DefaultWindowIsTheHourBeforeTheAlignedEnd) {
    auto w = window_of(std::nullopt, 7230, 60);
    EXPECT_EQ(w.to_s, 7260);
    EXPECT_EQ(w.from_s, 3660);
    EXPECT_EQ(w.buckets(), 60);
    w = window_of(std::nullopt, 7230, 7200); // a bucket longer than the hour: the one bucket holding the end
    EXPECT_EQ(w.from_s, 7200);
    EXPECT_EQ(w.buckets(), 1);
}

TEST(SitePower, BadRangesAndBucketsAreRefused) {
    EXPECT_TRUE(std::holds_alternative<std::string>(power_window(100, 100, 60))) << "empty";
    EXPECT_TRUE(std::holds_alternative<std::string>(power_window(200, 100, 60))) << "inverted";
    EXPECT_TRUE(std::holds_alternative<std::string>(power_window(0, 100, 0)));
    EXPECT_TRUE(std::holds_alternative<std::string>(power_window(0, 100, -5)));
    EXPECT_TRUE(std::holds_alternative<std::string>(power_window(0, 100, kMaxPowerBucketSeconds + 1)));
    // Exactly the most buckets passes; one more is refused.
    EXPECT_TRUE(std::holds_alternative<PowerWindow>(power_window(0, kMaxPowerBuckets * 60, 60)));
    EXPECT_TRUE(std::holds_alternative<std::string>(power_window(0, kMaxPowerBuckets * 60 + 1, 60)));
}

TEST(SitePower, LimitInWatts) {
    EXPECT_EQ(limit_watts(smart::SiteLimit::power_w(22000)), 22000);
    // 32 A per phase at 230 V on three phases: 22,080 W.
    EXPECT_EQ(limit_watts(smart::SiteLimit::current_ma(32000)), 22080);
    smart::SiteLimit odd{smart::SiteLimit::Kind::CurrentPerPhase, 1001, 231};
    EXPECT_EQ(limit_watts(odd), 693); // 1.001 A x 231 V x 3 = 693.693 W, rounded down
}

} // namespace
} // namespace recarga::manager
