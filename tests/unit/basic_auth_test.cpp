#include <gtest/gtest.h>

#include "services/gateway/src/basic_auth.hpp"

namespace recarga::gateway {
namespace {

TEST(BasicAuth, DecodesStationAndPassword) {
    // "CP-1:0123456789abcdef:x" (a password may contain colons)
    auto c = parse_basic_authorization("Basic Q1AtMTowMTIzNDU2Nzg5YWJjZGVmOng=");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->user, "CP-1");
    EXPECT_EQ(c->password, "0123456789abcdef:x");
    EXPECT_TRUE(parse_basic_authorization("basic Q1AtMTpwdw=="));
}

TEST(BasicAuth, RefusesOtherSchemesAndBrokenTokens) {
    EXPECT_FALSE(parse_basic_authorization("Bearer abc"));
    EXPECT_FALSE(parse_basic_authorization("Basic"));
    EXPECT_FALSE(parse_basic_authorization("Basic !!!!"));
    EXPECT_FALSE(parse_basic_authorization("Basic Q1AtMQ==")); // "CP-1": no colon
}

} // namespace
} // namespace recarga::gateway
