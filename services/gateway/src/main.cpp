// recarga-gateway: the WebSocket edge for charging stations. See README.md and docs/contracts/amqp.md.
#include <unistd.h>

#include <cstdio>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "broker_link.hpp"
#include "config.hpp"
#include "recarga/common/config_file.hpp"
#include "recarga/common/env.hpp"
#include "recarga/common/log.hpp"
#include "recarga/ocpp/validator.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
    using recarga::gateway::Config;
    Config config;
    config.gateway_id = recarga::common::default_instance_id("gw");

    CLI::App app{"recarga-gateway: OCPP-J WebSocket gateway of the Recarga central system"};
    app.option_defaults()->always_capture_default();
    recarga::common::add_config_file_option(app);
    std::string protocols = "ocpp1.6,ocpp2.0.1,ocpp2.1";
    std::int64_t call_timeout_ms = config.call_timeout.count();
    std::int64_t handshake_timeout_ms = config.handshake_timeout.count();
    std::int64_t drain_window_ms = config.drain_window.count();
    app.add_option("--id", config.gateway_id, "Unique id of this gateway instance")->envname("RECARGA_GATEWAY_ID");
    app.add_option("--listen", config.listen_address, "Address to listen on")->envname("RECARGA_GATEWAY_LISTEN");
    app.add_option("--port", config.port, "Port for station WebSockets")->envname("RECARGA_GATEWAY_PORT");
    app.add_option("--path-prefix", config.path_prefix, "URL path before the station id")
        ->envname("RECARGA_GATEWAY_PATH_PREFIX");
    app.add_option("--amqp-url", config.amqp_url, "RabbitMQ URL (amqp:// or amqps://)")->envname("RECARGA_AMQP_URL");
    app.add_option("--amqp-ca", config.amqp_ca_file, "CA file to verify an amqps:// broker")
        ->envname("RECARGA_AMQP_CA_FILE");
    app.add_option("--amqp-queue-type", config.amqp_queue_type,
                   "Type of the manager lanes, as the broker's definitions declare them: classic or quorum")
        ->envname("RECARGA_AMQP_QUEUE_TYPE")
        ->check(CLI::IsMember({"classic", "quorum"}));
    app.add_option("--protocols", protocols, "Accepted OCPP subprotocols, comma separated")
        ->envname("RECARGA_GATEWAY_PROTOCOLS");
    app.add_option("--max-frame-size", config.max_frame_size, "Largest accepted frame in bytes")
        ->envname("RECARGA_GATEWAY_MAX_FRAME_SIZE");
    app.add_option("--call-timeout-ms", call_timeout_ms, "How long the manager may take to answer a CALL")
        ->envname("RECARGA_GATEWAY_CALL_TIMEOUT_MS");
    app.add_option("--handshake-timeout-ms", handshake_timeout_ms, "Time allowed for the HTTP upgrade")
        ->envname("RECARGA_GATEWAY_HANDSHAKE_TIMEOUT_MS");
    app.add_option("--max-outstanding-calls", config.max_outstanding_calls,
                   "CALLs a station may have waiting for the manager")
        ->envname("RECARGA_GATEWAY_MAX_OUTSTANDING_CALLS");
    app.add_option("--max-connections", config.max_connections, "Station connections per gateway")
        ->envname("RECARGA_GATEWAY_MAX_CONNECTIONS");
    app.add_option("--drain-window-ms", drain_window_ms, "On SIGTERM, closes are spread over this window")
        ->envname("RECARGA_GATEWAY_DRAIN_WINDOW_MS");
    app.add_option("--max-messages-per-second", config.max_messages_per_second,
                   "CALLs per second a station may send (0: no limit); more are answered GenericError")
        ->envname("RECARGA_GATEWAY_MAX_MESSAGES_PER_SECOND");
    app.add_option("--message-burst", config.message_burst, "CALLs a station may send at once")
        ->envname("RECARGA_GATEWAY_MESSAGE_BURST");
    app.add_flag("--single-lane", config.single_lane,
                 "Publish every call on the bulk lane (no priority lane; for comparisons only)")
        ->envname("RECARGA_GATEWAY_SINGLE_LANE");
    std::int64_t idle_timeout_ms = config.idle_timeout.count();
    app.add_option("--idle-timeout-ms", idle_timeout_ms,
                   "A silent station is pinged at half this and closed at its end (0: Beast's default, no pings)")
        ->envname("RECARGA_GATEWAY_IDLE_TIMEOUT_MS");
    app.add_option("--max-outbox-frames", config.max_outbox_frames,
                   "Frames waiting for a station that does not read; one more closes it (1013)")
        ->envname("RECARGA_GATEWAY_MAX_OUTBOX_FRAMES");
    app.add_option("--tls-port", config.tls_port, "Port for wss:// (security profiles 2 and 3); 0: no TLS listener")
        ->envname("RECARGA_GATEWAY_TLS_PORT");
    app.add_option("--tls-cert", config.tls_cert_file, "Server certificate chain (PEM) for wss://")
        ->envname("RECARGA_GATEWAY_TLS_CERT");
    app.add_option("--tls-key", config.tls_key_file, "Private key (PEM) of the server certificate")
        ->envname("RECARGA_GATEWAY_TLS_KEY");
    app.add_option("--tls-client-ca", config.tls_client_ca_file,
                   "CA certificates (PEM) that issue station certificates (security profile 3)")
        ->envname("RECARGA_GATEWAY_TLS_CLIENT_CA");
    app.add_option("--min-security-profile", config.min_security_profile,
                   "Lowest security profile any station may connect with (the manager enforces it)")
        ->envname("RECARGA_GATEWAY_MIN_SECURITY_PROFILE")
        ->check(CLI::Range(0, 3));
    app.add_flag("--persistent-messages", config.persistent_messages, "Publish with delivery mode 2")
        ->envname("RECARGA_AMQP_PERSISTENT");
    app.add_option("--log-level", config.log_level, "trace, debug, info, warn, error")->envname("RECARGA_LOG_LEVEL");
    CLI11_PARSE(app, argc, argv);

    config.accept_v16 = protocols.find("ocpp1.6") != std::string::npos;
    config.accept_v201 = protocols.find("ocpp2.0.1") != std::string::npos;
    config.accept_v21 = protocols.find("ocpp2.1") != std::string::npos;
    config.call_timeout = std::chrono::milliseconds(call_timeout_ms);
    config.handshake_timeout = std::chrono::milliseconds(handshake_timeout_ms);
    config.drain_window = std::chrono::milliseconds(drain_window_ms);
    config.idle_timeout = std::chrono::milliseconds(idle_timeout_ms);
    if (config.tls_port != 0 && (config.tls_cert_file.empty() || config.tls_key_file.empty())) {
        std::fprintf(stderr, "--tls-port needs --tls-cert and --tls-key\n");
        return 2;
    }

    recarga::common::init_logging("gateway", config.log_level);
    try {
        // Compile every schema before the first station arrives.
        (void)recarga::ocpp::SchemaValidator::instance();
        recarga::gateway::Server* server_ptr = nullptr;
        recarga::gateway::BrokerLink broker(config, [&server_ptr](auto batch) {
            if (server_ptr != nullptr) {
                server_ptr->deliver(std::move(batch));
            }
        });
        recarga::gateway::Server server(config, broker);
        server_ptr = &server;
        broker.start();
        server.run();
        broker.stop();
        spdlog::info("gateway stopped");
    } catch (const std::exception& e) {
        spdlog::critical("gateway failed: {}", e.what());
        return 1;
    }
    return 0;
}
