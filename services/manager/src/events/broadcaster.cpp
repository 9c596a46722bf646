#include "events/broadcaster.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

namespace recarga::manager::events {

std::shared_ptr<Broadcaster::Subscriber> Broadcaster::subscribe(StationFilter filter,
                                                                std::optional<std::uint64_t> last_event_id,
                                                                std::function<void()> wake) {
    auto s = std::make_shared<Subscriber>();
    s->filter = std::move(filter);
    s->wake = std::move(wake);
    // An id from before this process's numbering (another manager, a restart) is beyond seq_: nothing to replay.
    if (last_event_id && *last_event_id <= seq_) {
        for (const auto& k : kept_) {
            if (k.seq > *last_event_id && s->filter.matches(k.station)) {
                push(*s, k.frame);
            }
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
        Kept k{++seq_, st, sse_frame(seq_, type->get_string(), boost::json::serialize(e))};
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
