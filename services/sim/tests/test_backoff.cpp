#include "backoff.hpp"

#include <set>

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using recarga::sim::Backoff;
using recarga::sim::BackoffPolicy;

TEST(Backoff, GrowsExponentiallyWithinEqualJitterBoundsUpToTheCap) {
    Backoff b(BackoffPolicy{1000ms, 30000ms, 2.0}, 1);
    const std::int64_t ceilings[] = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (auto ceiling : ceilings) {
        EXPECT_EQ(b.ceiling().count(), ceiling);
        const auto d = b.next().count();
        EXPECT_GE(d, ceiling / 2);
        EXPECT_LE(d, ceiling);
    }
}

TEST(Backoff, ResetStartsAgainFromInitial) {
    Backoff b(BackoffPolicy{500ms, 60000ms, 2.0}, 2);
    for (int i = 0; i < 5; ++i) {
        b.next();
    }
    EXPECT_EQ(b.ceiling().count(), 16000);
    b.reset();
    EXPECT_EQ(b.attempt(), 0u);
    EXPECT_EQ(b.ceiling().count(), 500);
    EXPECT_LE(b.next().count(), 500);
}

TEST(Backoff, JitterSpreadsAFleet) {
    // 1,000 stations losing their gateway at once must not all come back in the same few milliseconds.
    std::set<std::int64_t> delays;
    std::int64_t lo = 1'000'000, hi = 0;
    for (std::uint64_t station = 0; station < 1000; ++station) {
        Backoff b(BackoffPolicy{2000ms, 60000ms, 2.0}, station + 1);
        const auto d = b.next().count();
        delays.insert(d);
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    EXPECT_GT(delays.size(), 300u);
    EXPECT_GE(lo, 1000);
    EXPECT_LE(hi, 2000);
    EXPECT_GT(hi - lo, 800);
}

TEST(Backoff, SameSeedSameDelays) {
    Backoff a(BackoffPolicy{}, 42), b(BackoffPolicy{}, 42);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(a.next(), b.next());
    }
}

TEST(Backoff, ZeroInitialMeansImmediateRetry) {
    Backoff b(BackoffPolicy{0ms, 0ms, 2.0}, 3);
    EXPECT_EQ(b.next().count(), 0);
    EXPECT_EQ(b.next().count(), 0);
}
