// A thin RAII wrapper over one rabbitmq-c 0.11 connection with one channel.
//
// Concurrency contract: rabbitmq-c is single-threaded at heart, so a Connection belongs to exactly one
// thread; services run one publisher thread and one consumer thread, each with its own Connection. Every
// failure (broker gone, channel closed) throws AmqpError; the owning thread reconnects with backoff.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace recarga::amqp {

class AmqpError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ConnectionConfig {
    std::string url;           // amqp://user:pass@host:port/vhost or amqps://...
    std::string ca_cert_file;  // amqps: CA used to verify the broker
    std::string name;          // connection name shown by the broker
    int heartbeat_seconds = 30;
};

struct QueueOptions {
    bool durable = true;
    bool exclusive = false;
    bool auto_delete = false;
    int max_priority = 0;       // x-max-priority when > 0
    std::int64_t expires_ms = 0; // x-expires when > 0
    std::int64_t max_length = 0; // x-max-length when > 0 (overflow: reject-publish)
    std::string_view queue_type; // x-queue-type when not empty ("quorum" for a replicated queue)
};

struct PublishOptions {
    std::string_view content_type;
    std::string_view reply_to;
    std::string_view correlation_id;
    std::string_view message_type;
    bool persistent = false;
    std::uint8_t priority = 0;
    bool mandatory = false;
};

struct Delivery {
    std::string body;
    std::uint64_t delivery_tag = 0;
    std::string routing_key;
    std::string exchange;
    std::string reply_to;
    std::string content_type;
    bool redelivered = false;
};

// Ends a Connection::next() wait early from another thread (an eventfd polled beside the broker's socket), so a
// thread that both waits for deliveries and publishes what others queue for it reacts to new work at once
// instead of after its wait. notify() may be called from any thread; several notifications may wake once.
class Waker {
public:
    Waker();
    ~Waker();
    Waker(const Waker&) = delete;
    Waker& operator=(const Waker&) = delete;
    void notify() noexcept;
    int fd() const noexcept { return fd_; }
    void drain() noexcept;

private:
    int fd_ = -1;
};

class Connection {
public:
    explicit Connection(ConnectionConfig config);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void declare_exchange(std::string_view name, std::string_view type, bool durable);
    void declare_queue(std::string_view name, const QueueOptions& options);
    void bind_queue(std::string_view queue, std::string_view exchange, std::string_view routing_key);
    void set_prefetch(std::uint16_t count);
    void consume(std::string_view queue, bool no_ack);
    // Publisher confirms: after enable_confirms(), wait_confirms() blocks until every publish so far is acked.
    void enable_confirms();
    void wait_confirms(std::chrono::milliseconds timeout);

    void publish(std::string_view exchange, std::string_view routing_key, std::string_view body,
                 const PublishOptions& options);
    // Waits up to `timeout` for the next delivery (zero: only what is already buffered or readable now).
    std::optional<Delivery> next(std::chrono::milliseconds timeout);
    // The same, but also ends (with nullopt) as soon as `waker` is notified.
    std::optional<Delivery> next(std::chrono::milliseconds timeout, Waker& waker);
    // True when frames are already buffered inside the library: drain them before blocking on the socket.
    bool has_buffered() const;
    void ack(std::uint64_t delivery_tag, bool multiple);
    void nack(std::uint64_t delivery_tag, bool multiple, bool requeue);

private:
    void check_rpc(const char* what);
    ConnectionConfig config_;
    void* conn_ = nullptr; // amqp_connection_state_t
    std::uint64_t published_ = 0;
    std::uint64_t confirmed_ = 0;
    bool confirms_ = false;
};

} // namespace recarga::amqp
