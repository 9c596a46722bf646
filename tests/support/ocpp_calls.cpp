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

json::object energy_event(const std::string& type, int seq_no, const std::string& timestamp, double kwh,
                          const std::string& transaction_id, const json::object& id_token) {
    json::object e{
        {"eventType", type},
        {"timestamp", timestamp},
        {"triggerReason", type == "Started" ? "Authorized" : type == "Ended" ? "EVDeparted" : "MeterValuePeriodic"},
        {"seqNo", seq_no},
        {"transactionInfo", {{"transactionId", transaction_id}}},
        {"meterValue", json::array{{{"timestamp", timestamp},
                                    {"sampledValue", json::array{{{"value", kwh},
                                                                  {"measurand", "Energy.Active.Import.Register"},
                                                                  {"unitOfMeasure", {{"unit", "kWh"}}}}}}}}}};
    if (type == "Started") {
        e["evse"] = json::object{{"id", 1}, {"connectorId", 1}};
        e["idToken"] = id_token;
    }
    return e;
}

double next_cost_updated(Station& st, const std::string& transaction_id) {
    auto c = st.read_call(std::chrono::seconds(15));
    if (!c) {
        ADD_FAILURE() << "no CostUpdated";
        return -1;
    }
    EXPECT_EQ((*c)[2].as_string(), "CostUpdated");
    if (!transaction_id.empty()) {
        EXPECT_EQ((*c)[3].at("transactionId").as_string(), transaction_id);
    }
    st.answer(std::string((*c)[1].as_string()), json::object{});
    return (*c)[3].at("totalCost").to_number<double>();
}

} // namespace recarga::test
