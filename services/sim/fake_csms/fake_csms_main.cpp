// recarga-sim-fake-csms: the answering server of fake_csms.hpp as a program, to measure recarga-sim alone
// (the "raw WebSocket echo rate of the generator" floor) or to try the simulator without a CSMS.
#include <csignal>
#include <cstdio>
#include <thread>

#include <CLI/CLI.hpp>

#include "fake_csms.hpp"

int main(int argc, char** argv) {
    recarga::sim::FakeCsmsConfig config;
    config.port = 8180;
    CLI::App app{"recarga-sim-fake-csms: a minimal answering OCPP server (no database, no broker) for measuring "
                 "recarga-sim. Stops on SIGINT/SIGTERM."};
    app.add_option("--address", config.address, "Listen address")->capture_default_str();
    app.add_option("--port", config.port, "Listen port")->capture_default_str();
    app.add_option("--threads", config.threads, "io_context threads")->capture_default_str();
    app.add_option("--heartbeat-interval", config.heartbeat_interval_s, "interval returned in BootNotification")
        ->capture_default_str();
    app.add_option("--boot-pending", config.boot_pending_count, "answer the first N boots of a station Pending")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr); // inherited by the server threads
    recarga::sim::FakeCsms server(config);
    std::fprintf(stderr, "fake CSMS listening on ws://%s:%u/ocpp/<stationId>\n", config.address.c_str(),
                 server.port());
    int sig = 0;
    sigwait(&set, &sig);
    const auto calls = server.calls_by_action();
    std::uint64_t total = 0;
    for (const auto& [action, n] : calls) {
        std::fprintf(stderr, "  %-20s %llu\n", action.c_str(), static_cast<unsigned long long>(n));
        total += n;
    }
    std::fprintf(stderr, "%llu connections, %llu calls answered\n",
                 static_cast<unsigned long long>(server.connections()), static_cast<unsigned long long>(total));
    server.stop();
    return 0;
}
