// Charging profiles, version-neutral: the model the manager stores and reasons about, its validation against the
// rules of OCPP 1.6 (3.13, 5.16) and 2.0.1 (K01), and its translation to and from the SetChargingProfile payloads of
// each version. Pure functions; no I/O.
//
// Limits are integers in tenths of the schedule's unit (0.1 A or 0.1 W): both versions accept at most one decimal
// (1.6 multipleOf 0.1, 2.0.1 "at most one digit fraction"), and energy/power never travel as binary fractions here.
// Only one charging schedule per profile is modelled (1.6 has one; 2.0.1 allows up to three for ISO 15118, which
// the manager does not send). Times are whole seconds, UTC.
#pragma once

#include "recarga/ocpp/v16/SetChargingProfile.hpp"
#include "recarga/ocpp/v201/SetChargingProfile.hpp"
#include "recarga/ocpp/version.hpp"

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager::smart {

using TimePoint = std::chrono::sys_seconds;

// 1.6 ChargePointMaxProfile and 2.0.1 ChargingStationMaxProfile are the same purpose: StationMax.
enum class Purpose { StationMax, TxDefault, Tx };
enum class Kind { Absolute, Recurring, Relative };
enum class Recurrency { Daily, Weekly };
enum class RateUnit { A, W };

std::string_view to_string(Purpose p) noexcept;
std::string_view to_string(Kind k) noexcept;
std::string_view to_string(Recurrency r) noexcept;
std::string_view to_string(RateUnit u) noexcept;
// Accepts the neutral names and both versions' spellings (ChargePointMaxProfile, ChargingStationMaxProfile,
// TxDefaultProfile, TxProfile).
bool from_string(std::string_view s, Purpose& out) noexcept;
bool from_string(std::string_view s, Kind& out) noexcept;
bool from_string(std::string_view s, Recurrency& out) noexcept;
bool from_string(std::string_view s, RateUnit& out) noexcept;

struct SchedulePeriod {
    std::int64_t start = 0;        // seconds from the start of the schedule
    std::int64_t limit_tenths = 0; // 0.1 A or 0.1 W (per phase for A)
    std::optional<int> phases;     // 1..3; absent means 3 (both versions)

    bool operator==(const SchedulePeriod&) const = default;
};

struct Schedule {
    std::int64_t id = 0; // 2.0.1 ChargingScheduleType.id; 1.6 has none
    std::optional<TimePoint> start;
    std::optional<std::int64_t> duration; // seconds
    RateUnit unit = RateUnit::A;
    std::vector<SchedulePeriod> periods;
    std::optional<std::int64_t> min_rate_tenths;

    bool operator==(const Schedule&) const = default;
};

struct ChargingProfile {
    std::int64_t id = 0;
    std::int64_t stack_level = 0;
    Purpose purpose = Purpose::TxDefault;
    Kind kind = Kind::Absolute;
    std::optional<Recurrency> recurrency;
    std::optional<TimePoint> valid_from;
    std::optional<TimePoint> valid_to;
    std::optional<std::string> transaction_id; // TxProfile only; 1.6: the integer as text
    Schedule schedule;

    bool operator==(const ChargingProfile&) const = default;
};

// A rule the profile breaks: the member (JSON-pointer-like, e.g. "/schedule/periods/1/start") and why.
struct Problem {
    std::string field;
    std::string detail;

    bool operator==(const Problem&) const = default;
};

// Every rule `p` breaks when installed on `evse_id` (1.6 connectorId; 0 = the whole station) of a station speaking
// `version`; empty when it may be sent. Version-specific rules: 1.6 transaction ids are integers; 2.0.1 TxProfile
// needs a transaction id (K01.FR.03).
std::vector<Problem> validate(const ChargingProfile& p, int evse_id, ocpp::Version version);

template <class T> struct Translated {
    std::optional<T> value; // set when problems is empty
    std::vector<Problem> problems;
};

// SetChargingProfile payloads; validated first (the problems are returned instead of a payload).
Translated<ocpp::v16::SetChargingProfileRequest> to_v16(const ChargingProfile& p, int connector_id);
Translated<ocpp::v201::SetChargingProfileRequest> to_v201(const ChargingProfile& p, int evse_id);

// Profiles as a station states them (1.6 SetChargingProfile as sent, 2.0.1 SetChargingProfile or
// ReportChargingProfiles): back to the neutral model. Only the first 2.0.1 schedule is kept; a limit is rounded
// down to 0.1; an unparsable time is a problem. ChargingStationExternalConstraints maps to StationMax.
Translated<ChargingProfile> from_v16(const ocpp::v16::SetChargingProfileRequestCsChargingProfiles& p);
Translated<ChargingProfile> from_v201(const ocpp::v201::ChargingProfileType& p);

// The neutral profile as JSON, as the REST API and the store write it: {id, stackLevel, purpose (StationMax, TxDefault,
// Tx), kind, recurrency?, validFrom?, validTo?, transactionId?, schedule: {id, start?, duration?, unit (A, W),
// minRate?, periods: [{start, limit, phases?}]}}; limits as numbers with at most one decimal. Reading checks types
// and names only (problems name the member); validate() checks the rules.
boost::json::object to_json(const ChargingProfile& p);
Translated<ChargingProfile> profile_from_json(const boost::json::value& v);

// RFC 3339 date-time (as OCPP sends it: "2026-11-25T23:15:00Z", fractions and offsets accepted) to whole seconds,
// and back (always "Z", no fraction).
std::optional<TimePoint> parse_time(std::string_view text);
std::string format_time(TimePoint t);

// A limit in tenths as the JSON number OCPP carries (16.3 for 163).
double tenths_to_number(std::int64_t tenths);
// The other way, rounded down to 0.1 (a limit must never grow by translation); nullopt when not finite or negative.
std::optional<std::int64_t> number_to_tenths(double value);

} // namespace recarga::manager::smart
