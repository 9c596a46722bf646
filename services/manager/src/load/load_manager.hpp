// Site load management at run time: recomputes a site's allocation when a session starts or stops or reports its
// meter values on one of its stations (the lane workers call stations_changed() after their commit), or when the site
// itself changes (the API calls site_changed()), and sends a TxProfile to each session whose limit changed.
//
// Concurrency contract: stations_changed() and site_changed() may be called from any thread and never block on the
// database or a station; one thread of the LoadManager does the work, a short debounce after the first notice (so that
// a burst of starts costs one recomputation and a station has its StartTransaction answer before its profile). Several
// managers may run one each: a PostgreSQL advisory lock per site serialises the recomputations, and a manager sends
// only what differs from the allocation another one stored. Each station of a site also gets the site's fallback as
// a TxDefaultProfile (site_plan.hpp), its safe default when it cannot reach the central system. A profile a station
// did not answer is sent again 5 s later; an offline station's at the next recomputation after it is heard of
// (its meter values, a new session); a refused one only when it changes.
#pragma once

#include "config.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <pqxx/connection>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace recarga::manager {

class LoadManager {
public:
    explicit LoadManager(const Config& config);
    ~LoadManager();
    LoadManager(const LoadManager&) = delete;
    LoadManager& operator=(const LoadManager&) = delete;

    // The process-wide instance, started on first use.
    static LoadManager& shared(const Config& config);

    void stations_changed(const std::vector<std::string>& stations);
    void site_changed(const std::string& site);

    // Recomputes one site now, on the caller's thread and connection; false when a profile was not delivered.
    bool recompute(pqxx::connection& db, const std::string& site);

private:
    void run();

    const Config& config_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::set<std::string> stations_;
    std::set<std::string> sites_;
    std::map<std::string, std::chrono::steady_clock::time_point> retry_; // sites to recompute again, and when
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace recarga::manager
