// Fans the live events this manager receives out to its Server-Sent Events clients: numbers them (the SSE `id`,
// "<epoch>-<seq>": the epoch is random per manager process, so an id from another manager or from before a
// restart is recognised as foreign instead of being mistaken for one of ours), keeps the last ones for clients
// that reconnect with Last-Event-ID, and queues each client's frames up to a bound (a client that cannot keep
// up is disconnected rather than buffered without end). A client whose Last-Event-ID cannot be resumed from
// what is kept gets a `resync` frame first: it missed events and should re-read the state it shows.
//
// Concurrency contract: single-threaded; the HTTP server calls every member on its io_context thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "events/live_event.hpp"

namespace recarga::manager::events {

class Broadcaster {
public:
    struct Subscriber {
        StationFilter filter;
        std::deque<std::string> frames; // SSE frames not yet written
        bool overflowed = false;        // more than the bound was queued: the stream ends
        std::function<void()> wake;     // called when frames were queued (or the stream must end)
    };

    // `epoch`: the prefix of this process's ids; empty picks a random one.
    explicit Broadcaster(std::size_t history = 1024, std::size_t max_queued = 4096, std::string epoch = {});

    // Registers a client. With a `last_event_id` (the header's text; empty: none) it queues at once the kept
    // events after it that pass the filter, or a `resync` frame when that id is foreign, malformed or older than
    // what is kept.
    std::shared_ptr<Subscriber> subscribe(StationFilter filter, std::string_view last_event_id,
                                          std::function<void()> wake);
    void unsubscribe(const std::shared_ptr<Subscriber>& s);
    // Numbers and delivers the events of one broker message.
    void deliver(const std::vector<boost::json::object>& events);
    // Ends every stream (server stopping): marks them overflowed and wakes them.
    void close_all();
    std::size_t subscribers() const { return subs_.size(); }
    std::uint64_t last_seq() const { return seq_; }
    const std::string& epoch() const { return epoch_; }

private:
    struct Kept {
        std::uint64_t seq;
        std::string station;
        std::string frame;
    };
    void push(Subscriber& s, const std::string& frame);
    std::size_t history_;
    std::size_t max_queued_;
    std::string epoch_;
    std::uint64_t seq_ = 0;
    std::deque<Kept> kept_;
    std::vector<std::shared_ptr<Subscriber>> subs_;
};

} // namespace recarga::manager::events
