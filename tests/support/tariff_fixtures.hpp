// Tariff bodies shared by the integration tests of billing (tariffs_test, card_payments_test).
#pragma once

#include <boost/json/object.hpp>
#include <string>

namespace recarga::test {

// One unrestricted element at `per_kwh` EUR/kWh, a session fee of 1.00 and VAT 20 %.
inline boost::json::object simple_tariff(const std::string& id, const std::string& per_kwh) {
    return {{"id", id},           {"name", "Standard"}, {"currency", "EUR"},
            {"vatPercent", "20"}, {"flatFee", "1.00"},  {"elements", boost::json::array{{{"pricePerKwh", per_kwh}}}}};
}

} // namespace recarga::test
