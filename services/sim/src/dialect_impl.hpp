// Shared helpers of the dialect implementations (not part of the sim's interface).
#pragma once

#include "dialect.hpp"

#include <boost/json/array.hpp>
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
// ClearChargingProfile reads the profile id from `payload` under `id_key`, and the EVSE (under `evse_key`), purpose
// and stack level from `criteria` (1.6: the payload itself; 2.x: chargingProfileCriteria, may be absent).
IncomingReply clear_profiles(const boost::json::object& payload, std::string_view id_key,
                             const boost::json::object* criteria, std::string_view evse_key, const StationView& st);
// GetCompositeSchedule: the composite schedule from now over the payload's duration, in its chargingRateUnit, of the
// EVSE under `evse_key`; nullopt when it cannot be given (no such EVSE, no duration): answer Rejected.
std::optional<smart::CompositeSchedule> composite_of(const boost::json::object& payload, std::string_view evse_key,
                                                     const StationView& st);
// A composite schedule's periods as both versions write them: [{startPeriod, limit, numberPhases}].
boost::json::array periods_json(const smart::CompositeSchedule& schedule);
// The transaction running on an EVSE, if any.
const TxContext* transaction_on(int evse_id, const StationView& st);

} // namespace recarga::sim::detail
