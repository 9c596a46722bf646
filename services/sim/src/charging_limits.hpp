// The charging profiles a simulated station holds and the limit they put on each EVSE, so that recarga-sim obeys
// SetChargingProfile and ClearChargingProfile (OCPP 1.6 3.13 / 5.16, 2.0.1 K01/K10) the way a real station does.
//
// Profiles are kept in the manager's version-neutral model (services/manager/src/domain/smart_charging, linked as the
// recarga_smart_charging library) and the limit in force is computed with the manager's own composite-schedule
// function, so the simulator and the central system apply one set of rules: the highest valid stack level of a purpose
// wins; a TxProfile beats TxDefault profiles; a TxDefault on the EVSE beats one on evse 0; the StationMax profile caps
// the result. Installing follows the replacement rule of both versions (a profile replaces the one of the same id, and
// the one of the same purpose and stack level on the same EVSE). Limits in W are converted to current per phase with
// the nominal voltage and the phases in use.
//
// Concurrency: a ChargingProfiles value belongs to one station and is used from its thread only.
#pragma once

#include "domain/smart_charging/charging_profile.hpp"
#include "domain/smart_charging/composite_schedule.hpp"
#include "meter_model.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace recarga::sim {

namespace smart = recarga::manager::smart;

// A current per phase the EVSE may deliver, on at most `phases` phases; 0 A pauses charging.
struct CurrentLimit {
    double amps = 0.0;
    int phases = 3;

    bool operator==(const CurrentLimit&) const = default;
};

// Which installed profiles a ClearChargingProfile names: a profile id alone (the other fields are then ignored,
// 1.6 5.5 / 2.0.1 K10), or any combination of EVSE, purpose and stack level (all absent: every profile).
struct ProfileCriteria {
    std::optional<std::int64_t> id;
    std::optional<int> evse_id;
    std::optional<smart::Purpose> purpose;
    std::optional<std::int64_t> stack_level;
};

// The transaction running on an EVSE, as the limit computation needs it.
struct RunningTransaction {
    std::string id;
    std::chrono::sys_seconds started;
};

class ChargingProfiles {
public:
    // Installs `profile` on `evse_id` (0: the station), replacing a profile of the same id and one of the same purpose
    // and stack level on that EVSE.
    void install(int evse_id, smart::ChargingProfile profile);
    // Removes what `criteria` names; returns how many profiles went.
    std::size_t clear(const ProfileCriteria& criteria);
    // A transaction ended: its TxProfiles go with it (1.6 3.13.1, 2.0.1 K01.FR.05).
    void transaction_ended(int evse_id);
    const std::vector<smart::InstalledProfile>& installed() const noexcept { return profiles_; }

    // The limit in force on `evse_id` at `now` (nullopt: no profile limits it), for a session using `phases` phases at
    // the nominal `voltage`.
    std::optional<CurrentLimit> limit(int evse_id, std::chrono::sys_seconds now,
                                      const std::optional<RunningTransaction>& tx, int phases, int voltage) const;

    // The composite schedule of an EVSE (GetCompositeSchedule), over `duration` seconds from `start`; periods where no
    // profile applies carry `evse_max_tenths`.
    smart::CompositeSchedule composite(int evse_id, std::chrono::sys_seconds start, std::int64_t duration,
                                       smart::RateUnit unit, const std::optional<RunningTransaction>& tx,
                                       std::int64_t evse_max_tenths, int phases, int voltage) const;

private:
    std::vector<smart::InstalledProfile> profiles_;
};

// The limit of `evse_id` at `now` put on `meter` (which the caller has advanced to `now`, so that energy so far counts
// at the old limit); true when it differs from `in_force`, which then holds it.
bool apply_limit(const ChargingProfiles& profiles, int evse_id, std::chrono::sys_seconds now,
                 const std::optional<RunningTransaction>& tx, int phases, int voltage, MeterModel& meter,
                 std::optional<CurrentLimit>& in_force);

// Why a SetChargingProfile is refused, given the station's EVSEs and transactions (empty: accepted). Rules common to
// both versions: the profile is valid (smart::validate); the EVSE exists; a TxProfile goes on an EVSE (> 0) with a
// transaction running there, and names that transaction when it names one (2.0.1 requires the name, K01.FR.03); a
// StationMax profile goes on evse 0.
std::optional<std::string> refusal(const smart::ChargingProfile& profile, int evse_id, int evses,
                                   const std::optional<std::string>& running_transaction, ocpp::Version version);

} // namespace recarga::sim
