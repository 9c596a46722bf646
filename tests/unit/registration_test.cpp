#include <gtest/gtest.h>

#include "domain/registration.hpp"

namespace recarga::manager {
namespace {

TEST(DecideBoot, KnownAcceptedStationGetsTheHeartbeatInterval) {
    auto d = decide_boot(std::string("Accepted"), "Rejected", 300, 60);
    EXPECT_EQ(d.status, "Accepted");
    EXPECT_EQ(d.interval_s, 300);
    EXPECT_FALSE(d.register_station);
}

TEST(DecideBoot, KnownPendingStationGetsTheRetryInterval) {
    auto d = decide_boot(std::string("Pending"), "Accepted", 300, 60);
    EXPECT_EQ(d.status, "Pending");
    EXPECT_EQ(d.interval_s, 60);
}

TEST(DecideBoot, UnknownStationIsRegisteredByPolicy) {
    auto d = decide_boot(std::nullopt, "Pending", 300, 60);
    EXPECT_TRUE(d.register_station);
    EXPECT_EQ(d.status, "Pending");
}

TEST(DecideBoot, UnknownStationIsRejectedWhenThePolicySaysSo) {
    auto d = decide_boot(std::nullopt, "Rejected", 300, 60);
    EXPECT_FALSE(d.register_station);
    EXPECT_EQ(d.status, "Rejected");
    EXPECT_EQ(d.interval_s, 60);
}

TEST(DecideBoot, AnUnexpectedStoredStatusIsTreatedAsRejected) {
    EXPECT_EQ(decide_boot(std::string("Bogus"), "Accepted", 300, 60).status, "Rejected");
}

} // namespace
} // namespace recarga::manager
