#include "domain/login_throttle.hpp"

#include <iterator>

namespace recarga::manager::auth {

std::chrono::seconds LoginThrottle::retry_after(const std::string& key, Clock::time_point now) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        return std::chrono::seconds(0);
    }
    if (now - it->second.first >= window_) {
        entries_.erase(it);
        return std::chrono::seconds(0);
    }
    if (it->second.failures < max_failures_) {
        return std::chrono::seconds(0);
    }
    auto left = std::chrono::ceil<std::chrono::seconds>(window_ - (now - it->second.first));
    return left.count() > 0 ? left : std::chrono::seconds(1);
}

void LoginThrottle::record_failure(const std::string& key, Clock::time_point now) {
    auto it = entries_.find(key);
    if (it == entries_.end() || now - it->second.first >= window_) {
        if (entries_.size() >= max_tracked_) {
            prune(now); // bounded memory: a flood of made-up names cannot grow the table without end
        }
        entries_[key] = Entry{1, now};
        return;
    }
    ++it->second.failures;
}

void LoginThrottle::prune(Clock::time_point now) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        it = now - it->second.first >= window_ ? entries_.erase(it) : std::next(it);
    }
    while (entries_.size() >= max_tracked_) {
        entries_.erase(entries_.begin());
    }
}

} // namespace recarga::manager::auth
