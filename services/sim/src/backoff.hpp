// Reconnect delays: exponential backoff with "equal jitter".
//
// Attempt n (0-based) waits a random time in [d/2, d] where d = min(max, initial * multiplier^n). Half the
// delay is guaranteed, so a fleet that lost its gateway does not hammer it, and the other half is spread
// at random, so thousands of stations do not come back in the same millisecond. reset() after a connection
// has been accepted starts again from `initial`.
//
// Concurrency: a Backoff belongs to one station and is used from that station's thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

#include "random.hpp"

namespace recarga::sim {

struct BackoffPolicy {
    std::chrono::milliseconds initial{1000};
    std::chrono::milliseconds max{60000};
    double multiplier = 2.0;
};

class Backoff {
public:
    Backoff(BackoffPolicy policy, std::uint64_t seed) : policy_(policy), rng_(make_rng(seed)) {}

    // The delay to wait before the next attempt; advances the attempt counter.
    std::chrono::milliseconds next();
    // The upper bound of the delay of the next attempt, without jitter.
    std::chrono::milliseconds ceiling() const noexcept;
    void reset() noexcept { attempt_ = 0; }
    unsigned attempt() const noexcept { return attempt_; }

private:
    BackoffPolicy policy_;
    std::minstd_rand rng_;
    unsigned attempt_ = 0;
};

} // namespace recarga::sim
