// What the central system tells a station about the cost of a transaction while it charges and when it has
// ended: OCPP 2.0.1/2.1 CostUpdated (totalCost including taxes), and for 1.6 stations that take it the Open
// Charge Alliance cost-message convention over DataTransfer (vendorId org.openchargealliance.costmsg,
// messageId RunningCost / FinalCost, data a JSON text). Pure builders; the billing loop sends them.
#pragma once

#include "domain/money.hpp"

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

namespace recarga::manager::billing {

inline constexpr std::string_view kCostVendorId = "org.openchargealliance.costmsg";

// An amount as OCPP carries it, a JSON number in the currency's units: the exact minor units become the nearest
// double only here, at the wire.
double wire_number(const Money& m);

// CostUpdatedRequest: {totalCost, transactionId}.
boost::json::object cost_updated(const Money& total, const std::string& transaction_id);

// DataTransferRequest for a 1.6 station: RunningCost (final = false) or FinalCost.
boost::json::object v16_cost_message(bool final, std::int64_t transaction_id, const Money& total, double meter_wh,
                                     const std::string& timestamp);

} // namespace recarga::manager::billing
