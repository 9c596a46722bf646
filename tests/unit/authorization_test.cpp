// Authorization decisions (domain/authorization) and their encoding as 1.6 idTagInfo and 2.0.1 idTokenInfo.
#include "domain/authorization.hpp"
#include "handlers/id_token_answers.hpp"
#include "recarga/ocpp/v16/Authorize.hpp"
#include "recarga/ocpp/v16/StartTransaction.hpp"
#include "recarga/ocpp/v201/Authorize.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::manager {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

const Clock::time_point kNow = Clock::time_point(std::chrono::seconds(1'780'000'000));

// Builder for a stored token: accepted, no expiry, every station.
struct TokenBuilder {
    TokenRecord t{.id_token = "RFID1", .type = "ISO14443", .status = "Accepted"};
    TokenBuilder& status(std::string s) {
        t.status = std::move(s);
        return *this;
    }
    TokenBuilder& expires(Clock::time_point at) {
        t.expires_at = at;
        return *this;
    }
    TokenBuilder& group(std::string g) {
        t.group_id_token = std::move(g);
        return *this;
    }
    TokenBuilder& stations(std::vector<std::string> s) {
        t.allowed_stations = std::move(s);
        return *this;
    }
    std::optional<TokenRecord> build() const { return t; }
};

AuthDecision decide(const std::optional<TokenRecord>& t, std::string_view station = "CP1",
                    UnknownTokenPolicy p = UnknownTokenPolicy::Reject, std::string_view type = "") {
    return decide_authorization(t, type, station, kNow, p);
}

TEST(Authorization, C01_KnownAcceptedTokenIsAccepted) {
    EXPECT_EQ(decide(TokenBuilder().build()).status, AuthStatus::Accepted);
}

TEST(Authorization, UnknownTokenIsRefusedByDefault) {
    auto d = decide(std::nullopt);
    EXPECT_EQ(d.status, AuthStatus::Unknown);
    EXPECT_EQ(v16_status(d.status), "Invalid"); // 1.6 has no Unknown
    EXPECT_EQ(v2x_status(d.status), "Unknown");
}

TEST(Authorization, UnknownTokenIsAcceptedWhenConfigured) {
    EXPECT_EQ(decide(std::nullopt, "CP1", UnknownTokenPolicy::Accept).status, AuthStatus::Accepted);
}

TEST(Authorization, BlockedTokenIsBlocked) {
    auto d = decide(TokenBuilder().status("Blocked").build());
    EXPECT_EQ(v16_status(d.status), "Blocked");
    EXPECT_EQ(v2x_status(d.status), "Blocked");
}

TEST(Authorization, BlockedWinsOverExpiry) {
    EXPECT_EQ(decide(TokenBuilder().status("Blocked").expires(kNow - 1h).build()).status, AuthStatus::Blocked);
}

TEST(Authorization, TokenPastItsExpiryIsExpired) {
    EXPECT_EQ(decide(TokenBuilder().expires(kNow - 1s).build()).status, AuthStatus::Expired);
    EXPECT_EQ(decide(TokenBuilder().expires(kNow).build()).status, AuthStatus::Expired);
}

TEST(Authorization, TokenBeforeItsExpiryIsAcceptedAndCarriesTheExpiry) {
    auto d = decide(TokenBuilder().expires(kNow + 1h).build());
    EXPECT_EQ(d.status, AuthStatus::Accepted);
    ASSERT_TRUE(d.expires_at);
    EXPECT_EQ(*d.expires_at, kNow + 1h);
}

TEST(Authorization, StoredExpiredAndInvalidStatusesAreKept) {
    EXPECT_EQ(decide(TokenBuilder().status("Expired").build()).status, AuthStatus::Expired);
    EXPECT_EQ(decide(TokenBuilder().status("Invalid").build()).status, AuthStatus::Invalid);
}

TEST(Authorization, AllowListAcceptsListedStationsOnly) {
    auto token = TokenBuilder().stations({"CP1", "CP2"}).build();
    EXPECT_EQ(decide(token, "CP2").status, AuthStatus::Accepted);
    auto other = decide(token, "CP3");
    EXPECT_EQ(other.status, AuthStatus::NotAtThisLocation);
    EXPECT_EQ(v16_status(other.status), "Invalid");
    EXPECT_EQ(v2x_status(other.status), "NotAtThisLocation");
}

TEST(Authorization, EmptyAllowListAllowsNoStation) {
    EXPECT_EQ(decide(TokenBuilder().stations({}).build(), "CP1").status, AuthStatus::NotAtThisLocation);
}

TEST(Authorization, GroupIsReturnedWithTheDecision) {
    auto d = decide(TokenBuilder().group("FLEET-7").build());
    EXPECT_EQ(d.status, AuthStatus::Accepted);
    EXPECT_EQ(d.group_id_token, "FLEET-7");
}

TEST(Authorization, NoAuthorizationTokenTypeIsAcceptedWithoutLookup) {
    EXPECT_EQ(decide(std::nullopt, "CP1", UnknownTokenPolicy::Reject, "NoAuthorization").status, AuthStatus::Accepted);
}

TEST(Authorization, UnknownTokenPolicyParses) {
    EXPECT_EQ(parse_unknown_token_policy("reject"), UnknownTokenPolicy::Reject);
    EXPECT_EQ(parse_unknown_token_policy("accept"), UnknownTokenPolicy::Accept);
    EXPECT_FALSE(parse_unknown_token_policy("maybe"));
}

TEST(AuthorizationAnswer, V16IdTagInfoCarriesStatusExpiryAndParent) {
    auto d = decide(TokenBuilder().expires(kNow + 1h).group("PARENT").build());
    auto info = v16_id_tag_info<ocpp::v16::AuthorizeResponseIdTagInfo>(d);
    ocpp::v16::AuthorizeResponse res{.idTagInfo = info};
    EXPECT_EQ(boost::json::serialize(to_json(res)), R"({"idTagInfo":{"status":"Accepted","expiryDate":")" +
                                                        format_time(kNow + 1h) + R"(","parentIdTag":"PARENT"}})");
}

TEST(AuthorizationAnswer, V16UnknownTokenIsInvalidWithNothingElse) {
    auto info = v16_id_tag_info<ocpp::v16::StartTransactionResponseIdTagInfo>(decide(std::nullopt));
    EXPECT_EQ(ocpp::v16::to_string(info.status), "Invalid");
    EXPECT_FALSE(info.expiryDate);
    EXPECT_FALSE(info.parentIdTag);
}

TEST(AuthorizationAnswer, V201IdTokenInfoCarriesStatusCacheExpiryAndGroup) {
    auto d = decide(TokenBuilder().expires(kNow + 2h).group("FLEET").build());
    auto info = v2x_id_token_info<ocpp::v201::IdTokenInfoType>(d);
    EXPECT_EQ(ocpp::v201::to_string(info.status), "Accepted");
    EXPECT_EQ(info.cacheExpiryDateTime, format_time(kNow + 2h));
    ASSERT_TRUE(info.groupIdToken);
    EXPECT_EQ(info.groupIdToken->idToken, "FLEET");
    EXPECT_EQ(ocpp::v201::to_string(info.groupIdToken->type), "Central");
}

TEST(AuthorizationAnswer, V201NotAtThisLocationIsSpelledAsTheSchemaSays) {
    auto info = v2x_id_token_info<ocpp::v201::IdTokenInfoType>(decide(TokenBuilder().stations({"X"}).build()));
    EXPECT_EQ(ocpp::v201::to_string(info.status), "NotAtThisLocation");
    EXPECT_FALSE(info.groupIdToken);
}

// Credit: a wallet-paid token needs the pre-authorisation amount to start charging.
TEST(Authorization, C01_WalletBelowThePreauthorisationIsNoCredit) {
    const auto five = *Decimal::parse("5.00");
    auto t = TokenBuilder().build();
    t->credit = WalletCredit{"w", Money{499, *currency("EUR")}, false};
    auto d = require_credit(decide(t), t, five);
    EXPECT_EQ(d.status, AuthStatus::NoCredit);
    EXPECT_EQ(v16_status(d.status), "Blocked");
    EXPECT_EQ(v2x_status(d.status), "NoCredit");
    t->credit->balance.minor = 500;
    EXPECT_EQ(require_credit(decide(t), t, five).status, AuthStatus::Accepted);
}

TEST(Authorization, CreditIsNotAskedOfTokensWithoutWalletOrAllowedNegative) {
    const auto five = *Decimal::parse("5.00");
    auto t = TokenBuilder().build();
    EXPECT_EQ(require_credit(decide(t), t, five).status, AuthStatus::Accepted);
    t->credit = WalletCredit{"w", Money{-10000, *currency("EUR")}, true};
    EXPECT_EQ(require_credit(decide(t), t, five).status, AuthStatus::Accepted);
    // A refusal stays what it was: a blocked token with no money is Blocked, not NoCredit.
    auto blocked = TokenBuilder().status("Blocked").build();
    blocked->credit = WalletCredit{"w", Money{0, *currency("EUR")}, false};
    EXPECT_EQ(require_credit(decide(blocked), blocked, five).status, AuthStatus::Blocked);
}

} // namespace
} // namespace recarga::manager
