// The two rules that let several worker threads share one lane without breaking a station's order
// (docs/contracts/amqp.md, "Lanes and workers"):
//  * shard_for: every envelope of a station goes to the same worker thread, which handles its envelopes in
//    arrival order; different stations run in parallel on different threads.
//  * AckWindow: broker deliveries are acknowledged in delivery order and only once every envelope they
//    carried is committed and answered, whichever thread did the work, so a crash redelivers exactly what was
//    not done (plus, at most, done work the handlers absorb idempotently).
// Pure, no I/O; the lane worker (worker.cpp) drives them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>

namespace recarga::manager {

// A stable hash of the station id (FNV-1a) onto [0, shards).
std::size_t shard_for(std::string_view station, std::size_t shards) noexcept;

class AckWindow {
public:
    // A delivery arrived carrying `envelopes` envelopes (0: nothing to wait for, e.g. a malformed batch).
    // Delivery tags grow with each delivery of one channel.
    void received(std::uint64_t tag, std::size_t envelopes);
    // One envelope of delivery `tag` is done; unknown tags are ignored.
    void done(std::uint64_t tag);
    // The largest tag whose delivery and all earlier ones are done (to ack with `multiple`), popping them.
    std::optional<std::uint64_t> take_ackable();
    bool empty() const { return pending_.empty(); }

private:
    struct Delivery {
        std::uint64_t tag;
        std::size_t remaining;
    };
    std::deque<Delivery> pending_;
};

} // namespace recarga::manager
