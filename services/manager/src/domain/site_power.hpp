// The power a site actually draws, as a chart over time (GET /api/v1/sites/{siteId}/power): the window of buckets a
// request asks for, checked and aligned, and the site's limit in watts for the chart's limit line. Pure; the
// store (store/site_power_store.hpp) sums the stations' meter values into the buckets.
//
// Buckets are aligned to the epoch (a bucket of b seconds starts at a multiple of b since 1970-01-01T00:00:00Z), so
// that the same bucket always covers the same time whatever window asks for it: the window's start is moved down
// and its end up to bucket boundaries. A window holds at most kMaxPowerBuckets buckets.
#pragma once

#include "domain/smart_charging/allocator.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace recarga::manager {

inline constexpr std::int64_t kDefaultPowerBucketSeconds = 60;
inline constexpr std::int64_t kDefaultPowerWindowSeconds = 3600;
inline constexpr std::int64_t kMaxPowerBuckets = 1440;
inline constexpr std::int64_t kMaxPowerBucketSeconds = 86400;

struct PowerWindow {
    std::int64_t from_s = 0; // epoch seconds, a multiple of bucket_s
    std::int64_t to_s = 0;   // exclusive, a multiple of bucket_s
    std::int64_t bucket_s = kDefaultPowerBucketSeconds;
    std::int64_t buckets() const { return (to_s - from_s) / bucket_s; }
};

// The aligned window of [from_s, to_s) in buckets of bucket_s seconds, or why it is refused: an empty or inverted
// range, a bucket outside 1..kMaxPowerBucketSeconds, more than kMaxPowerBuckets buckets. Without from_s: the
// kDefaultPowerWindowSeconds (at least one bucket) before the aligned end.
std::variant<PowerWindow, std::string> power_window(std::optional<std::int64_t> from_s, std::int64_t to_s,
                                                    std::int64_t bucket_s);

// A limit in watts: a Power limit as it is; a current per phase (mA) times the nominal phase voltage times three
// phases (a site's grid connection is three-phase), rounded down.
std::int64_t limit_watts(const smart::SiteLimit& limit);

} // namespace recarga::manager
