// Sends CSMS-initiated calls (Command envelopes) to the gateway that holds a station and waits for the
// CommandResult. The manager stays stateless between requests: the RPC state (one outstanding call per
// station, message ids, per-call timeouts) lives in the gateway; this client only correlates its own
// requests by message id while their HTTP requests wait.
//
// Concurrency contract: send() may be called from many threads at once and blocks its caller; requests are
// correlated by their own message ids under one mutex. One thread of the client owns its AMQP connection
// (publishes commands and the command.answered live events, consumes its own exclusive reply queue) and
// reconnects with backoff.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "config.hpp"
#include "events/live_event.hpp"
#include "recarga/amqp/connection.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::manager {

class CommandClient {
public:
    explicit CommandClient(const Config& config);
    ~CommandClient();
    CommandClient(const CommandClient&) = delete;
    CommandClient& operator=(const CommandClient&) = delete;

    // The process-wide client, started on first use.
    static CommandClient& shared(const Config& config);

    // Sends `command` (kind Command, station, gateway, action, payload, timeout_ms set by the caller; message
    // id and reply queue set here) and waits for its result up to timeout_ms plus a grace period for the
    // gateway's own timeout answer. Without a result in that time: outcome "no-answer" (gateway gone or the
    // broker unreachable); when the broker is not connected: outcome "unavailable".
    envelope::Envelope send(envelope::Envelope command);

    bool connected() const noexcept { return up_.load(); }

private:
    void run();

    const Config& config_;
    std::string queue_;
    std::mutex mutex_;
    std::deque<envelope::Envelope> outbox_;
    std::vector<events::LiveEvent> answered_; // command.answered events, published by the client's thread
    std::map<std::string, std::promise<envelope::Envelope>> waiting_;
    amqp::Waker wake_; // a queued command or event ends the client thread's wait for replies at once
    std::atomic<bool> stopping_{false};
    std::atomic<bool> up_{false};
    std::thread thread_;
};

} // namespace recarga::manager
