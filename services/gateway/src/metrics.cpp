#include "metrics.hpp"

#include <cstdio>

namespace recarga::gateway {

void Histogram::observe(std::chrono::microseconds d) noexcept {
    const auto us = d.count() < 0 ? 0 : static_cast<std::uint64_t>(d.count());
    const double s = static_cast<double>(us) / 1e6;
    std::size_t i = 0;
    while (i < kBounds.size() && s > kBounds[i]) {
        ++i;
    }
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    sum_us_.fetch_add(us, std::memory_order_relaxed);
}

void Histogram::render(std::string& out, std::string_view name, std::string_view labels) const {
    const std::string sep = labels.empty() ? "" : ",";
    std::uint64_t cumulative = 0;
    char le[32];
    for (std::size_t i = 0; i <= kBounds.size(); ++i) {
        cumulative += buckets_[i].load(std::memory_order_relaxed);
        if (i < kBounds.size()) {
            std::snprintf(le, sizeof le, "%g", kBounds[i]);
        } else {
            std::snprintf(le, sizeof le, "+Inf");
        }
        metric_sample(out, std::string(name) + "_bucket", std::string(labels) + sep + "le=\"" + le + "\"",
                      cumulative);
    }
    char sum[48];
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(sum_us_.load(std::memory_order_relaxed)) / 1e6);
    out += std::string(name) + "_sum" + (labels.empty() ? "" : "{" + std::string(labels) + "}") + " " + sum + "\n";
    metric_sample(out, std::string(name) + "_count", labels, cumulative);
}

void metric_header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void metric_sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t value) {
    out += name;
    if (!labels.empty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    out += std::to_string(value);
    out += '\n';
}

void metric_counter_family(std::string& out, std::string_view name, std::string_view help, std::string_view label,
                           const std::map<std::string, std::uint64_t, std::less<>>& values) {
    metric_header(out, name, "counter", help);
    for (const auto& [key, v] : values) {
        metric_sample(out, name, std::string(label) + "=\"" + escape_label(key) + "\"", v);
    }
}

std::string escape_label(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace recarga::gateway
