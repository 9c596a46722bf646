// A latency histogram with logarithmic buckets in the manner of HdrHistogram.
//
// Values are recorded in microseconds. Each power-of-two range is split into 64 equal sub-buckets (128 below
// 128 µs, where every microsecond has its own bucket), so any recorded value is known to within 1/64 (< 1.6 %)
// of itself; the range goes up to 2^40 µs (about 12 days), larger values are clamped. The exact minimum,
// maximum, count and sum are kept beside the buckets. percentile() answers with the highest value that is
// equivalent to the bucket holding the rank (capped at the exact maximum), as HdrHistogram does.
//
// Concurrency: a Histogram is a plain value with no internal locking; one thread records into it. Histograms
// of several threads are combined with merge() after those threads have stopped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace recarga::sim {

class Histogram {
public:
    static constexpr unsigned kSubBucketBits = 7; // 128 sub-buckets, 64 per octave above the first
    static constexpr std::uint64_t kMaxValue = (std::uint64_t{1} << 40) - 1;

    Histogram();

    void record(std::uint64_t value_us) noexcept;
    void merge(const Histogram& other);
    void reset() noexcept;

    std::uint64_t count() const noexcept { return count_; }
    std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
    std::uint64_t max() const noexcept { return max_; }
    double mean() const noexcept { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }

    // The value at or below which `percent` (0..100] of the recorded values lie; 0 when empty.
    std::uint64_t percentile(double percent) const noexcept;

    // Bucket layout, public for tests.
    static std::size_t bucket_index(std::uint64_t value) noexcept;
    static std::uint64_t bucket_lowest(std::size_t index) noexcept;
    static std::uint64_t bucket_highest(std::size_t index) noexcept;

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t min_ = ~std::uint64_t{0};
    std::uint64_t max_ = 0;
};

} // namespace recarga::sim
