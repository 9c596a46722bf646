// Lane workers: a station always maps to the same worker thread, and broker deliveries are acknowledged in
// order, only once every envelope they carried is done.
#include "lane_order.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace recarga::manager {
namespace {

TEST(LaneOrder, StationAlwaysMapsToTheSameWorker) {
    for (int i = 0; i < 200; ++i) {
        const auto id = "CP-" + std::to_string(i);
        const auto s = shard_for(id, 4);
        EXPECT_LT(s, 4u);
        EXPECT_EQ(shard_for(id, 4), s);
    }
    EXPECT_EQ(shard_for("CP-1", 1), 0u);
    EXPECT_EQ(shard_for("CP-1", 0), 0u);
}

TEST(LaneOrder, StationsSpreadOverEveryWorker) {
    std::set<std::size_t> used;
    for (int i = 0; i < 100; ++i) {
        used.insert(shard_for("CP-" + std::to_string(i), 4));
    }
    EXPECT_EQ(used.size(), 4u);
}

TEST(AckWindow, AcksOnlyTheCompletedPrefix) {
    AckWindow w;
    w.received(1, 2);
    w.received(2, 1);
    w.received(3, 1);
    EXPECT_FALSE(w.take_ackable());
    w.done(2); // a later delivery finished first (another worker): nothing can be acked yet
    w.done(3);
    EXPECT_FALSE(w.take_ackable());
    w.done(1);
    EXPECT_FALSE(w.take_ackable()); // delivery 1 still has an envelope out
    w.done(1);
    EXPECT_EQ(w.take_ackable(), 3u);
    EXPECT_TRUE(w.empty());
}

TEST(AckWindow, EmptyDeliveriesAndUnknownTags) {
    AckWindow w;
    w.received(5, 0); // a malformed message: acked with what precedes it
    EXPECT_EQ(w.take_ackable(), 5u);
    w.received(6, 1);
    w.done(99);
    w.done(6);
    w.done(6); // extra reports change nothing
    EXPECT_EQ(w.take_ackable(), 6u);
    EXPECT_FALSE(w.take_ackable());
}

} // namespace
} // namespace recarga::manager
