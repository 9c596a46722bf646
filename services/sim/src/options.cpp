#include "options.hpp"

#include <CLI/CLI.hpp>
#include <recarga/common/config_file.hpp>
#include <map>
#include <random>

namespace recarga::sim {

std::string_view scenario_name(Scenario s) {
    switch (s) {
    case Scenario::Boot:
        return "boot";
    case Scenario::Heartbeat:
        return "heartbeat";
    case Scenario::Charging:
        return "charging";
    case Scenario::MeterFlood:
        return "meter-flood";
    case Scenario::BootStorm:
        return "boot-storm";
    }
    return "?";
}

std::string_view load_mode_name(LoadMode m) {
    switch (m) {
    case LoadMode::Natural:
        return "natural";
    case LoadMode::Closed:
        return "closed";
    case LoadMode::Open:
        return "open";
    }
    return "?";
}

namespace {

std::optional<std::vector<ocpp::Version>> parse_protocols(const std::string& text) {
    if (text == "mixed") {
        return std::vector{ocpp::Version::v16, ocpp::Version::v201};
    }
    if (text == "all") {
        return std::vector{ocpp::Version::v16, ocpp::Version::v201, ocpp::Version::v21};
    }
    std::vector<ocpp::Version> out;
    std::string item;
    std::stringstream ss(text);
    while (std::getline(ss, item, ',')) {
        if (item.rfind("ocpp", 0) != 0) {
            item = "ocpp" + item;
        }
        auto v = ocpp::version_from_subprotocol(item);
        if (!v) {
            return std::nullopt;
        }
        out.push_back(*v);
    }
    if (out.empty()) {
        return std::nullopt;
    }
    return out;
}

} // namespace

std::variant<Options, int> parse_options(int argc, char** argv) {
    Options o;
    CLI::App app{"recarga-sim: OCPP 1.6J / 2.0.1 / 2.1 charging-station simulator and load generator.\n"
                 "Runs until --duration or --calls is reached, or until SIGINT/SIGTERM; then closes the sockets and "
                 "prints a JSON report (stdout or --report) and a summary on stderr."};
    app.option_defaults()->always_capture_default();
    recarga::common::add_config_file_option(app);
    app.get_formatter()->column_width(34);

    std::string protocol = "1.6";
    const std::map<std::string, Scenario> scenarios{{"boot", Scenario::Boot},
                                                    {"heartbeat", Scenario::Heartbeat},
                                                    {"charging", Scenario::Charging},
                                                    {"meter-flood", Scenario::MeterFlood},
                                                    {"boot-storm", Scenario::BootStorm}};
    const std::map<std::string, LoadMode> modes{
        {"natural", LoadMode::Natural}, {"closed", LoadMode::Closed}, {"open", LoadMode::Open}};
    std::string mode_text;
    double duration = 0;
    std::uint64_t calls = 0;
    int think_ms = 0;
    double call_timeout_s = 30;
    double handshake_timeout_s = 10;
    double backoff_initial_s = 1;
    double backoff_max_s = 60;
    std::string report;
    bool no_boot_on_reconnect = false;
    bool no_reconnect = false;
    int heartbeat = 0;

    app.add_option("-u,--url", o.url, "CSMS WebSocket base URL; stations connect to <url>/<stationId>. Several, comma separated: failover "
                   "list (station i starts at URL i mod n and moves to the next after a failed or lost connection)");
    app.add_option("-n,--stations", o.stations, "Number of simulated stations")->check(CLI::Range(1, 1000000));
    app.add_option("--id-prefix", o.id_prefix, "Station id prefix; ids are <prefix><index, 4 digits or more>");
    app.add_option("--first-index", o.first_index, "Index of the first station (to run several sims side by side)");
    app.add_option("-p,--protocol", protocol,
                   "OCPP version: 1.6, 2.0.1, 2.1, a comma list, mixed (1.6 + 2.0.1) or all; stations take them "
                   "round robin");
    std::string scenario_text = "heartbeat";
    app.add_option("-s,--scenario", scenario_text, "Scenario (see docs/sim.md)")
        ->check(CLI::IsMember(scenarios, CLI::ignore_case));
    app.add_option("-m,--mode", mode_text,
                   "Pacing of the scenario's repeated call: natural (its own intervals; default except meter-flood), "
                   "closed (next call as soon as the previous is answered; default for meter-flood) or open "
                   "(--rate calls/s in total)")
        ->check(CLI::IsMember(modes, CLI::ignore_case));
    app.add_option("-r,--rate", o.rate, "Open loop: total calls/s over all stations (implies --mode open)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--think-time", think_ms, "Closed loop: pause in ms between an answer and the next call")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--connect-rate", o.connect_rate, "New connections per second (ramp); 0 = all at once")
        ->check(CLI::NonNegativeNumber);
    app.add_option("-d,--duration", duration, "Stop after this many seconds (0 = no limit)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("-c,--calls", calls, "Stop after this many CALLs sent by all stations (0 = no limit)");
    app.add_option("-t,--threads", o.threads, "Event-loop threads; stations are spread over them")
        ->check(CLI::Range(1, 64));
    app.add_option("--source-ips", o.source_ips,
                   "Local addresses to bind, round robin per station (e.g. 127.0.0.1,127.0.0.2); needed past ~28k "
                   "connections to one server address")
        ->delimiter(',');
    app.add_option("--heartbeat-interval", heartbeat,
                   "Heartbeat interval in s, overriding the one the CSMS returns (0 = use the CSMS value)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--meter-interval", o.meter_interval_s, "Seconds between MeterValues in a charging session")
        ->check(CLI::Range(1, 86400));
    app.add_option("--session", o.session_s, "Charging: seconds a session lasts")->check(CLI::PositiveNumber);
    app.add_option("--idle", o.idle_s, "Charging: seconds between sessions (randomised ±50 %)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--connectors", o.connectors, "Connectors (1.6) or EVSEs (2.x) per station")
        ->check(CLI::Range(1, 16));
    app.add_option("--id-token", o.id_token, "idTag / idToken the stations present");
    app.add_option("--call-timeout", call_timeout_s, "Seconds to wait for a CALLRESULT before counting a timeout")
        ->check(CLI::PositiveNumber);
    app.add_option("--handshake-timeout", handshake_timeout_s, "Seconds allowed for TCP connect + WebSocket upgrade")
        ->check(CLI::PositiveNumber);
    app.add_option("--backoff-initial", backoff_initial_s, "Reconnect backoff: first delay ceiling in s")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--backoff-max", backoff_max_s, "Reconnect backoff: largest delay ceiling in s")
        ->check(CLI::NonNegativeNumber);
    app.add_flag("--no-boot-on-reconnect", no_boot_on_reconnect,
                 "After a reconnect, skip BootNotification (only StatusNotification)");
    app.add_flag("--no-reconnect", no_reconnect, "Do not reconnect a station whose socket dropped");
    app.add_option("--password", o.password,
                   "Security profile 1: send HTTP basic auth <stationId>:<password> in the upgrade request");
    app.add_option("--ca-file", o.ca_file, "wss://: trusted CA certificates (PEM); default: the system store")
        ->check(CLI::ExistingFile);
    app.add_flag("--insecure", o.tls_insecure, "wss://: do not verify the server certificate (tests only)");
    app.add_option("--client-cert", o.client_cert,
                   "wss:// security profile 3: client certificate chain (PEM), used by every station")
        ->check(CLI::ExistingFile);
    app.add_option("--client-key", o.client_key, "Private key of --client-cert (PEM); default: in the same file")
        ->check(CLI::ExistingFile);
    app.add_option("--cert-dir", o.cert_dir,
                   "wss:// security profile 3: one client certificate per station, <dir>/<stationId>.pem with the "
                   "key in <dir>/<stationId>.key (or in the .pem)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--report", report, "Write the JSON report to this file instead of stdout");
    app.add_option("--progress", o.progress_s, "Seconds between progress lines on stderr (0 = none)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--log-level", o.log_level, "trace | debug | info | warn | error | off");
    app.add_option("--seed", o.seed, "Random seed (0 = from the clock); same seed, same jitter");
    bool no_validate = false;
    app.add_flag("--no-validate", no_validate,
                 "Do not check the CSMS's CALLRESULTs and CALLs against the OCPP schemas (saves CPU under load)");
    app.set_version_flag("--version", "recarga-sim 0.1.0");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    o.scenario = scenarios.at(CLI::detail::to_lower(scenario_text));
    if (o.seed == 0) {
        o.seed = (static_cast<std::uint64_t>(std::random_device{}()) << 32) | std::random_device{}();
    }
    auto versions = parse_protocols(protocol);
    if (!versions) {
        std::fprintf(stderr, "--protocol: unknown version '%s' (1.6, 2.0.1, 2.1, mixed, all)\n", protocol.c_str());
        return 2;
    }
    o.protocols = std::move(*versions);
    o.protocol_label = protocol;
    std::optional<LoadMode> mode;
    if (!mode_text.empty()) {
        mode = modes.at(CLI::detail::to_lower(mode_text));
    }
    if (o.rate > 0 && mode && *mode != LoadMode::Open) {
        std::fprintf(stderr, "--rate needs --mode open\n");
        return 2;
    }
    o.mode = mode ? *mode
                  : (o.rate > 0 ? LoadMode::Open
                                : (o.scenario == Scenario::MeterFlood ? LoadMode::Closed : LoadMode::Natural));
    if (o.mode == LoadMode::Open && o.rate <= 0) {
        std::fprintf(stderr, "--mode open needs --rate > 0\n");
        return 2;
    }
    if (o.url.rfind("ws://", 0) != 0 && o.url.rfind("wss://", 0) != 0) {
        std::fprintf(stderr, "--url must start with ws:// or wss://\n");
        return 2;
    }
    if (duration > 0) {
        o.duration_s = duration;
    }
    if (calls > 0) {
        o.max_calls = calls;
    }
    if (heartbeat > 0) {
        o.heartbeat_interval_s = heartbeat;
    }
    o.think_time = std::chrono::milliseconds(think_ms);
    o.call_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(call_timeout_s * 1000));
    o.handshake_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(handshake_timeout_s * 1000));
    o.backoff.initial = std::chrono::milliseconds(static_cast<std::int64_t>(backoff_initial_s * 1000));
    o.backoff.max = std::chrono::milliseconds(static_cast<std::int64_t>(backoff_max_s * 1000));
    o.boot_on_reconnect = !no_boot_on_reconnect;
    o.reconnect = !no_reconnect;
    o.validate = !no_validate;
    if (!report.empty()) {
        o.report_file = report;
    }
    if (o.threads > o.stations) {
        o.threads = static_cast<unsigned>(o.stations);
    }
    return o;
}

} // namespace recarga::sim
