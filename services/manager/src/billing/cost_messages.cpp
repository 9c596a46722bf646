#include "billing/cost_messages.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace recarga::manager::billing {

namespace json = boost::json;

double wire_number(const Money& m) {
    return static_cast<double>(m.minor) / static_cast<double>(pow10(m.currency.minor_digits));
}

json::object cost_updated(const Money& total, const std::string& transaction_id) {
    return {{"totalCost", wire_number(total)}, {"transactionId", transaction_id}};
}

json::object v16_cost_message(bool final, std::int64_t transaction_id, const Money& total, double meter_wh,
                              const std::string& timestamp) {
    json::object data{{"transactionId", transaction_id}, {"cost", wire_number(total)}};
    if (final) {
        data["priceText"] = format_amount(total) + " " + total.currency.code;
    } else {
        data["timestamp"] = timestamp;
        data["meterValue"] = static_cast<std::int64_t>(meter_wh);
        data["state"] = "Charging";
    }
    return {{"vendorId", kCostVendorId},
            {"messageId", final ? "FinalCost" : "RunningCost"},
            {"data", json::serialize(data)}};
}

} // namespace recarga::manager::billing
