// Live events on the broker (docs/contracts/amqp.md, "Live events"). Whichever manager handles a station's
// message publishes its events, after the commit, in one message per batch to the fanout exchange
// `recarga.events`; every manager's HTTP server consumes them through an exclusive auto-delete queue of its own
// (so an SSE client on any manager sees every event), and the managers share one durable, length-bounded queue
// `recarga.webhooks` for webhook delivery (each event delivered by one manager).
//
// Concurrency contract: a LiveEventPublisher uses the AMQP connection and database connection of the thread
// that owns it (a lane worker, the command client); an EventHub runs one thread with its own AMQP connection
// and calls its sink on that thread.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <pqxx/connection>

#include "config.hpp"
#include "events/live_event.hpp"
#include "recarga/amqp/connection.hpp"

namespace recarga::manager::events {

inline constexpr std::string_view kExchange = "recarga.events";
inline constexpr std::string_view kWebhookQueue = "recarga.webhooks";
inline constexpr std::string_view kContentType = "application/vnd.recarga.events+json";
inline constexpr std::int64_t kWebhookQueueMaxLength = 10000;

// Declares the events exchange (idempotent); every publisher and consumer calls it on (re)connect.
void declare_exchange(amqp::Connection& broker);

class LiveEventPublisher {
public:
    // Declares the exchange on `broker`.
    explicit LiveEventPublisher(amqp::Connection& broker);
    // The events of a committed batch (events_of_batch), completed from the database where needed (one query,
    // only when the batch holds transaction starts/ends or disconnects), in one broker message. A database
    // failure other than a lost connection drops the events that needed it (logged): events are best effort
    // and must not cost the stations their answers.
    void publish_batch(pqxx::connection& db, std::vector<LiveEvent> events);
    void publish(std::vector<LiveEvent> events);

private:
    amqp::Connection& broker_;
};

// Fills data.transaction of transaction events and drops disconnects that did not take effect (reads `db`).
void complete_from_database(pqxx::connection& db, std::vector<LiveEvent>& events);

// Consumes a queue bound to the events exchange on a thread of its own and hands every message's events to
// `sink`. Exclusive (this process's SSE clients): a server-named exclusive auto-delete queue. Shared: the
// durable webhook queue.
class EventHub {
public:
    enum class Queue { Exclusive, Webhooks };
    using Sink = std::function<void(std::vector<boost::json::object>)>;
    EventHub(const Config& config, Queue queue, Sink sink);
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;
    void start();
    void stop();
    bool connected() const noexcept { return up_.load(); }

private:
    void run();
    const Config& config_;
    Queue queue_;
    Sink sink_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> up_{false};
    std::thread thread_;
};

} // namespace recarga::manager::events
