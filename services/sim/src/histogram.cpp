#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace recarga::sim {

namespace {
constexpr std::uint64_t kSubCount = std::uint64_t{1} << Histogram::kSubBucketBits; // 128
constexpr std::uint64_t kHalf = kSubCount / 2;                                     // 64
} // namespace

std::size_t Histogram::bucket_index(std::uint64_t v) noexcept {
    v = std::min(v, kMaxValue);
    if (v < kSubCount) {
        return static_cast<std::size_t>(v);
    }
    // shift >= 1; v >> shift lies in [64, 127]; consecutive octaves occupy consecutive 64-wide ranges.
    const unsigned shift = static_cast<unsigned>(std::bit_width(v)) - kSubBucketBits;
    return static_cast<std::size_t>(shift * kHalf + (v >> shift));
}

std::uint64_t Histogram::bucket_lowest(std::size_t index) noexcept {
    if (index < kSubCount) {
        return index;
    }
    const std::uint64_t shift = (index - kHalf) / kHalf;
    const std::uint64_t sub = index - shift * kHalf;
    return sub << shift;
}

std::uint64_t Histogram::bucket_highest(std::size_t index) noexcept {
    if (index < kSubCount) {
        return index;
    }
    const std::uint64_t shift = (index - kHalf) / kHalf;
    const std::uint64_t sub = index - shift * kHalf;
    return ((sub + 1) << shift) - 1;
}

Histogram::Histogram() : counts_(bucket_index(kMaxValue) + 1, 0) {}

void Histogram::record(std::uint64_t value_us) noexcept {
    value_us = std::min(value_us, kMaxValue);
    ++counts_[bucket_index(value_us)];
    ++count_;
    sum_ += value_us;
    min_ = std::min(min_, value_us);
    max_ = std::max(max_, value_us);
}

void Histogram::merge(const Histogram& other) {
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        counts_[i] += other.counts_[i];
    }
    count_ += other.count_;
    sum_ += other.sum_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
}

void Histogram::reset() noexcept {
    std::fill(counts_.begin(), counts_.end(), 0);
    count_ = sum_ = max_ = 0;
    min_ = ~std::uint64_t{0};
}

std::uint64_t Histogram::percentile(double percent) const noexcept {
    if (count_ == 0) {
        return 0;
    }
    percent = std::clamp(percent, 0.0, 100.0);
    // Rank of the value asked for, 1-based; at least the first value.
    auto rank = static_cast<std::uint64_t>(std::ceil(percent / 100.0 * static_cast<double>(count_)));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            return std::clamp(bucket_highest(i), min(), max_);
        }
    }
    return max_;
}

} // namespace recarga::sim
