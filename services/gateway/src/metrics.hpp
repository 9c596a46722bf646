// The gateway's /metrics in the Prometheus text exposition format (version 0.0.4), written by hand: counters
// by label, and fixed-bucket histograms whose observe() is safe from any thread (the broker publisher records
// its lag from its own thread while the socket thread renders).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::gateway {

class Histogram {
public:
    // Upper bounds in seconds, the last bucket (+Inf) implied.
    static constexpr std::array<double, 12> kBounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
    void observe(std::chrono::microseconds d) noexcept;
    // Appends the _bucket, _sum and _count series; `labels` is `key="value",...` or empty.
    void render(std::string& out, std::string_view name, std::string_view labels) const;

private:
    std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
    std::atomic<std::uint64_t> sum_us_{0};
};

// A `# HELP`/`# TYPE` header.
void metric_header(std::string& out, std::string_view name, std::string_view type, std::string_view help);
// One sample line: name{labels} value.
void metric_sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t value);
// A counter family with one label, one sample per key (label values escaped).
void metric_counter_family(std::string& out, std::string_view name, std::string_view help, std::string_view label,
                           const std::map<std::string, std::uint64_t, std::less<>>& values);
// A label value escaped per the exposition format (\\, \" and \n).
std::string escape_label(std::string_view v);

} // namespace recarga::gateway
