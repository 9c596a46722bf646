#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api/commands_api.hpp"
#include "store/station_owner.hpp"

namespace recarga::manager {
namespace {

namespace env = recarga::envelope;

env::Envelope connected_on(const std::string& gateway, std::int64_t at) {
    env::Envelope e;
    e.kind = env::Kind::Connected;
    e.station = "CP-1";
    e.gateway = gateway;
    e.connection = 9;
    e.at_us = at;
    return e;
}

TEST(StaleOwner, AConnectOnAnotherGatewayClosesTheOldConnection) {
    StationOwner owner{true, "gw-a", 3, "ocpp1.6", 100};
    auto close = close_for_stale_owner(owner, connected_on("gw-b", 200));
    ASSERT_TRUE(close);
    EXPECT_EQ(close->kind, env::Kind::Close);
    EXPECT_EQ(close->gateway, "gw-a");
    EXPECT_EQ(close->connection, 3u);
    EXPECT_EQ(close->station, "CP-1");
}

TEST(StaleOwner, NothingToCloseOnTheSameGatewayWhenOfflineOrForAnOlderEvent) {
    EXPECT_FALSE(close_for_stale_owner(StationOwner{true, "gw-a", 3, "ocpp1.6", 100}, connected_on("gw-a", 200)));
    EXPECT_FALSE(close_for_stale_owner(StationOwner{false, "gw-a", 3, "ocpp1.6", 100}, connected_on("gw-b", 200)));
    EXPECT_FALSE(close_for_stale_owner(StationOwner{true, "gw-a", 3, "ocpp1.6", 300}, connected_on("gw-b", 200)));
    EXPECT_FALSE(close_for_stale_owner(std::nullopt, connected_on("gw-b", 200)));
}

env::Envelope result(std::string_view outcome) {
    env::Envelope r;
    r.kind = env::Kind::CommandResult;
    r.station = "CP-1";
    r.message_id = "m1";
    r.outcome = std::string(outcome);
    return r;
}

TEST(CommandResponse, AResultIs200WithTheStatusOfThePayload) {
    auto r = result(env::outcome::kResult);
    r.payload = boost::json::object{{"status", "Accepted"}};
    auto res = api::command_response(r);
    EXPECT_EQ(res.status, 200);
    auto body = boost::json::parse(res.body);
    EXPECT_EQ(body.at("status").as_string(), "Accepted");
    EXPECT_EQ(body.at("outcome").as_string(), "result");
    EXPECT_EQ(body.at("messageId").as_string(), "m1");
}

TEST(CommandResponse, ACallErrorIs200WithTheError) {
    auto r = result(env::outcome::kError);
    r.error_code = "NotSupported";
    auto res = api::command_response(r);
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(boost::json::parse(res.body).at("error").at("code").as_string(), "NotSupported");
}

TEST(CommandResponse, NoAnswerMapsToProblems) {
    EXPECT_EQ(api::command_response(result(env::outcome::kOffline)).status, 409);
    EXPECT_EQ(api::command_response(result(env::outcome::kTimeout)).status, 504);
    EXPECT_EQ(api::command_response(result(env::outcome::kBusy)).status, 429);
    EXPECT_EQ(api::command_response(result(env::outcome::kInvalid)).status, 502);
    EXPECT_EQ(api::command_response(result("unavailable")).status, 503);
    EXPECT_EQ(api::command_response(result("no-answer")).status, 504);
    EXPECT_EQ(api::command_response(result(env::outcome::kOffline)).content_type, "application/problem+json");
}

} // namespace
} // namespace recarga::manager
