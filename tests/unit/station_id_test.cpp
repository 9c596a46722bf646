#include <gtest/gtest.h>

#include "services/gateway/src/station_id.hpp"

namespace recarga::gateway {
namespace {

TEST(StationId, PlainIdIsAccepted) { EXPECT_EQ(station_id_from_target("/ocpp/CP-001", "/ocpp/"), "CP-001"); }

TEST(StationId, PercentEncodingIsDecoded) {
    EXPECT_EQ(station_id_from_target("/ocpp/CP%2D001", "/ocpp/"), "CP-001");
    EXPECT_EQ(station_id_from_target("/ocpp/a%3Ab", "/ocpp/"), "a:b");
}

TEST(StationId, QueryStringIsIgnored) { EXPECT_EQ(station_id_from_target("/ocpp/CP1?x=1", "/ocpp/"), "CP1"); }

TEST(StationId, InvalidIdsAreRefused) {
    for (const char* t : {"/ocpp/", "/ocpp", "/x/CP1", "/ocpp/a/b", "/ocpp/a%2Fb", "/ocpp/a%20b", "/ocpp/%zz",
                          "/ocpp/a%00b", "/ocpp/\xc3\xa9"}) {
        EXPECT_FALSE(station_id_from_target(t, "/ocpp/")) << t;
    }
    EXPECT_FALSE(station_id_from_target("/ocpp/" + std::string(49, 'a'), "/ocpp/"));
    EXPECT_TRUE(station_id_from_target("/ocpp/" + std::string(48, 'a'), "/ocpp/"));
}

} // namespace
} // namespace recarga::gateway
