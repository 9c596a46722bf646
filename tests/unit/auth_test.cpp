// Operator authentication primitives: argon2id passwords, token and key generation and hashing, role rules.
#include "domain/auth.hpp"
#include "domain/login_throttle.hpp"

#include <gtest/gtest.h>

namespace recarga::manager::auth {
namespace {

TEST(Password, HashVerifiesTheSamePasswordOnly) {
    const auto hash = hash_password("correct horse battery staple");
    ASSERT_FALSE(hash.empty());
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << hash;
    EXPECT_TRUE(verify_password("correct horse battery staple", hash));
    EXPECT_FALSE(verify_password("correct horse battery stapler", hash));
    EXPECT_FALSE(verify_password("", hash));
}

TEST(Password, SaltMakesEachHashDifferent) {
    const auto a = hash_password("same password");
    const auto b = hash_password("same password");
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_password("same password", a));
    EXPECT_TRUE(verify_password("same password", b));
}

TEST(Password, MalformedOrForeignHashesNeverVerify) {
    EXPECT_FALSE(verify_password("x", ""));
    EXPECT_FALSE(verify_password("x", "plain text"));
    EXPECT_FALSE(verify_password("x", "$argon2id$v=19$m=19456,t=2,p=1$broken"));
    // argon2i (not id) is refused even when it would match.
    EXPECT_FALSE(verify_password("password",
                                 "$argon2i$v=19$m=16,t=2,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"));
}

TEST(Tokens, AreRandomHexWithTheirKindPrefix) {
    const auto s1 = new_session_token();
    const auto s2 = new_session_token();
    const auto k = new_api_key();
    EXPECT_TRUE(s1.starts_with("rcs_"));
    EXPECT_TRUE(k.starts_with("rck_"));
    EXPECT_EQ(s1.size(), 4u + 64u); // 32 random bytes
    EXPECT_EQ(k.size(), 4u + 64u);
    EXPECT_NE(s1, s2);
    EXPECT_EQ(s1.find_first_not_of("0123456789abcdef", 4), std::string::npos);
}

TEST(Tokens, Sha256HexMatchesTheStandardVectors) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Roles, ViewerReadsOperatorCommandsAdminDoesAll) {
    EXPECT_TRUE(allows(permissions_of(Role::Viewer), Permission::Read));
    EXPECT_FALSE(allows(permissions_of(Role::Viewer), Permission::Command));
    EXPECT_FALSE(allows(permissions_of(Role::Viewer), Permission::Admin));
    EXPECT_TRUE(allows(permissions_of(Role::Operator), Permission::Read));
    EXPECT_TRUE(allows(permissions_of(Role::Operator), Permission::Command));
    EXPECT_FALSE(allows(permissions_of(Role::Operator), Permission::Admin));
    EXPECT_TRUE(allows(permissions_of(Role::Admin), Permission::Read));
    EXPECT_TRUE(allows(permissions_of(Role::Admin), Permission::Command));
    EXPECT_TRUE(allows(permissions_of(Role::Admin), Permission::Admin));
    EXPECT_FALSE(allows({}, Permission::Read));
}

TEST(Roles, NamesRoundTripAndUnknownNamesAreRefused) {
    for (auto r : {Role::Admin, Role::Operator, Role::Viewer}) {
        EXPECT_EQ(parse_role(to_string(r)), r);
    }
    for (auto p : {Permission::Read, Permission::Command, Permission::Admin}) {
        EXPECT_EQ(parse_permission(to_string(p)), p);
    }
    EXPECT_FALSE(parse_role("root"));
    EXPECT_FALSE(parse_role("Admin"));
    EXPECT_FALSE(parse_permission("write"));
}

TEST(Password, GeneratedPasswordsAreLongAndDiffer) {
    const auto a = random_password();
    EXPECT_EQ(a.size(), 20u);
    EXPECT_NE(a, random_password());
}

TEST(LoginThrottle, RefusesAfterTheLimitUntilTheWindowHasPassed) {
    using namespace std::chrono_literals;
    LoginThrottle t(3, 60s);
    const auto t0 = LoginThrottle::Clock::time_point{} + 1000s;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(t.retry_after("ana", t0 + std::chrono::seconds(i)).count(), 0);
        t.record_failure("ana", t0 + std::chrono::seconds(i));
    }
    EXPECT_EQ(t.retry_after("ana", t0 + 10s).count(), 50); // 60 s since the first failure
    EXPECT_EQ(t.retry_after("bob", t0 + 10s).count(), 0);  // per name
    EXPECT_EQ(t.retry_after("ana", t0 + 60s).count(), 0);  // the window has passed
    t.record_failure("ana", t0 + 61s);
    EXPECT_EQ(t.retry_after("ana", t0 + 62s).count(), 0); // counting starts again
}

TEST(LoginThrottle, ASuccessClearsTheCount) {
    using namespace std::chrono_literals;
    LoginThrottle t(2, 60s);
    const auto t0 = LoginThrottle::Clock::time_point{} + 1000s;
    t.record_failure("ana", t0);
    t.record_success("ana");
    t.record_failure("ana", t0 + 1s);
    EXPECT_EQ(t.retry_after("ana", t0 + 2s).count(), 0);
    t.record_failure("ana", t0 + 2s);
    EXPECT_GT(t.retry_after("ana", t0 + 3s).count(), 0);
}

TEST(LoginThrottle, MemoryStaysBoundedUnderAFloodOfNames) {
    using namespace std::chrono_literals;
    LoginThrottle t(1, 60s, 100);
    const auto t0 = LoginThrottle::Clock::time_point{} + 1000s;
    for (int i = 0; i < 10000; ++i) {
        t.record_failure("user" + std::to_string(i), t0);
    }
    EXPECT_GT(t.retry_after("user9999", t0 + 1s).count(), 0); // the newest is still tracked
}

} // namespace
} // namespace recarga::manager::auth
