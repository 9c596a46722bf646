// Shared helpers of the dialect implementations (not part of the sim's interface).
#pragma once

#include "dialect.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace recarga::sim::detail {

const Dialect& dialect_v16();
const Dialect& dialect_v201();
const Dialect& dialect_v21();

// The string at `key` in `o`, or "" when absent or not a string.
std::string_view get_string(const boost::json::object& o, std::string_view key);
// The integer at `key` in `o`, or `fallback` when absent or not an integer.
long long get_int(const boost::json::object& o, std::string_view key, long long fallback);

IncomingReply reply_status(std::string_view status);
IncomingReply reply_error(ocpp::ErrorKind kind, std::string description);

// Charging profiles, the same for every version once the payload is in the neutral model (dialect_profiles.cpp):
// SetChargingProfile installs a profile the station may take (Accepted, else Rejected); ClearChargingProfile removes
// what the criteria name (Accepted, or Unknown when nothing matched); both report ProfilesChanged to the engine.
IncomingReply install_profile(const smart::Translated<smart::ChargingProfile>& profile, int evse_id,
                              const StationView& st, ocpp::Version version);
IncomingReply clear_profiles(const ProfileCriteria& criteria, const StationView& st);
// The composite schedule of an EVSE from now over `duration` s (GetCompositeSchedule), in `unit`.
smart::CompositeSchedule composite_of(int evse_id, std::int64_t duration, smart::RateUnit unit, const StationView& st);
// The transaction running on an EVSE, if any.
const TxContext* transaction_on(int evse_id, const StationView& st);

} // namespace recarga::sim::detail
