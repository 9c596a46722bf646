// Site load management: how a site's grid limit is shared among the charging sessions running on it. Pure; the
// manager feeds it the sessions of a site and sends TxProfiles where the result differs from what is in force.
//
// The limit is either a current per phase (each of L1, L2, L3 carries at most that many mA) or a power (the sum of
// current x phases x nominal voltage stays under it). A session using n phases loads L1..Ln (the conservative
// assumption without phase-rotation data: every session loads L1).
//
// Allocation, in integer mA per phase:
//   1. Demand: a session may take up to its EVSE's maximum; when its meter shows it drawing clearly less than it was
//      offered (the car limits itself), up to what it draws plus a headroom, never below its minimum.
//   2. Admission: sessions are taken by priority (higher first), then in the given order (arrival); each is admitted
//      at its minimum current if that still fits under the limit, otherwise it is paused (0 A): a session never gets
//      a current between 0 and its minimum.
//   3. Sharing: priority by priority, the remaining capacity is shared max-min fairly (water filling): the admitted
//      sessions of a priority rise together from their minimums until each hits its demand or a limit it loads is
//      full. Sessions of lower priority share only what higher ones leave. What a self-limited car does not take is
//      thus redistributed to the others.
// Nested limits: a site may hold groups (a feeder, and stations under it), each with a limit of its own. A session
// loads its station's group and every group above it; the allocation is the same water filling with one constraint
// per group and phase, so no group's limit is ever exceeded, and what a full feeder leaves goes to the others.
// The result is exactly fair among equal sessions of a priority: equal current unless one is held by its own demand
// or its minimum; at most (number of sessions - 1) mA of a limit stay unused by rounding.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager::smart {

struct SiteLimit {
    enum class Kind { CurrentPerPhase, Power };
    Kind kind = Kind::CurrentPerPhase;
    std::int64_t value = 0; // mA per phase, or W
    int voltage = 230;      // nominal phase voltage for Power limits

    static SiteLimit current_ma(std::int64_t ma) { return {Kind::CurrentPerPhase, ma, 230}; }
    static SiteLimit power_w(std::int64_t w, int voltage = 230) { return {Kind::Power, w, voltage}; }
};

struct SessionDemand {
    std::string id;
    int priority = 0; // higher first
    int phases = 3;   // 1..3
    std::int64_t evse_max_ma = 32000;
    std::int64_t min_ma = 6000;
    std::optional<std::int64_t> measured_ma; // present draw per phase
    std::optional<std::int64_t> offered_ma;  // the limit in force when it was measured
    std::string group;                       // nested limits: the group its station belongs to
};

// A site or a group inside it, with its limit; parent: the group it belongs to (none for the site itself).
struct GroupLimit {
    std::string id;
    std::optional<std::string> parent;
    SiteLimit limit;
};

struct AllocatorOptions {
    std::int64_t headroom_ma = 1000; // a self-limited car is offered what it draws plus this
};

enum class AllocationReason {
    Invalid, // paused: the demand makes no sense (phases not 1..3, negative or inverted bounds)
    Paused,  // its minimum did not fit under the limit
    EvseMax, // got all its EVSE allows
    Demand,  // got all it draws (plus headroom)
    Shared,  // held by the site limit, at the fair share
    Minimum, // held at its minimum by the site limit (its minimum is above the fair share)
};
std::string_view to_string(AllocationReason r) noexcept;

struct Allocation {
    std::string id;
    std::int64_t limit_ma = 0; // 0: paused
    AllocationReason reason = AllocationReason::Paused;

    bool operator==(const Allocation&) const = default;
};

// The most a session may take (step 1 above); 0 for an invalid demand.
std::int64_t demand_cap(const SessionDemand& s, const AllocatorOptions& options);
bool valid_demand(const SessionDemand& s);

// One allocation per session, in the order given.
std::vector<Allocation> allocate(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                                 const AllocatorOptions& options = {});

// The same under nested limits: a session of a group not in `groups` is Invalid (paused); a parent not in `groups`
// ends the chain, as does a cycle.
std::vector<Allocation> allocate(const std::vector<GroupLimit>& groups, const std::vector<SessionDemand>& sessions,
                                 const AllocatorOptions& options = {});

// The load `allocations` put on the site: per phase (mA) for a current limit, total (mW) for a power limit; and the
// capacity in the same terms. Used by the allocator and by whoever checks it.
struct SiteLoad {
    std::vector<std::int64_t> load;
    std::int64_t capacity = 0;
};
SiteLoad site_load(const SiteLimit& limit, const std::vector<SessionDemand>& sessions,
                   const std::vector<Allocation>& allocations);
// The load on each group of `groups` (in that order), counting the sessions in it and below it.
std::vector<SiteLoad> group_loads(const std::vector<GroupLimit>& groups, const std::vector<SessionDemand>& sessions,
                                  const std::vector<Allocation>& allocations);

// The sessions whose limit moved by at least `threshold_ma` (or started/stopped being paused) against what is in
// force: the only ones that need a new profile.
std::vector<Allocation> changed(const std::map<std::string, std::int64_t>& in_force,
                                const std::vector<Allocation>& next, std::int64_t threshold_ma = 100);

} // namespace recarga::manager::smart
