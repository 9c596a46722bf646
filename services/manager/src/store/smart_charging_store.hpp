// Smart-charging aggregates (db/migrations/0080_smart_charging.sql): sites with their limits and stations, the
// allocation in force per site, and the charging profiles per station (sent by the manager or reported by the
// station). Writes happen inside the caller's transaction; the allocator and profile rules live in
// domain/smart_charging and never touch the database.
#pragma once

#include "domain/smart_charging/allocator.hpp"
#include "domain/smart_charging/charging_profile.hpp"

#include <cstdint>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace recarga::manager {

struct Site {
    std::string id;
    std::string name;
    std::optional<std::string> parent_id;
    smart::SiteLimit limit;
    std::int64_t fallback_limit_ma = 6000;
    std::string created_at; // RFC 3339, set by the store
    std::string updated_at;
};

struct SiteStation {
    std::string station_id;
    std::string site_id;
    std::int64_t evse_max_ma = 32000;
    std::int64_t min_ma = 6000;
    int phases = 3;
    int priority = 0;
};

// A charging session on a site's station: what the allocator needs, read from transactions and meter values.
struct SiteSession {
    std::string station_id;
    std::string protocol; // ocpp1.6, ocpp2.0.1, ...
    int evse_id = 0;
    std::string transaction_id;
    std::optional<std::int64_t> measured_ma; // latest Current.Import per phase of the transaction, if any
};

struct AllocationRow {
    std::string station_id;
    int evse_id = 0;
    std::string transaction_id;
    std::int64_t limit_ma = 0;
    std::string reason;
    std::optional<std::int64_t> profile_id;
    std::string status = "Pending"; // Pending, Accepted, Rejected, Failed
    std::string computed_at;
};

enum class SiteWrite { Done, NotFound, Conflict };

class SiteStore {
public:
    virtual ~SiteStore() = default;
    // Ordered by id, after `after` (a page's cursor), at most `limit`.
    virtual std::vector<Site> list(const std::optional<std::string>& after, long limit) = 0;
    virtual std::optional<Site> get(const std::string& id) = 0;
    virtual SiteWrite create(const Site& site) = 0; // Conflict: the id exists, or the parent does not
    virtual SiteWrite update(const Site& site) = 0;
    virtual SiteWrite remove(const std::string& id) = 0;
    // Adds or moves a station to a site (NotFound: no such site or station).
    virtual SiteWrite assign(const SiteStation& station) = 0;
    virtual SiteWrite unassign(const std::string& site_id, const std::string& station_id) = 0;
    virtual std::vector<SiteStation> stations(const std::string& site_id) = 0;
    virtual std::optional<std::string> site_of(const std::string& station_id) = 0;
    // Nested groups: the whole tree `site_id` belongs to, its root (the site without a parent) first, then every
    // group below it; empty when there is no such site.
    virtual std::vector<Site> tree(const std::string& site_id) = 0;
    // Active transactions on the site's stations, oldest first (the allocator's arrival order).
    virtual std::vector<SiteSession> sessions(const std::string& site_id) = 0;
    virtual std::vector<AllocationRow> allocation(const std::string& site_id) = 0;
    // Replaces the whole allocation of a site (rows of ended sessions disappear).
    virtual void replace_allocation(const std::string& site_id, const std::vector<AllocationRow>& rows) = 0;
    virtual void set_allocation_status(const std::string& site_id, const std::string& station_id, int evse_id,
                                       const std::string& status) = 0;
};

struct StoredProfile {
    std::string station_id;
    std::string source = "Csms"; // Csms: sent by the manager; Station: reported
    int evse_id = 0;
    smart::ChargingProfile profile;
    std::string status = "Pending"; // Pending, Accepted, Rejected, Failed, Cleared, Reported
    std::optional<std::string> limit_source;
    std::string updated_at;
};

class ChargingProfileStore {
public:
    virtual ~ChargingProfileStore() = default;
    // Inserts or replaces the profile of that id from that source.
    virtual void put(const StoredProfile& p) = 0;
    virtual void set_status(const std::string& station_id, const std::string& source, std::int64_t profile_id,
                            const std::string& status) = 0;
    virtual std::vector<StoredProfile> of_station(const std::string& station_id) = 0;
    // The profile of that source and id on each station of a site that has one (one query for a whole site).
    virtual std::vector<StoredProfile> on_site(const std::string& site_id, const std::string& source,
                                               std::int64_t profile_id) = 0;
    // Drops what a station reported earlier for an EVSE (before storing a fresh report of it).
    virtual void forget_reported(const std::string& station_id, int evse_id) = 0;
};

class PgSiteStore final : public SiteStore {
public:
    explicit PgSiteStore(pqxx::transaction_base& tx) : tx_(tx) {}
    std::vector<Site> list(const std::optional<std::string>& after, long limit) override;
    std::optional<Site> get(const std::string& id) override;
    SiteWrite create(const Site& site) override;
    SiteWrite update(const Site& site) override;
    SiteWrite remove(const std::string& id) override;
    SiteWrite assign(const SiteStation& station) override;
    SiteWrite unassign(const std::string& site_id, const std::string& station_id) override;
    std::vector<SiteStation> stations(const std::string& site_id) override;
    std::optional<std::string> site_of(const std::string& station_id) override;
    std::vector<Site> tree(const std::string& site_id) override;
    std::vector<SiteSession> sessions(const std::string& site_id) override;
    std::vector<AllocationRow> allocation(const std::string& site_id) override;
    void replace_allocation(const std::string& site_id, const std::vector<AllocationRow>& rows) override;
    void set_allocation_status(const std::string& site_id, const std::string& station_id, int evse_id,
                               const std::string& status) override;

private:
    pqxx::transaction_base& tx_;
};

class PgChargingProfileStore final : public ChargingProfileStore {
public:
    explicit PgChargingProfileStore(pqxx::transaction_base& tx) : tx_(tx) {}
    void put(const StoredProfile& p) override;
    void set_status(const std::string& station_id, const std::string& source, std::int64_t profile_id,
                    const std::string& status) override;
    std::vector<StoredProfile> of_station(const std::string& station_id) override;
    std::vector<StoredProfile> on_site(const std::string& site_id, const std::string& source,
                                       std::int64_t profile_id) override;
    void forget_reported(const std::string& station_id, int evse_id) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
