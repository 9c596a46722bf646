// A lane worker: consumes one ingress queue and spreads its envelopes over `workers` threads by station
// (lane_order.hpp), each of which runs what it was given in one database transaction, answers after the
// commit and reports back, so that the consumer acknowledges each broker message once all its envelopes are
// answered (in delivery order).
//
// Delivery contract (docs/contracts/amqp.md): a message is acked only after its answers were published,
// which happens only after the commit. A manager that dies before the ack leaves the message to the broker,
// which redelivers it to another manager; the handlers are idempotent, so the redelivery changes nothing
// that was already committed. Concurrency: one consumer thread owning the consuming AMQP connection, and one
// thread per worker owning its PostgreSQL connection and its publishing AMQP connection. A station's
// envelopes always go to the same worker thread, so they are handled in arrival order.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config.hpp"
#include "recarga/amqp/connection.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::manager {

class LaneWorker {
public:
    LaneWorker(const Config& config, std::string queue, std::size_t workers);
    ~LaneWorker();
    void start();
    void stop();

private:
    struct Item {
        envelope::Envelope envelope;
        std::string reply_queue;
        std::uint64_t tag = 0;
        std::uint64_t generation = 0;
    };
    struct Shard {
        std::mutex mutex;
        std::condition_variable cv;
        std::deque<Item> items;
        std::thread thread;
    };
    struct Done {
        std::uint64_t tag;
        std::uint64_t generation;
        bool failed;
    };
    void consume();
    void serve(Shard& shard, std::size_t index);
    const Config& config_;
    std::string queue_;
    std::vector<std::unique_ptr<Shard>> shards_;
    std::mutex done_mutex_;
    std::vector<Done> done_;
    amqp::Waker done_wake_; // a worker reported done work: the consumer acks it without waiting
    std::atomic<std::uint64_t> generation_{0}; // one per consuming connection: older work is not acked
    std::atomic<bool> stopping_{false};
    std::thread consumer_;
};

} // namespace recarga::manager
