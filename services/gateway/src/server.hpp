// The gateway's WebSocket server: accepts stations on <prefix><stationId>, negotiates the OCPP version,
// checks every frame (framing, action table, schema), relays CALLs to the manager and writes the
// manager's answers back.
//
// Concurrency contract: all socket work and the station registry run on one io_context thread.
// deliver() may be called from any thread; it posts onto that thread.
#pragma once

#include <memory>
#include <vector>

#include "config.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::gateway {

class BrokerLink;

class Server {
public:
    Server(const Config& config, BrokerLink& broker);
    ~Server();

    // Runs until stopped. stop() (and SIGINT/SIGTERM) drains: no new stations, calls in flight answered, then
    // the sockets closed with 1001 spread over Config::drain_window; a second stop request stops at once.
    void run();
    void stop();
    // Hands manager replies to the socket thread.
    void deliver(std::vector<envelope::Envelope> batch);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace recarga::gateway
