// The manager's HTTP server: the REST API (api/openapi.yaml), the OpenAPI document, health, the console, the
// live event stream (GET /api/v1/events, Server-Sent Events) and the webhook deliveries' HTTP client.
//
// Concurrency contract: one thread runs the io_context and does all socket I/O (accept, read, write, the event
// streams). Request handling blocks (PostgreSQL, a command waiting for its station), so it runs on two bounded
// pools of threads (api/request_pool.hpp), each thread with its own database connection: one for ordinary
// requests and one for commands that wait on a station, so that a command waiting 30 s holds up no other call.
// Requests beyond a pool's bound are answered 503 at once. The events reach this process through an EventHub
// thread (events/event_bus.hpp) and are fanned out to the streams on the io_context.
// stop() stops accepting, ends the event streams, waits (up to 10 s) for the requests in progress, then returns
// from run().
#pragma once

#include <memory>

#include "config.hpp"
#include "webhooks/dispatcher.hpp"

namespace recarga::manager {

// One HTTP(S) POST answered with its status and body, bounded by `timeout` (the webhook deliveries' client,
// also the card processor adapter's: billing/card_processor.hpp).
webhooks::PostResult http_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                               const std::string& body, std::chrono::milliseconds timeout);

class HttpServer {
public:
    explicit HttpServer(const Config& config);
    ~HttpServer();
    // Binds and serves until stop(); returns when stopped.
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace recarga::manager
