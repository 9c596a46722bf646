// Command-line options of recarga-sim, parsed with CLI11 (see docs/sim.md for each option).
//
// parse_options() turns argv into a validated Options value or an exit code (for --help, --version and bad
// input, where CLI11 has already printed what to say). Options is a plain value: the engine copies what it
// needs and shares it read-only between threads.
#pragma once

#include "backoff.hpp"
#include "recarga/ocpp/version.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace recarga::sim {

enum class Scenario { Boot, Heartbeat, Charging, MeterFlood, BootStorm };
// natural: the scenario's own intervals; closed: next call when the previous one is answered (plus think
// time); open: a fixed total rate of calls/s spread evenly over the stations.
enum class LoadMode { Natural, Closed, Open };

std::string_view scenario_name(Scenario s);
std::string_view load_mode_name(LoadMode m);

struct Options {
    std::string url = "ws://127.0.0.1:8180/ocpp";
    std::size_t stations = 1;
    std::string id_prefix = "SIM-";
    std::size_t first_index = 1;
    std::vector<ocpp::Version> protocols{ocpp::Version::v16}; // stations are spread over these round robin
    std::string protocol_label = "1.6";
    Scenario scenario = Scenario::Heartbeat;
    LoadMode mode = LoadMode::Natural;
    double rate = 0.0;                       // open loop: calls/s over all stations
    std::chrono::milliseconds think_time{0}; // closed loop: pause between an answer and the next call
    double connect_rate = 0.0;               // new connections/s; 0 = all at once
    std::optional<double> duration_s;
    std::optional<std::uint64_t> max_calls;
    unsigned threads = 1;
    std::vector<std::string> source_ips;
    std::optional<int> heartbeat_interval_s; // overrides the interval of the BootNotification answer
    int meter_interval_s = 10;
    double session_s = 60.0; // charging: length of one session
    double idle_s = 10.0;    // charging: pause between sessions
    int connectors = 1;
    std::string id_token = "SIMTOKEN";
    std::chrono::milliseconds call_timeout{30000};
    std::chrono::milliseconds warmup{0}; // calls sent this soon after the start stay out of the latency figures
    std::chrono::milliseconds handshake_timeout{10000};
    BackoffPolicy backoff{};
    bool boot_on_reconnect = true;
    bool reconnect = true;
    std::string password;      // profiles 1 and 2: HTTP basic auth with the station id
    std::string ca_file;       // wss://: trusted CAs (PEM); system store when empty
    bool tls_insecure = false; // wss://: do not verify the server certificate
    std::string client_cert;   // wss:// profile 3: client certificate chain (PEM)
    std::string client_key;    // ... and its private key (PEM); default: in client_cert
    std::string cert_dir;      // wss:// profile 3: <dir>/<stationId>.pem (+ .key), one certificate per station
    std::optional<std::string> report_file; // JSON report; stdout when absent
    double progress_s = 5.0;                // 0 = no progress line
    std::string log_level = "info";
    std::uint64_t seed = 0; // 0 = random
    bool validate = true;   // check the CSMS's CALLs and CALLRESULTs against the schemas
};

// Returns the options, or the process exit code when the program should stop here.
std::variant<Options, int> parse_options(int argc, char** argv);

} // namespace recarga::sim
