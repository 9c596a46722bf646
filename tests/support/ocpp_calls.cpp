#include "ocpp_calls.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace recarga::test {

namespace json = boost::json;

std::unique_ptr<Station> boot_station(std::uint16_t gateway_port, const std::string& id, const std::string& protocol) {
    auto st = std::make_unique<Station>(gateway_port, "/ocpp/" + id, protocol);
    json::object payload =
        protocol == "ocpp1.6"
            ? json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "SIM-16"}}
            : json::object{{"reason", "PowerUp"}, {"chargingStation", {{"vendorName", "Recarga"}, {"model", "X"}}}};
    auto a = st->call("boot", "BootNotification", payload);
    EXPECT_EQ(a[0].as_int64(), 3) << id << ": " << json::serialize(a);
    return st;
}

json::object call_ok(Station& st, const std::string& id, const std::string& action, const json::value& payload) {
    auto a = st.call(id, action, payload);
    EXPECT_EQ(a[0].as_int64(), 3) << action << ": " << json::serialize(a);
    return a[0].as_int64() == 3 ? a[2].as_object() : json::object{};
}

} // namespace recarga::test
