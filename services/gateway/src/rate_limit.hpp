// Per-station message-rate limit: a token bucket counted in thousandths of a message (no floating point), so
// that one station flooding CALLs cannot take the gateway's or the manager's capacity from the others.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace recarga::gateway {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // `per_second` messages on average, bursts of up to `burst`; per_second 0 allows everything.
    RateLimiter(std::int64_t per_second, std::int64_t burst, Clock::time_point now)
        : per_second_(per_second), capacity_(std::max<std::int64_t>(burst, 1) * 1000), tokens_(capacity_), last_(now) {}

    // True when a message may pass at `now` (and takes its token).
    bool allow(Clock::time_point now) {
        if (per_second_ <= 0) {
            return true;
        }
        const auto elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(now - last_).count();
        if (elapsed_us > 0) {
            tokens_ = std::min(capacity_, tokens_ + elapsed_us * per_second_ / 1000);
            last_ = now;
        }
        if (tokens_ < 1000) {
            return false;
        }
        tokens_ -= 1000;
        return true;
    }

private:
    std::int64_t per_second_;
    std::int64_t capacity_;
    std::int64_t tokens_;
    Clock::time_point last_;
};

} // namespace recarga::gateway
