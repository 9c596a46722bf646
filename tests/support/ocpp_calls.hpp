// Station-side steps shared by integration tests: connect and boot a station (1.6 or 2.0.1 BootNotification),
// and send a CALL that must be answered with a CALLRESULT. Failures are GoogleTest failures, not exceptions.
#pragma once

#include "harness.hpp"

#include <boost/json/object.hpp>
#include <memory>
#include <string>

namespace recarga::test {

// Connects to ws://127.0.0.1:<gateway_port>/ocpp/<id> with `protocol` and sends a BootNotification.
std::unique_ptr<Station> boot_station(std::uint16_t gateway_port, const std::string& id, const std::string& protocol);
// The payload of the CALLRESULT to the CALL; {} after a test failure when the answer is something else.
boost::json::object call_ok(Station& st, const std::string& id, const std::string& action,
                            const boost::json::value& payload);

// A 2.0.1 TransactionEvent of `transaction_id` carrying one energy register reading (kWh) at `timestamp`; a
// Started event also names EVSE 1 and `id_token` ({idToken, type}).
boost::json::object energy_event(const std::string& type, int seq_no, const std::string& timestamp, double kwh,
                                 const std::string& transaction_id, const boost::json::object& id_token = {});
// Reads the next CALL, expects it to be a CostUpdated (of `transaction_id`, when given), answers it and returns
// its totalCost (-1 when none came).
double next_cost_updated(Station& st, const std::string& transaction_id = "");

} // namespace recarga::test
