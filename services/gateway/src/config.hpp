// Settings of recarga-gateway, read from RECARGA_* environment variables and the command line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace recarga::gateway {

struct Config {
    std::string gateway_id;                  // unique per instance; names its reply queue
    std::string listen_address = "0.0.0.0";
    std::uint16_t port = 8180;
    std::string path_prefix = "/ocpp/";      // stations connect to <prefix><stationId>
    std::string amqp_url = "amqp://guest:guest@127.0.0.1:5672/";
    std::string amqp_ca_file;
    std::string amqp_queue_type = "classic"; // of the two lanes: classic or quorum (docs/deploy.md)
    bool accept_v16 = true;
    bool accept_v201 = true;
    bool accept_v21 = true;
    std::size_t max_frame_size = 65536;      // larger frames get a CALLERROR; 16x larger closes the socket
    std::chrono::milliseconds call_timeout{30000};     // manager must answer a station's CALL within this
    std::chrono::milliseconds handshake_timeout{10000};
    std::size_t max_outstanding_calls = 4;   // per station, towards the manager
    std::size_t max_connections = 20000;
    std::chrono::milliseconds admission_timeout{5000};  // the manager must answer an admission request within this
    std::chrono::milliseconds admission_cache_ttl{10000}; // how long an admission answer is reused
    std::chrono::milliseconds drain_window{10000};     // SIGTERM: closes (1001) are spread over this window
    std::int64_t max_messages_per_second = 0; // per station, CALLs; 0: no limit
    std::int64_t message_burst = 20;          // CALLs a station may send at once before the rate applies
    std::size_t max_queued_commands = 16;    // CSMS-initiated calls waiting behind the outstanding one, per station
    std::chrono::milliseconds max_command_timeout{300000}; // caps the timeout a command envelope asks for
    std::size_t publish_queue_limit = 100000; // envelopes waiting for the broker
    bool single_lane = false;                // every call on the bulk lane (lanes disabled, for comparisons)
    bool persistent_messages = false;        // delivery_mode 2 (see docs/contracts/amqp.md)
    // TLS (security profiles 2 and 3): a second listener for wss://, off while tls_port is 0.
    std::uint16_t tls_port = 0;
    std::string tls_cert_file;               // server certificate chain (PEM)
    std::string tls_key_file;                // its private key (PEM)
    std::string tls_client_ca_file;          // the operator's CA for client certificates; empty: no profile 3
    int min_security_profile = 0;            // deployment floor, sent to the manager with every admission request
    std::chrono::milliseconds idle_timeout{120000}; // a silent socket is pinged at half of this, closed after it
    std::size_t max_outbox_frames = 64;      // frames waiting for a slow station; one more closes it (1013)
    std::string log_level = "info";
};

} // namespace recarga::gateway
