// The cost messages to stations (billing/cost_messages): 2.0.1/2.1 CostUpdated and the 1.6 DataTransfer cost
// convention, checked against the versions' request schemas.
#include "billing/cost_messages.hpp"
#include "recarga/ocpp/validator.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace recarga::manager::billing {
namespace {

namespace json = boost::json;

TEST(CostMessages, CostUpdatedConformsToBothVersions) {
    auto p = cost_updated({1234, *currency("EUR")}, "TX-1");
    EXPECT_DOUBLE_EQ(p.at("totalCost").to_number<double>(), 12.34);
    EXPECT_EQ(p.at("transactionId").as_string(), "TX-1");
    for (auto v : {ocpp::Version::v201, ocpp::Version::v21}) {
        EXPECT_FALSE(ocpp::SchemaValidator::instance().validate(v, "CostUpdated", ocpp::Direction::Request, p));
    }
}

TEST(CostMessages, V16RunningAndFinalCostAreDataTransfers) {
    auto running = v16_cost_message(false, 42, {500, *currency("JPY")}, 1234.9, "2026-11-25T10:00:00Z");
    EXPECT_FALSE(ocpp::SchemaValidator::instance().validate(ocpp::Version::v16, "DataTransfer",
                                                            ocpp::Direction::Request, running));
    EXPECT_EQ(running.at("messageId").as_string(), "RunningCost");
    auto data = json::parse(running.at("data").as_string());
    EXPECT_EQ(data.at("transactionId").as_int64(), 42);
    EXPECT_DOUBLE_EQ(data.at("cost").to_number<double>(), 500);
    EXPECT_EQ(data.at("meterValue").as_int64(), 1234);
    auto final = v16_cost_message(true, 42, {1, *currency("KWD")}, 0, "");
    EXPECT_EQ(final.at("messageId").as_string(), "FinalCost");
    EXPECT_EQ(json::parse(final.at("data").as_string()).at("priceText").as_string(), "0.001 KWD");
}

} // namespace
} // namespace recarga::manager::billing
