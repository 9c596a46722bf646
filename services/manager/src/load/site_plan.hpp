// One recomputation of a site's load management, as a pure step: from the site, its stations, the sessions running
// on them and the allocation in force, the new allocation and the sessions that need a new TxProfile (those whose
// limit moved, started or stopped being paused, or whose last profile was not delivered; a refused one is not sent
// again until its limit moves). The LoadManager (load_manager.hpp)
// reads the inputs, sends the profiles and stores the result.
#pragma once

#include "domain/smart_charging/allocator.hpp"
#include "domain/smart_charging/charging_profile.hpp"
#include "store/smart_charging_store.hpp"

#include <optional>
#include <vector>

namespace recarga::manager {

// The TxProfile the load manager installs: one id per EVSE (a new one replaces the old), a stack level above the
// operator's usual profiles, Relative (from the transaction's start), one period in A.
inline constexpr std::int64_t kLoadProfileIdBase = 900000;
inline constexpr std::int64_t kLoadStackLevel = 8;
// Limits that move by less than this are not sent again.
inline constexpr std::int64_t kResendThresholdMa = 100;

struct SitePlan {
    std::vector<AllocationRow> rows;           // the whole new allocation
    std::vector<std::size_t> to_send;          // indices into rows
    std::vector<smart::SessionDemand> demands; // what the allocator was given, in rows' order
    std::vector<std::string> groups;           // the group (site) each row belongs to, in rows' order
};

SitePlan plan_site(const Site& site, const std::vector<SiteStation>& stations, const std::vector<SiteSession>& sessions,
                   const std::vector<AllocationRow>& in_force, const smart::AllocatorOptions& options = {});
// Nested groups: `tree` is a site and every group below it (root first, as SiteStore::tree gives it); stations,
// sessions and allocation rows are those of all its groups. Every group's limit holds (smart::allocate over groups).
// to_send lists decreases before increases (a new session counts from its group's fallback).
SitePlan plan_tree(const std::vector<Site>& tree, const std::vector<SiteStation>& stations,
                   const std::vector<SiteSession>& sessions, const std::vector<AllocationRow>& in_force,
                   const smart::AllocatorOptions& options = {});

// The profile carrying `row`'s limit (rounded down to 0.1 A) for a session using `phases` phases.
smart::ChargingProfile load_profile(const AllocationRow& row, int phases);

// The safe default of a site's stations: a TxDefaultProfile on evse 0 at the site's fallback limit, so that a session
// starts (and stays, when the central system cannot reach the station) at that limit until its TxProfile arrives.
inline constexpr std::int64_t kFallbackProfileId = kLoadProfileIdBase - 1;
smart::ChargingProfile fallback_profile(const Site& site);
// Whether `installed` (what the store says the station holds under that id) is not yet `wanted`.
bool needs_install(const std::optional<StoredProfile>& installed, const smart::ChargingProfile& wanted);

} // namespace recarga::manager
