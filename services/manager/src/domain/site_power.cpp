#include "domain/site_power.hpp"

#include <algorithm>

namespace recarga::manager {

namespace {

// Floor division for negative times too (before 1970).
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

std::variant<PowerWindow, std::string> power_window(std::optional<std::int64_t> from_s, std::int64_t to_s,
                                                    std::int64_t bucket_s) {
    if (bucket_s < 1 || bucket_s > kMaxPowerBucketSeconds)
        return "bucket must be 1 to " + std::to_string(kMaxPowerBucketSeconds) + " seconds";
    PowerWindow w;
    w.bucket_s = bucket_s;
    w.to_s = -floor_div(-to_s, bucket_s) * bucket_s; // ceiling
    if (!from_s)
        from_s = w.to_s - std::max(kDefaultPowerWindowSeconds, bucket_s); // at least the bucket holding the end
    if (to_s <= *from_s)
        return std::string("to must be after from");
    w.from_s = floor_div(*from_s, bucket_s) * bucket_s;
    if (w.buckets() > kMaxPowerBuckets) {
        return "the range holds " + std::to_string(w.buckets()) + " buckets, at most " +
               std::to_string(kMaxPowerBuckets) + " are allowed: choose a larger bucket or a shorter range";
    }
    return w;
}

std::int64_t limit_watts(const smart::SiteLimit& limit) {
    if (limit.kind == smart::SiteLimit::Kind::Power)
        return limit.value;
    return limit.value * limit.voltage * 3 / 1000;
}

} // namespace recarga::manager
