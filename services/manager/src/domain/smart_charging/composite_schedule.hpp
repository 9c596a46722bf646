// The composite schedule of an EVSE (OCPP 1.6 3.13.4 / 2.0.1 K08): the limit that results, over a window of time,
// from every charging profile installed on a station. Pure; the manager computes it from the profiles it sent or the
// station reported, to answer for offline stations and to check what a station answers to GetCompositeSchedule.
//
// Rules: within one purpose the valid profile with the highest stack level whose schedule is running at that instant
// applies (when its schedule has ended, the next lower level takes over); a Tx profile overrides TxDefault profiles;
// a TxDefault profile on the EVSE overrides one on evse 0; the result is the lower of that and the StationMax
// profile. A Tx profile applies only while a transaction runs on the EVSE (and, when it names one, only to that
// transaction). Relative schedules start with the transaction (or with the window when there is none). Limits in
// another unit are converted with the nominal voltage and the number of phases (A -> W: A x V x phases).
#pragma once

#include "domain/smart_charging/charging_profile.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recarga::manager::smart {

struct InstalledProfile {
    int evse_id = 0; // 0: the whole station (StationMax, or a TxDefault for every EVSE)
    ChargingProfile profile;
};

struct CompositeRequest {
    TimePoint start;
    std::int64_t duration = 0; // seconds
    RateUnit unit = RateUnit::A;
    int evse_id = 0; // 0: the station as a whole (StationMax profiles only)
    std::optional<TimePoint> transaction_start;
    std::optional<std::string> transaction_id;
    std::int64_t default_limit_tenths = 0; // where no profile applies (the EVSE's own rating)
    int default_phases = 3;
    int voltage = 230;
};

struct CompositePeriod {
    std::int64_t start = 0; // seconds from the window's start
    std::int64_t limit_tenths = 0;
    int phases = 3;

    bool operator==(const CompositePeriod&) const = default;
};

struct CompositeSchedule {
    TimePoint start;
    std::int64_t duration = 0;
    RateUnit unit = RateUnit::A;
    std::vector<CompositePeriod> periods; // first at 0, increasing, adjacent periods differ

    bool operator==(const CompositeSchedule&) const = default;
};

// The limit of one profile at `t`, in the profile's own unit: nullopt when the profile is not valid then or its
// schedule is not running (not started, or past its duration).
struct PeriodAt {
    std::int64_t limit_tenths = 0;
    std::optional<int> phases;
};
std::optional<PeriodAt> limit_at(const ChargingProfile& p, TimePoint t, std::optional<TimePoint> transaction_start);

// A limit converted between units (rounded down: a converted limit never allows more).
std::int64_t convert_tenths(std::int64_t tenths, RateUnit from, RateUnit to, int phases, int voltage);

CompositeSchedule composite_schedule(const std::vector<InstalledProfile>& profiles, const CompositeRequest& request);

} // namespace recarga::manager::smart
