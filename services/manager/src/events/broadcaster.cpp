#include "events/broadcaster.hpp"

#include <algorithm>
#include <charconv>
#include <random>

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

namespace recarga::manager::events {

namespace {

std::string random_epoch() {
    std::random_device rd;
    return fmt::format("{:08x}", rd());
}

// The sequence number of "<epoch>-<seq>" when the epoch is ours.
std::optional<std::uint64_t> own_seq(std::string_view id, std::string_view epoch) {
    if (id.size() <= epoch.size() + 1 || !id.starts_with(epoch) || id[epoch.size()] != '-') {
        return std::nullopt;
    }
    const auto digits = id.substr(epoch.size() + 1);
    std::uint64_t seq = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
    if (ec != std::errc{} || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return seq;
}

constexpr std::string_view kResyncFrame = "event: resync\ndata: {}\n\n";

} // namespace

Broadcaster::Broadcaster(std::size_t history, std::size_t max_queued, std::string epoch)
    : history_(history), max_queued_(max_queued), epoch_(epoch.empty() ? random_epoch() : std::move(epoch)) {}

std::shared_ptr<Broadcaster::Subscriber> Broadcaster::subscribe(StationFilter filter, std::string_view last_event_id,
                                                                std::function<void()> wake) {
    auto s = std::make_shared<Subscriber>();
    s->filter = std::move(filter);
    s->wake = std::move(wake);
    if (!last_event_id.empty()) {
        const auto seq = own_seq(last_event_id, epoch_);
        // Resumable: one of our ids, not in the future, and nothing after it has left the history yet.
        const std::uint64_t oldest = kept_.empty() ? seq_ + 1 : kept_.front().seq;
        if (seq && *seq <= seq_ && *seq + 1 >= oldest) {
            for (const auto& k : kept_) {
                if (k.seq > *seq && s->filter.matches(k.station)) {
                    push(*s, k.frame);
                }
            }
        } else {
            push(*s, std::string(kResyncFrame));
        }
    }
    subs_.push_back(s);
    return s;
}

void Broadcaster::unsubscribe(const std::shared_ptr<Subscriber>& s) {
    std::erase(subs_, s);
}

void Broadcaster::push(Subscriber& s, const std::string& frame) {
    if (s.overflowed) {
        return;
    }
    if (s.frames.size() >= max_queued_) {
        s.overflowed = true;
        s.frames.clear();
        return;
    }
    s.frames.push_back(frame);
}

void Broadcaster::deliver(const std::vector<boost::json::object>& events) {
    std::vector<Subscriber*> woken;
    for (const auto& e : events) {
        const auto* type = e.if_contains("type");
        const auto* station = e.if_contains("stationId");
        if (type == nullptr || station == nullptr || !type->is_string() || !station->is_string()) {
            continue;
        }
        const std::string st(station->get_string());
        ++seq_;
        Kept k{seq_, st, sse_frame(fmt::format("{}-{}", epoch_, seq_), type->get_string(), boost::json::serialize(e))};
        for (const auto& s : subs_) {
            if (s->filter.matches(st)) {
                push(*s, k.frame);
                if (std::find(woken.begin(), woken.end(), s.get()) == woken.end()) {
                    woken.push_back(s.get());
                }
            }
        }
        kept_.push_back(std::move(k));
        if (kept_.size() > history_) {
            kept_.pop_front();
        }
    }
    for (auto* s : woken) {
        if (s->wake) {
            s->wake();
        }
    }
}

void Broadcaster::close_all() {
    for (const auto& s : subs_) {
        s->overflowed = true;
        s->frames.clear();
        if (s->wake) {
            s->wake();
        }
    }
}

} // namespace recarga::manager::events
