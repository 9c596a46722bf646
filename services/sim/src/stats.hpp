// What the simulator measures, and the report it prints.
//
// Two layers, for two readers:
//  * Stats: full detail (latency histograms per action, CALLERRORs by code, connection outcomes). One
//    instance per event-loop thread, written only by that thread; the per-thread instances are merged
//    after the threads have stopped, so no locking is needed on the hot path.
//  * LiveCounters: a handful of relaxed atomics shared by all threads, read by the progress line and by the
//    stop conditions (--calls, boot storm complete) while the run is going on.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include <boost/json/object.hpp>

#include "histogram.hpp"
#include "options.hpp"

namespace recarga::sim {

struct ActionStats {
    std::uint64_t sent = 0;
    std::uint64_t ok = 0;       // CALLRESULT received
    std::uint64_t errors = 0;   // CALLERROR received
    std::uint64_t timeouts = 0; // no answer within --call-timeout
    std::uint64_t aborted = 0;  // the socket closed while the call was outstanding
    std::map<std::string, std::uint64_t> error_codes;
    Histogram latency_us; // CALLRESULT and CALLERROR answers, from the send to the answer

    void merge(const ActionStats& o);
};

struct Stats {
    std::map<std::string, ActionStats> actions;        // CALLs the stations sent
    std::map<std::string, std::uint64_t> incoming;     // CALLs the CSMS sent, by action
    std::map<std::string, std::uint64_t> incoming_errors; // ... answered with a CALLERROR, by code
    std::uint64_t connect_attempts = 0;
    std::uint64_t connects = 0; // upgraded WebSockets
    std::map<std::string, std::uint64_t> connect_failures; // by stage: resolve, bind, tcp, handshake, timeout
    std::uint64_t disconnects = 0; // established connections that dropped (not closed by us)
    std::uint64_t boots_accepted = 0;
    std::uint64_t boots_pending = 0;
    std::uint64_t boots_rejected = 0;
    std::uint64_t sessions_started = 0;
    std::uint64_t sessions_completed = 0;
    std::uint64_t unmatched_results = 0; // answers to no outstanding call (late after timeout, or wrong id)
    std::uint64_t bad_frames = 0;        // frames from the CSMS that did not parse
    std::uint64_t late_sends = 0;        // open loop: calls sent more than 1 ms after their slot
    Histogram connect_us;                // TCP connect
    Histogram handshake_us;              // TCP connect + WebSocket upgrade

    ActionStats& action(const std::string& name) { return actions[name]; }
    void merge(const Stats& o);
};

// Shared between threads; every access is relaxed (the values are statistics, not synchronisation).
struct LiveCounters {
    std::atomic<std::uint64_t> calls_sent{0};
    std::atomic<std::uint64_t> calls_done{0}; // answered, failed, timed out or aborted
    std::atomic<std::uint64_t> call_errors{0};
    std::atomic<std::uint64_t> timeouts{0};
    std::atomic<std::int64_t> connected{0};
    std::atomic<std::uint64_t> booted{0}; // stations whose first BootNotification was accepted
    std::atomic<std::uint64_t> connect_failures{0};
    std::atomic<std::int64_t> last_boot_ns{0}; // steady-clock time of the last first-boot acceptance
};

struct RunInfo {
    double elapsed_s = 0.0;
    double time_to_all_booted_s = -1.0; // -1 when not every station was accepted
    std::uint64_t stations_booted = 0;
};

boost::json::object make_report(const Options& o, const Stats& s, const RunInfo& run);
std::string make_summary(const Options& o, const Stats& s, const RunInfo& run);

} // namespace recarga::sim
