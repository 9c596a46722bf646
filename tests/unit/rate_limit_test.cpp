#include <gtest/gtest.h>

#include "services/gateway/src/rate_limit.hpp"

namespace recarga::gateway {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenTheRate) {
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    RateLimiter limiter(10, 3, t0);
    EXPECT_TRUE(limiter.allow(t0));
    EXPECT_TRUE(limiter.allow(t0));
    EXPECT_TRUE(limiter.allow(t0));
    EXPECT_FALSE(limiter.allow(t0)) << "burst of 3 used up";
    EXPECT_FALSE(limiter.allow(t0 + 50ms)) << "half a token after 50 ms at 10/s";
    EXPECT_TRUE(limiter.allow(t0 + 100ms));
    EXPECT_FALSE(limiter.allow(t0 + 100ms));
    // A long pause refills no more than the burst.
    EXPECT_TRUE(limiter.allow(t0 + 1h));
    EXPECT_TRUE(limiter.allow(t0 + 1h));
    EXPECT_TRUE(limiter.allow(t0 + 1h));
    EXPECT_FALSE(limiter.allow(t0 + 1h));
}

TEST(RateLimiter, ZeroRateMeansNoLimit) {
    const auto t0 = RateLimiter::Clock::time_point{};
    RateLimiter limiter(0, 1, t0);
    for (int i = 0; i < 1000; ++i) {
        ASSERT_TRUE(limiter.allow(t0));
    }
}

} // namespace
} // namespace recarga::gateway
