// Tariff bodies shared by the integration tests of billing (tariffs_test, card_payments_test).
#pragma once

#include "ocpp_calls.hpp"

#include <boost/json/object.hpp>
#include <gtest/gtest.h>
#include <string>

namespace recarga::test {

// One unrestricted element at `per_kwh` EUR/kWh, a session fee of 1.00 and VAT 20 %.
inline boost::json::object simple_tariff(const std::string& id, const std::string& per_kwh) {
    return {{"id", id},           {"name", "Standard"}, {"currency", "EUR"},
            {"vatPercent", "20"}, {"flatFee", "1.00"},  {"elements", boost::json::array{{{"pricePerKwh", per_kwh}}}}};
}

// A token that may not charge (no credit, a declined card) is refused everywhere a charge starts: 2.0.1
// Authorize and TransactionEvent Started answer NoCredit, 1.6 Authorize and StartTransaction Blocked.
inline void expect_refused_to_charge(Station& st201, Station& st16, const std::string& id_token,
                                     const std::string& timestamp, const std::string& transaction_id) {
    const boost::json::object token{{"idToken", id_token}, {"type", "ISO14443"}};
    EXPECT_EQ(call_ok(st201, "a1", "Authorize", {{"idToken", token}})["idTokenInfo"].at("status").as_string(),
              "NoCredit");
    EXPECT_EQ(call_ok(st16, "a1", "Authorize", {{"idTag", id_token}})["idTagInfo"].at("status").as_string(), "Blocked");
    auto start = call_ok(st16, "s1", "StartTransaction",
                         {{"connectorId", 1}, {"idTag", id_token}, {"meterStart", 0}, {"timestamp", timestamp}});
    EXPECT_EQ(start["idTagInfo"].at("status").as_string(), "Blocked");
    const auto started = energy_event("Started", 0, timestamp, 0.0, transaction_id, token);
    EXPECT_EQ(call_ok(st201, "e0", "TransactionEvent", started)["idTokenInfo"].at("status").as_string(), "NoCredit");
}

} // namespace recarga::test
