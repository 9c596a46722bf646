#include <gtest/gtest.h>

#include "domain/admission.hpp"

namespace recarga::manager {
namespace {

bool equal_verify(const std::string& hash, const std::string& pw) { return hash == "hash:" + pw; }

StationSecurity profile(int p) { return {p, std::string("hash:0123456789abcdef"), false}; }

TEST(Admission, Profile0AcceptsAnyConnection) {
    auto d = decide_admission(profile(0), true, 0, std::nullopt, equal_verify);
    EXPECT_EQ(d.verdict, Verdict::Accepted);
}

TEST(Admission, UnknownStationsFollowThePolicy) {
    EXPECT_EQ(decide_admission(std::nullopt, true, 0, std::nullopt, equal_verify).verdict, Verdict::Accepted);
    EXPECT_EQ(decide_admission(std::nullopt, false, 1, "x", equal_verify).verdict, Verdict::Unauthorized);
}

TEST(Admission, Profile1NeedsTheRightPassword) {
    auto ok = decide_admission(profile(1), true, 1, "0123456789abcdef", equal_verify);
    EXPECT_EQ(ok.verdict, Verdict::Accepted);
    EXPECT_EQ(ok.profile, 1);
    EXPECT_TRUE(ok.reset_failures);
    auto wrong = decide_admission(profile(1), true, 1, "not-the-password", equal_verify);
    EXPECT_EQ(wrong.verdict, Verdict::Unauthorized);
    EXPECT_TRUE(wrong.count_failure);
    auto none = decide_admission(profile(1), true, 0, std::nullopt, equal_verify);
    EXPECT_EQ(none.verdict, Verdict::Unauthorized);
    EXPECT_FALSE(none.count_failure);
}

TEST(Admission, BelowTheRequiredProfileIsRefusedWhateverThePassword) {
    EXPECT_EQ(decide_admission(profile(2), true, 1, "0123456789abcdef", equal_verify).verdict, Verdict::BelowProfile);
    EXPECT_EQ(decide_admission(profile(3), true, 2, "0123456789abcdef", equal_verify).verdict, Verdict::BelowProfile);
}

TEST(Admission, ABlockedStationIsRefusedEvenWithTheRightPassword) {
    auto s = profile(1);
    s.blocked = true;
    EXPECT_EQ(decide_admission(s, true, 1, "0123456789abcdef", equal_verify).verdict, Verdict::Blocked);
}

TEST(Admission, Profile3NeedsACertificateNamingTheStation) {
    auto ok = decide_admission(profile(3), true, 3, std::nullopt, equal_verify, 0, true);
    EXPECT_EQ(ok.verdict, Verdict::Accepted);
    EXPECT_EQ(ok.profile, 3);
    EXPECT_EQ(decide_admission(profile(3), true, 3, std::nullopt, equal_verify, 0, false).verdict,
              Verdict::CertificateMismatch);
    // Even a station that requires less may not present another station's certificate.
    EXPECT_EQ(decide_admission(profile(0), true, 3, std::nullopt, equal_verify, 0, false).verdict,
              Verdict::CertificateMismatch);
    EXPECT_EQ(decide_admission(profile(1), true, 3, std::nullopt, equal_verify, 0, true).verdict, Verdict::Accepted);
}

TEST(Admission, TheDeploymentMinimumRaisesEveryStation) {
    EXPECT_EQ(decide_admission(profile(0), true, 0, std::nullopt, equal_verify, 2).verdict, Verdict::BelowProfile);
    EXPECT_EQ(decide_admission(profile(1), true, 1, "0123456789abcdef", equal_verify, 2).verdict,
              Verdict::BelowProfile);
    EXPECT_EQ(decide_admission(profile(1), true, 2, "0123456789abcdef", equal_verify, 2).verdict, Verdict::Accepted);
    // Unknown stations: nothing to check a password against; only a certificate naming them vouches for them.
    EXPECT_EQ(decide_admission(std::nullopt, true, 2, "x", equal_verify, 2).verdict, Verdict::Unauthorized);
    EXPECT_EQ(decide_admission(std::nullopt, true, 1, "x", equal_verify, 2).verdict, Verdict::BelowProfile);
    EXPECT_EQ(decide_admission(std::nullopt, true, 3, std::nullopt, equal_verify, 2, true).verdict, Verdict::Accepted);
    EXPECT_EQ(decide_admission(std::nullopt, false, 3, std::nullopt, equal_verify, 2, true).verdict,
              Verdict::Unauthorized);
}

TEST(Admission, CertificateNamesMatchTheStationIdExactly) {
    EXPECT_TRUE(certificate_names_station({"csms.example", "CP-1"}, "CP-1"));
    EXPECT_FALSE(certificate_names_station({"cp-1", "CP-10"}, "CP-1"));
    EXPECT_FALSE(certificate_names_station({""}, ""));
}

TEST(Admission, VerifiedPasswordsAreRememberedButWrongOnesAlwaysVerifiedInFull) {
    VerifiedPasswordCache cache;
    int slow_calls = 0;
    auto slow = [&](const std::string& hash, const std::string& pw) {
        ++slow_calls;
        return equal_verify(hash, pw);
    };
    EXPECT_TRUE(cache.verify("CP-1", "hash:right", "right", slow));
    EXPECT_TRUE(cache.verify("CP-1", "hash:right", "right", slow));
    EXPECT_EQ(slow_calls, 1);
    EXPECT_FALSE(cache.verify("CP-1", "hash:right", "wrong", slow));
    EXPECT_FALSE(cache.verify("CP-1", "hash:right", "wrong", slow));
    EXPECT_EQ(slow_calls, 3);
    // A new password is a new encoded hash (new salt): the old password does not match it.
    EXPECT_FALSE(cache.verify("CP-1", "hash:new", "right", slow));
    EXPECT_EQ(slow_calls, 4);
    // Each station is verified in full once.
    EXPECT_TRUE(cache.verify("CP-2", "hash:right", "right", slow));
    EXPECT_EQ(slow_calls, 5);
}

TEST(Admission, TheVerifiedPasswordCacheIsBounded) {
    VerifiedPasswordCache cache(2);
    for (const char* pw : {"a", "b", "c"}) {
        EXPECT_TRUE(cache.verify(pw, std::string("hash:") + pw, pw, equal_verify));
    }
    EXPECT_LE(cache.size(), 2U);
}

TEST(Admission, Argon2idHashesVerify) {
    auto h = hash_password("0123456789abcdef");
    EXPECT_TRUE(h.starts_with("$argon2id$"));
    EXPECT_TRUE(verify_password(h, "0123456789abcdef"));
    EXPECT_FALSE(verify_password(h, "0123456789abcdeg"));
    EXPECT_NE(h, hash_password("0123456789abcdef")) << "a fresh salt each time";
}

} // namespace
} // namespace recarga::manager
