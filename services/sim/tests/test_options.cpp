#include "options.hpp"

#include <gtest/gtest.h>

using namespace recarga::sim;

namespace {
std::variant<Options, int> parse(std::vector<std::string> args) {
    args.insert(args.begin(), "recarga-sim");
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    return parse_options(static_cast<int>(argv.size()), argv.data());
}
} // namespace

TEST(Options, DemoFleetCommandLine) {
    auto r = parse({"--url", "ws://127.0.0.1:8180/ocpp", "--stations", "5", "--protocol", "mixed", "--scenario",
                    "charging"});
    ASSERT_TRUE(std::holds_alternative<Options>(r));
    const auto& o = std::get<Options>(r);
    EXPECT_EQ(o.stations, 5u);
    EXPECT_EQ(o.scenario, Scenario::Charging);
    EXPECT_EQ(o.mode, LoadMode::Natural);
    ASSERT_EQ(o.protocols.size(), 2u);
    EXPECT_EQ(o.protocols[0], recarga::ocpp::Version::v16);
    EXPECT_EQ(o.protocols[1], recarga::ocpp::Version::v201);
    EXPECT_FALSE(o.duration_s);
    EXPECT_FALSE(o.max_calls);
}

TEST(Options, RateImpliesOpenLoopAndMeterFloodDefaultsToClosed) {
    auto open = parse({"--rate", "1000", "--scenario", "heartbeat"});
    ASSERT_TRUE(std::holds_alternative<Options>(open));
    EXPECT_EQ(std::get<Options>(open).mode, LoadMode::Open);
    auto flood = parse({"--scenario", "meter-flood", "--duration", "5", "--calls", "100"});
    ASSERT_TRUE(std::holds_alternative<Options>(flood));
    EXPECT_EQ(std::get<Options>(flood).mode, LoadMode::Closed);
    EXPECT_DOUBLE_EQ(*std::get<Options>(flood).duration_s, 5.0);
    EXPECT_EQ(*std::get<Options>(flood).max_calls, 100u);
}

TEST(Options, ProtocolListsAndSourceIps) {
    auto r = parse({"--protocol", "2.1,ocpp1.6", "--source-ips", "127.0.0.1,127.0.0.2"});
    ASSERT_TRUE(std::holds_alternative<Options>(r));
    const auto& o = std::get<Options>(r);
    ASSERT_EQ(o.protocols.size(), 2u);
    EXPECT_EQ(o.protocols[0], recarga::ocpp::Version::v21);
    EXPECT_EQ(o.protocols[1], recarga::ocpp::Version::v16);
    ASSERT_EQ(o.source_ips.size(), 2u);
    EXPECT_EQ(o.source_ips[1], "127.0.0.2");
}

TEST(Options, BadInputIsRefused) {
    EXPECT_TRUE(std::holds_alternative<int>(parse({"--protocol", "1.5"})));
    EXPECT_TRUE(std::holds_alternative<int>(parse({"--mode", "open"}))); // needs --rate
    EXPECT_TRUE(std::holds_alternative<int>(parse({"--mode", "closed", "--rate", "5"})));
    EXPECT_TRUE(std::holds_alternative<int>(parse({"--scenario", "nap"})));
    EXPECT_TRUE(std::holds_alternative<int>(parse({"--url", "http://x"})));
    EXPECT_TRUE(std::holds_alternative<int>(parse({"--stations", "0"})));
}
