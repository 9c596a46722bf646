// What the manager learns from a station's answers to configuration commands (commands/learned_variables).
#include "services/manager/src/commands/learned_variables.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace {

using recarga::manager::commands::learned_variables;
using recarga::ocpp::Version;
namespace json = boost::json;

TEST(LearnedVariables, V16GetConfigurationKeepsEveryKeyWithItsMutability) {
    const auto answer = json::parse(R"({"configurationKey":[
        {"key":"HeartbeatInterval","readonly":false,"value":"300"},
        {"key":"NumberOfConnectors","readonly":true,"value":"2"},
        {"key":"AuthorizationKey","readonly":false}],
        "unknownKey":["Nope"]})");
    const auto rows = learned_variables(Version::v16, "GetConfiguration", json::object{}, answer);
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].key.component, "Configuration");
    EXPECT_EQ(rows[0].key.variable, "HeartbeatInterval");
    EXPECT_EQ(rows[0].value, "300");
    EXPECT_EQ(rows[0].mutability, "ReadWrite");
    EXPECT_EQ(rows[0].attribute_type, "Actual");
    EXPECT_EQ(rows[1].mutability, "ReadOnly");
    EXPECT_FALSE(rows[2].value.has_value()); // a key whose value the station does not disclose
}

TEST(LearnedVariables, V16ChangeConfigurationStoresTheValueOnlyWhenTheStationTookIt) {
    const auto request = json::parse(R"({"key":"MeterValueSampleInterval","value":"60"})");
    for (const char* status : {"Accepted", "RebootRequired"}) {
        const auto rows = learned_variables(Version::v16, "ChangeConfiguration", request,
                                            json::parse(std::string(R"({"status":")") + status + "\"}"));
        ASSERT_EQ(rows.size(), 1U) << status;
        EXPECT_EQ(rows[0].key.variable, "MeterValueSampleInterval");
        EXPECT_EQ(rows[0].value, "60");
        EXPECT_FALSE(rows[0].mutability.has_value()); // unknown here: the stored one is kept
    }
    for (const char* status : {"Rejected", "NotSupported"}) {
        EXPECT_TRUE(learned_variables(Version::v16, "ChangeConfiguration", request,
                                      json::parse(std::string(R"({"status":")") + status + "\"}"))
                        .empty())
            << status;
    }
}

TEST(LearnedVariables, V201GetVariablesKeepsAcceptedResultsWithTheirKeys) {
    const auto answer = json::parse(R"({"getVariableResult":[
        {"attributeStatus":"Accepted","attributeValue":"true","component":{"name":"AuthCtrlr"},
         "variable":{"name":"Enabled"}},
        {"attributeStatus":"Accepted","attributeType":"MaxSet","attributeValue":"32",
         "component":{"name":"EVSE","evse":{"id":1,"connectorId":2}},"variable":{"name":"Power","instance":"L1"}},
        {"attributeStatus":"UnknownVariable","component":{"name":"X"},"variable":{"name":"Y"}}]})");
    for (auto version : {Version::v201, Version::v21}) {
        const auto rows = learned_variables(version, "GetVariables", json::object{}, answer);
        ASSERT_EQ(rows.size(), 2U);
        EXPECT_EQ(rows[0].key.component, "AuthCtrlr");
        EXPECT_EQ(rows[0].attribute_type, "Actual");
        EXPECT_EQ(rows[0].value, "true");
        EXPECT_EQ(rows[1].key.evse_id, 1);
        EXPECT_EQ(rows[1].key.connector_id, 2);
        EXPECT_EQ(rows[1].key.variable_instance, "L1");
        EXPECT_EQ(rows[1].attribute_type, "MaxSet");
    }
}

TEST(LearnedVariables, V201SetVariablesTakesTheRequestedValueOfAcceptedResults) {
    const auto request = json::parse(R"({"setVariableData":[
        {"attributeValue":"120","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}},
        {"attributeValue":"false","component":{"name":"AuthCtrlr"},"variable":{"name":"Enabled"}},
        {"attributeValue":"9","attributeType":"Target","component":{"name":"SampledDataCtrlr"},
         "variable":{"name":"TxUpdatedInterval"}}]})");
    const auto answer = json::parse(R"({"setVariableResult":[
        {"attributeStatus":"Accepted","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}},
        {"attributeStatus":"Rejected","component":{"name":"AuthCtrlr"},"variable":{"name":"Enabled"}},
        {"attributeStatus":"RebootRequired","attributeType":"Target","component":{"name":"SampledDataCtrlr"},
         "variable":{"name":"TxUpdatedInterval"}}]})");
    const auto rows = learned_variables(Version::v201, "SetVariables", request, answer);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].key.variable, "HeartbeatInterval");
    EXPECT_EQ(rows[0].value, "120");
    EXPECT_EQ(rows[1].key.variable, "TxUpdatedInterval");
    EXPECT_EQ(rows[1].attribute_type, "Target");
    EXPECT_EQ(rows[1].value, "9");
}

TEST(LearnedVariables, OtherActionsAndUndecodableAnswersTeachNothing) {
    EXPECT_TRUE(learned_variables(Version::v16, "Reset", json::object{}, json::parse(R"({"status":"Accepted"})"))
                    .empty());
    EXPECT_TRUE(
        learned_variables(Version::v16, "GetConfiguration", json::object{}, json::parse(R"({"configurationKey":7})"))
            .empty());
    EXPECT_TRUE(learned_variables(Version::v201, "GetVariables", json::object{}, json::parse("[]")).empty());
}

} // namespace
