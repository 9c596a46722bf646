// A lane worker: consumes one ingress queue, runs each batch of station calls in one database
// transaction, answers after the commit and acknowledges after the answers are published.
//
// Delivery contract (docs/contracts/amqp.md): a message is acked only after its answers were published,
// which happens only after the commit. A manager that dies before the ack leaves the message to the broker,
// which redelivers it to another manager; the handlers are idempotent, so the redelivery changes nothing
// that was already committed. Concurrency: one thread per worker, owning its AMQP and PostgreSQL connections.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "config.hpp"

namespace recarga::manager {

class LaneWorker {
public:
    LaneWorker(const Config& config, std::string queue);
    ~LaneWorker();
    void start();
    void stop();

private:
    void run();
    const Config& config_;
    std::string queue_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace recarga::manager
