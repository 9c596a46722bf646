#include "charging_limits.hpp"

#include <algorithm>
#include <limits>

namespace recarga::sim {
namespace {

// Where no profile applies: larger than any limit a profile can state, so the composite shows "no limit".
constexpr std::int64_t kUnlimited = std::numeric_limits<std::int64_t>::max() / 1024;

smart::CompositeRequest request_for(int evse_id, std::chrono::sys_seconds start, std::int64_t duration,
                                    smart::RateUnit unit, const std::optional<RunningTransaction>& tx,
                                    std::int64_t default_tenths, int phases, int voltage) {
    smart::CompositeRequest r;
    r.start = start;
    r.duration = duration;
    r.unit = unit;
    r.evse_id = evse_id;
    if (tx) {
        r.transaction_start = tx->started;
        r.transaction_id = tx->id;
    }
    r.default_limit_tenths = default_tenths;
    r.default_phases = std::clamp(phases, 1, 3);
    r.voltage = voltage;
    return r;
}

} // namespace

void ChargingProfiles::install(int evse_id, smart::ChargingProfile profile) {
    std::erase_if(profiles_, [&](const smart::InstalledProfile& ip) {
        return ip.profile.id == profile.id || (ip.evse_id == evse_id && ip.profile.purpose == profile.purpose &&
                                               ip.profile.stack_level == profile.stack_level);
    });
    profiles_.push_back({evse_id, std::move(profile)});
}

std::size_t ChargingProfiles::clear(const ProfileCriteria& c) {
    return std::erase_if(profiles_, [&](const smart::InstalledProfile& ip) {
        if (c.id)
            return ip.profile.id == *c.id;
        return (!c.evse_id || ip.evse_id == *c.evse_id) && (!c.purpose || ip.profile.purpose == *c.purpose) &&
               (!c.stack_level || ip.profile.stack_level == *c.stack_level);
    });
}

void ChargingProfiles::transaction_ended(int evse_id) {
    clear({std::nullopt, evse_id, smart::Purpose::Tx, std::nullopt});
}

std::optional<CurrentLimit> ChargingProfiles::limit(int evse_id, std::chrono::sys_seconds now,
                                                    const std::optional<RunningTransaction>& tx, int phases,
                                                    int voltage) const {
    const auto schedule =
        smart::composite_schedule(profiles_, request_for(evse_id, now, 1, smart::RateUnit::A, tx, kUnlimited, phases,
                                                         voltage));
    if (schedule.periods.empty() || schedule.periods.front().limit_tenths >= kUnlimited)
        return std::nullopt;
    const auto& p = schedule.periods.front();
    return CurrentLimit{static_cast<double>(p.limit_tenths) / 10.0, std::clamp(p.phases, 1, 3)};
}

smart::CompositeSchedule ChargingProfiles::composite(int evse_id, std::chrono::sys_seconds start, std::int64_t duration,
                                                     smart::RateUnit unit, const std::optional<RunningTransaction>& tx,
                                                     std::int64_t evse_max_tenths, int phases, int voltage) const {
    return smart::composite_schedule(profiles_,
                                     request_for(evse_id, start, duration, unit, tx, evse_max_tenths, phases, voltage));
}

bool apply_limit(const ChargingProfiles& profiles, int evse_id, std::chrono::sys_seconds now,
                 const std::optional<RunningTransaction>& tx, int phases, int voltage, MeterModel& meter,
                 std::optional<CurrentLimit>& in_force) {
    const auto next = profiles.limit(evse_id, now, tx, phases, voltage);
    if (next) {
        meter.set_limit(next->amps, next->phases);
    } else {
        meter.set_limit(std::nullopt);
    }
    if (next == in_force)
        return false;
    in_force = next;
    return true;
}

std::optional<std::string> refusal(const smart::ChargingProfile& profile, int evse_id, int evses,
                                   const std::optional<std::string>& running_transaction, ocpp::Version version) {
    if (auto problems = smart::validate(profile, evse_id, version); !problems.empty())
        return problems.front().field + ": " + problems.front().detail;
    if (evse_id < 0 || evse_id > evses)
        return "no such EVSE";
    switch (profile.purpose) {
    case smart::Purpose::StationMax:
        if (evse_id != 0)
            return "a station maximum profile goes on evse 0";
        break;
    case smart::Purpose::Tx:
        if (evse_id == 0)
            return "a TxProfile goes on an EVSE";
        if (!running_transaction)
            return "no transaction runs on that EVSE";
        if (profile.transaction_id && *profile.transaction_id != *running_transaction)
            return "the profile names another transaction";
        break;
    case smart::Purpose::TxDefault:
        break;
    }
    return std::nullopt;
}

} // namespace recarga::sim
