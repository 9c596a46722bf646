// The manager's HTTP server: the REST API (api/openapi.yaml), the OpenAPI document, health and metrics.
//
// Concurrency contract: one thread runs the io_context and owns the API's database connection; requests are
// served one at a time on it (the API is not on the stations' hot path).
#pragma once

#include <memory>

#include "config.hpp"

namespace recarga::manager {

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
