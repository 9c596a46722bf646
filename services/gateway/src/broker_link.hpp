// The gateway's two broker connections: a publisher thread that batches station traffic into the ingress
// exchange, and a consumer thread that reads this gateway's own queue (replies from managers).
//
// Concurrency contract: publish() may be called from any thread; it never blocks on the network (the
// queue is bounded, and a full queue is refused). Deliveries are handed to the `on_batch` callback on the
// consumer thread; the callback must hand them to the socket thread itself (the server posts them).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "config.hpp"
#include "metrics.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::gateway {

class BrokerLink {
public:
    using BatchHandler = std::function<void(std::vector<envelope::Envelope>)>;

    BrokerLink(const Config& config, BatchHandler on_batch);
    ~BrokerLink();
    BrokerLink(const BrokerLink&) = delete;
    BrokerLink& operator=(const BrokerLink&) = delete;

    // Starts both threads and waits until this gateway's queue exists (so replies can be routed).
    void start();
    void stop();

    // Queues an envelope for the manager. False when the queue is full (the broker is away or too slow).
    bool publish(envelope::Envelope e);

    bool connected() const noexcept { return consumer_up_.load() && publisher_up_.load(); }
    std::string reply_queue() const;
    // Envelopes waiting for the broker.
    std::size_t queued();
    // From an envelope's creation (at_us) to the end of its basic.publish.
    Histogram publish_lag;

private:
    void publisher_loop();
    void consumer_loop();

    const Config& config_;
    BatchHandler on_batch_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<envelope::Envelope> pending_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> consumer_up_{false};
    std::atomic<bool> publisher_up_{false};
    std::thread publisher_;
    std::thread consumer_;
};

} // namespace recarga::gateway
