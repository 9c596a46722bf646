#include "backoff.hpp"

#include <algorithm>
#include <cmath>

namespace recarga::sim {

std::chrono::milliseconds Backoff::ceiling() const noexcept {
    const double initial = static_cast<double>(policy_.initial.count());
    const double max = static_cast<double>(policy_.max.count());
    const double grown = initial * std::pow(std::max(policy_.multiplier, 1.0), static_cast<double>(attempt_));
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::min(grown, max)));
}

std::chrono::milliseconds Backoff::next() {
    const auto ceil = ceiling().count();
    if (attempt_ < 64) {
        ++attempt_;
    }
    if (ceil <= 0) {
        return std::chrono::milliseconds(0);
    }
    std::uniform_int_distribution<std::int64_t> dist(ceil / 2, ceil);
    return std::chrono::milliseconds(dist(rng_));
}

} // namespace recarga::sim
