#include "histogram.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

using recarga::sim::Histogram;

TEST(Histogram, EmptyReportsZero) {
    Histogram h;
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.percentile(50), 0u);
    EXPECT_EQ(h.max(), 0u);
    EXPECT_EQ(h.min(), 0u);
}

TEST(Histogram, SmallValuesAreExact) {
    Histogram h;
    for (std::uint64_t v = 1; v <= 100; ++v) {
        h.record(v);
    }
    EXPECT_EQ(h.percentile(50), 50u);
    EXPECT_EQ(h.percentile(90), 90u);
    EXPECT_EQ(h.percentile(99), 99u);
    EXPECT_EQ(h.percentile(100), 100u);
    EXPECT_EQ(h.min(), 1u);
    EXPECT_EQ(h.max(), 100u);
    EXPECT_DOUBLE_EQ(h.mean(), 50.5);
}

TEST(Histogram, BucketsAreContiguousAndBoundRelativeError) {
    // Every value maps to a bucket whose range contains it, consecutive values never skip a bucket, and the
    // bucket width is at most 1/64 of its lowest value.
    std::size_t previous = 0;
    for (std::uint64_t v = 0; v < (1u << 20); v += 1 + v / 300) {
        const auto i = Histogram::bucket_index(v);
        ASSERT_LE(Histogram::bucket_lowest(i), v);
        ASSERT_GE(Histogram::bucket_highest(i), v);
        ASSERT_LE(i, previous + 1) << "bucket skipped at " << v;
        previous = i;
        if (v >= 128) {
            const double width = static_cast<double>(Histogram::bucket_highest(i) - Histogram::bucket_lowest(i) + 1);
            ASSERT_LE(width / static_cast<double>(Histogram::bucket_lowest(i)), 1.0 / 64.0 + 1e-12);
        }
    }
}

TEST(Histogram, PercentilesOfUniformDistributionWithinPrecision) {
    Histogram h;
    std::vector<std::uint64_t> values;
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::uint64_t> dist(100, 1'000'000);
    for (int i = 0; i < 200'000; ++i) {
        values.push_back(dist(rng));
        h.record(values.back());
    }
    std::sort(values.begin(), values.end());
    for (double p : {50.0, 90.0, 99.0, 99.9}) {
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size()))) - 1;
        const double exact = static_cast<double>(values[rank]);
        const double got = static_cast<double>(h.percentile(p));
        EXPECT_NEAR(got, exact, exact / 64.0 + 1) << "p" << p;
        EXPECT_GE(got, exact) << "percentile reports the highest equivalent value";
    }
    EXPECT_EQ(h.max(), values.back());
    EXPECT_EQ(h.min(), values.front());
}

TEST(Histogram, TailIsSeenAtP999ButNotAtP99) {
    Histogram h;
    for (int i = 0; i < 9990; ++i) {
        h.record(1000);
    }
    for (int i = 0; i < 10; ++i) {
        h.record(500'000);
    }
    EXPECT_LE(h.percentile(99), 1010u);
    EXPECT_GE(h.percentile(99.95), 490'000u);
    EXPECT_EQ(h.max(), 500'000u);
}

TEST(Histogram, MergeEqualsRecordingEverythingInOne) {
    Histogram a, b, all;
    for (std::uint64_t v = 1; v < 50'000; v += 7) {
        (v % 2 ? a : b).record(v);
        all.record(v);
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    EXPECT_EQ(a.min(), all.min());
    EXPECT_EQ(a.max(), all.max());
    for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 100.0}) {
        EXPECT_EQ(a.percentile(p), all.percentile(p)) << p;
    }
}

TEST(Histogram, HugeValuesAreClamped) {
    Histogram h;
    h.record(~std::uint64_t{0});
    EXPECT_EQ(h.max(), Histogram::kMaxValue);
    EXPECT_EQ(h.percentile(100), Histogram::kMaxValue);
}
