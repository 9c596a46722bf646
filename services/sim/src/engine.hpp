// The simulation engine: runs the simulated stations over Boost.Beast WebSockets until a stop condition.
//
// Threads: `Options::threads` event-loop threads, each with its own io_context; station i lives on thread
// i % threads for its whole life, so a station and everything it owns (socket, timers, transactions) is
// touched by one thread only and needs no strand or lock. The calling thread is the control thread: it
// handles SIGINT/SIGTERM, the --duration / --calls / boot-storm stop conditions and the progress line,
// reading only the relaxed atomics of LiveCounters. On stop it asks every station (on its own thread) to
// close its socket with a normal close frame, waits up to a grace period, then joins the threads and merges
// their Stats.
//
// All Beast/Asio code of the simulator is in engine.cpp, the only translation unit that includes it.
#pragma once

#include <functional>

#include "options.hpp"
#include "stats.hpp"

namespace recarga::sim {

struct RunResult {
    Stats stats;
    RunInfo info;
};

// Blocks until the run is over. Installs SIGINT/SIGTERM handlers for its duration when `handle_signals`.
RunResult run_simulation(const Options& options, bool handle_signals = true);

} // namespace recarga::sim
