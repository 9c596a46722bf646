// Brute-force protection for operator logins: after `max_failures` failed attempts for one user name within
// `window`, further attempts for that name are refused until the window since the first counted failure has
// passed. A success clears the name's count. Pure bookkeeping with an injected clock (time points passed in).
//
// Concurrency contract: not synchronised; the manager's API runs on one thread. The count is per manager
// instance, so with M managers an attacker gets at most M * max_failures attempts per window.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace recarga::manager::auth {

class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;
    LoginThrottle(int max_failures = 5, std::chrono::seconds window = std::chrono::minutes(5),
                  std::size_t max_tracked = 100000)
        : max_failures_(max_failures), window_(window), max_tracked_(max_tracked) {}

    // Zero when an attempt for `key` may proceed now; otherwise how long until it may.
    std::chrono::seconds retry_after(const std::string& key, Clock::time_point now);
    void record_failure(const std::string& key, Clock::time_point now);
    void record_success(const std::string& key) { entries_.erase(key); }

private:
    struct Entry {
        int failures = 0;
        Clock::time_point first;
    };
    void prune(Clock::time_point now);
    int max_failures_;
    std::chrono::seconds window_;
    std::size_t max_tracked_;
    std::unordered_map<std::string, Entry> entries_;
};

} // namespace recarga::manager::auth
