#include "load/load_manager.hpp"

#include "commands/command_client.hpp"
#include "load/site_plan.hpp"
#include "recarga/envelope/envelope.hpp"
#include "recarga/ocpp/version.hpp"
#include "store/smart_charging_store.hpp"
#include "store/station_owner.hpp"

#include <algorithm>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace recarga::manager {

namespace env = recarga::envelope;
using namespace std::chrono_literals;

namespace {

constexpr auto kDebounce = 300ms;
constexpr auto kMembershipRefresh = 5s; // how stale the station -> site map may be
constexpr std::int64_t kCommandTimeoutMs = 10000;
constexpr auto kRetry = 5s; // a site with an undelivered profile is recomputed (and sent) again after this

// One SetChargingProfile to send after the plan is stored.
struct Send {
    std::string station;
    int evse_id = 0;
    smart::ChargingProfile profile;
    StationOwner owner;
    bool allocation = true; // a session's TxProfile (else the station's fallback)
    std::string site;       // the group whose allocation row it carries
};

enum class Delivery { Accepted, Rejected, Offline, Failed };

std::string_view status_of(Delivery d) {
    return d == Delivery::Accepted ? "Accepted" : d == Delivery::Rejected ? "Rejected" : "Failed";
}

Delivery send_profile(const Config& config, const Send& s) {
    const auto version = ocpp::version_from_subprotocol(s.owner.protocol);
    if (!s.owner.connected || s.owner.gateway.empty() || !version)
        return Delivery::Offline;
    env::Envelope cmd;
    cmd.station = s.station;
    cmd.gateway = s.owner.gateway;
    cmd.connection = s.owner.connection;
    cmd.protocol = s.owner.protocol;
    cmd.action = "SetChargingProfile";
    cmd.timeout_ms = kCommandTimeoutMs;
    if (*version == ocpp::Version::v16) {
        auto req = smart::to_v16(s.profile, s.evse_id);
        if (!req.value)
            return Delivery::Rejected; // cannot be said to this station (e.g. a non-integer 1.6 transaction id)
        cmd.payload = ocpp::v16::to_json(*req.value);
    } else {
        auto req = smart::to_v201(s.profile, s.evse_id); // 2.1 shares the 2.0.1 payload
        if (!req.value)
            return Delivery::Rejected;
        cmd.payload = ocpp::v201::to_json(*req.value);
    }
    auto& client = CommandClient::shared(config);
    // Started with the first notice: give its broker connection a moment.
    for (int i = 0; i < 50 && !client.connected(); ++i)
        std::this_thread::sleep_for(100ms);
    auto result = client.send(std::move(cmd));
    if (result.outcome == env::outcome::kOffline)
        return Delivery::Offline;
    if (result.outcome != env::outcome::kResult) {
        spdlog::warn("station={} charging profile {} not delivered: {} {}", s.station, s.profile.id, result.outcome,
                     result.error_description);
        return Delivery::Failed;
    }
    const auto* status = result.payload.is_object() ? result.payload.get_object().if_contains("status") : nullptr;
    return status && status->is_string() && status->get_string() == "Accepted" ? Delivery::Accepted
                                                                               : Delivery::Rejected;
}

} // namespace

LoadManager::LoadManager(const Config& config) : config_(config) {
    thread_ = std::thread([this] { run(); });
}

LoadManager::~LoadManager() {
    stopping_.store(true);
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

LoadManager& LoadManager::shared(const Config& config) {
    CommandClient::shared(config); // constructed first, so destroyed after the LoadManager that uses it
    static LoadManager instance(config);
    return instance;
}

void LoadManager::stations_changed(const std::vector<std::string>& stations) {
    {
        std::lock_guard lock(mutex_);
        stations_.insert(stations.begin(), stations.end());
    }
    wake_.notify_one();
}

void LoadManager::site_changed(const std::string& site) {
    {
        std::lock_guard lock(mutex_);
        sites_.insert(site);
    }
    wake_.notify_one();
}

bool LoadManager::recompute(pqxx::connection& db, const std::string& site_id) {
    std::vector<Send> sends;
    {
        pqxx::work tx(db);
        PgSiteStore sites(tx);
        // A group is recomputed with its whole site: every level's limit holds at once.
        auto tree = sites.tree(site_id);
        if (tree.empty())
            return true;
        const std::string root = tree.front().id;
        tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('recarga.site:' || $1))", root);
        tree = sites.tree(root); // as it is under the lock
        if (tree.empty())
            return true;
        std::vector<SiteStation> stations;
        std::vector<SiteSession> sessions;
        std::vector<AllocationRow> in_force;
        for (const auto& group : tree) {
            for (auto& s : sites.stations(group.id))
                stations.push_back(std::move(s));
            for (auto& s : sites.sessions(group.id))
                sessions.push_back(std::move(s));
            for (auto& a : sites.allocation(group.id))
                in_force.push_back(std::move(a));
        }
        const auto plan = plan_tree(tree, stations, sessions, in_force);
        for (const auto& group : tree) {
            std::vector<AllocationRow> rows;
            for (std::size_t i = 0; i < plan.rows.size(); ++i)
                if (plan.groups[i] == group.id)
                    rows.push_back(plan.rows[i]);
            sites.replace_allocation(group.id, rows);
        }
        PgChargingProfileStore profiles(tx);
        auto queue = [&](const std::string& group, const std::string& station, int evse,
                         smart::ChargingProfile profile, bool allocation) {
            profiles.put({station, "Csms", evse, profile, "Pending", {}, {}});
            sends.push_back({station, evse, std::move(profile), station_owner(tx, station).value_or(StationOwner{}),
                             allocation, group});
        };
        // The safe default first: sessions that start before their TxProfile arrives begin at the fallback (of the
        // station's own group).
        for (const auto& group : tree) {
            const auto fallback = fallback_profile(group);
            std::map<std::string, StoredProfile> held;
            for (auto& p : profiles.on_site(group.id, "Csms", kFallbackProfileId))
                held.emplace(p.station_id, std::move(p));
            for (const auto& member : stations) {
                if (member.site_id != group.id)
                    continue;
                auto it = held.find(member.station_id);
                if (needs_install(it == held.end() ? std::nullopt : std::optional<StoredProfile>(it->second),
                                  fallback))
                    queue(group.id, member.station_id, 0, fallback, false);
            }
        }
        for (auto i : plan.to_send)
            queue(plan.groups[i], plan.rows[i].station_id, plan.rows[i].evse_id,
                  load_profile(plan.rows[i], plan.demands[i].phases), true);
        tx.commit();
        spdlog::info("site={} allocation of {} sessions in {} groups recomputed, {} profiles to send", root,
                     plan.rows.size(), tree.size(), sends.size());
    }
    bool delivered = true;
    for (const auto& s : sends) {
        const auto d = send_profile(config_, s);
        delivered = delivered && d != Delivery::Failed; // an offline station is served when it is heard of again
        const std::string status(status_of(d));
        pqxx::work tx(db);
        if (s.allocation)
            PgSiteStore(tx).set_allocation_status(s.site, s.station, s.evse_id, status);
        PgChargingProfileStore(tx).set_status(s.station, "Csms", s.profile.id, status);
        tx.commit();
    }
    return delivered;
}

void LoadManager::run() {
    std::optional<pqxx::connection> db;
    std::map<std::string, std::string> site_of; // station -> site
    auto refreshed = std::chrono::steady_clock::time_point{};
    while (!stopping_.load()) {
        std::set<std::string> stations, sites;
        {
            std::unique_lock lock(mutex_);
            auto ready = [&] { return stopping_.load() || !stations_.empty() || !sites_.empty(); };
            if (retry_.empty()) {
                wake_.wait(lock, ready);
            } else {
                auto first = std::min_element(retry_.begin(), retry_.end(),
                                              [](const auto& a, const auto& b) { return a.second < b.second; });
                wake_.wait_until(lock, first->second, ready);
            }
            if (stopping_.load())
                return;
            const auto now = std::chrono::steady_clock::now();
            for (auto it = retry_.begin(); it != retry_.end();) {
                if (it->second <= now) {
                    sites_.insert(it->first);
                    it = retry_.erase(it);
                } else {
                    ++it;
                }
            }
            if (stations_.empty() && sites_.empty())
                continue;
        }
        std::this_thread::sleep_for(kDebounce);
        {
            std::lock_guard lock(mutex_);
            stations.swap(stations_);
            sites.swap(sites_);
        }
        try {
            if (!db || !db->is_open())
                db.emplace(config_.pg_url);
            if (std::chrono::steady_clock::now() - refreshed > kMembershipRefresh || !sites.empty()) {
                pqxx::read_transaction tx(*db);
                site_of.clear();
                for (const auto& row : tx.exec("SELECT station_id, site_id FROM site_stations"))
                    site_of[row[0].as<std::string>()] = row[1].as<std::string>();
                refreshed = std::chrono::steady_clock::now();
            }
            for (const auto& st : stations)
                if (auto it = site_of.find(st); it != site_of.end())
                    sites.insert(it->second);
            for (const auto& site : sites) {
                if (!recompute(*db, site)) {
                    std::lock_guard lock(mutex_);
                    retry_[site] = std::chrono::steady_clock::now() + kRetry;
                }
            }
        } catch (const std::exception& e) {
            spdlog::warn("load management: {}", e.what());
            db.reset();
            std::this_thread::sleep_for(1s);
        }
    }
}

} // namespace recarga::manager
