// A tiny answering OCPP server for tests and for measuring the simulator itself: no database, no broker.
//
// It accepts WebSocket upgrades on <any path>/<stationId> offering ocpp1.6, ocpp2.0.1 or ocpp2.1, and answers
// every station CALL at once with a minimal schema-valid CALLRESULT (BootNotification Accepted, Authorize
// Accepted, StartTransaction with a fresh transactionId, ...); actions it does not know get a NotImplemented
// CALLERROR. It can also answer the first N BootNotifications with Pending, refuse one action with a
// CALLERROR, send one CSMS-initiated CALL to each station after its boot, and drop every connection on
// request. Because it does almost nothing per call, its throughput with recarga-sim is the "raw WebSocket
// echo rate of the generator" floor that benchmarks report beside the real figures.
//
// Threads: the server runs its own io_context on `threads` threads (one by default); every public member
// function may be called from any other thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace recarga::sim {

struct FakeCsmsConfig {
    std::string address = "127.0.0.1";
    unsigned short port = 0; // 0 = any free port
    unsigned threads = 1;
    int heartbeat_interval_s = 300;
    int boot_pending_count = 0; // answer the first N BootNotifications of each station with Pending
    int boot_retry_interval_s = 1;
    std::string error_action;   // answer this action with a CALLERROR (GenericError/NotSupported)
    // After a station's first accepted boot, send it this CALL ([action, payload JSON]).
    std::optional<std::pair<std::string, std::string>> call_after_boot;
};

class FakeCsms {
public:
    explicit FakeCsms(FakeCsmsConfig config);
    ~FakeCsms();
    FakeCsms(const FakeCsms&) = delete;
    FakeCsms& operator=(const FakeCsms&) = delete;

    unsigned short port() const;
    // Sends a CALL to one connected station (no-op when it is not connected).
    void send_call(const std::string& station_id, const std::string& action, const std::string& payload_json);
    // Closes every open connection abruptly (TCP close without a WebSocket close frame).
    void drop_all();
    void stop();

    std::map<std::string, std::uint64_t> calls_by_action() const; // station CALLs received
    std::vector<std::string> answers() const;                     // CALLRESULT/CALLERROR frames from stations
    std::uint64_t connections() const;                            // upgrades accepted so far
    std::uint64_t open_connections() const;
    std::map<std::string, std::string> subprotocols() const;      // station id -> negotiated subprotocol

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace recarga::sim
