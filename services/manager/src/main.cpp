// recarga-manager: decisions, storage and the operator API of the Recarga central system.
//   recarga-manager [serve]   consume station traffic and serve the API (migrates first unless --no-migrate)
//   recarga-manager migrate   apply database migrations and exit
//   recarga-manager create-admin --username NAME [--password-file FILE]   create (or reset) an admin account
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <pqxx/connection>
#include <pqxx/except>
#include <spdlog/spdlog.h>

#include "admin.hpp"
#include "api/http_server.hpp"
#include "billing/billing_loop.hpp"
#include "billing/card_processor.hpp"
#include "config.hpp"
#include "db/migrate.hpp"
#include "recarga/common/config_file.hpp"
#include "recarga/common/env.hpp"
#include "recarga/common/log.hpp"
#include "recarga/envelope/contract.hpp"
#include "worker.hpp"

int main(int argc, char** argv) {
    using recarga::manager::Config;
    Config config;
    config.manager_id = recarga::common::default_instance_id("mgr");

    CLI::App app{"recarga-manager: decisions, storage and operator API of the Recarga central system"};
    app.option_defaults()->always_capture_default();
    recarga::common::add_config_file_option(app);
    bool no_migrate = false;
    app.add_option("--id", config.manager_id, "Instance id (shown in broker connection names)")
        ->envname("RECARGA_MANAGER_ID");
    app.add_option("--pg-url", config.pg_url, "PostgreSQL connection URL")->envname("RECARGA_PG_URL");
    app.add_option("--amqp-url", config.amqp_url, "RabbitMQ URL (amqp:// or amqps://)")->envname("RECARGA_AMQP_URL");
    app.add_option("--amqp-ca", config.amqp_ca_file, "CA file to verify an amqps:// broker")
        ->envname("RECARGA_AMQP_CA_FILE");
    app.add_option("--amqp-queue-type", config.amqp_queue_type,
                   "Type of the manager lanes, as the broker's definitions declare them: classic or quorum")
        ->envname("RECARGA_AMQP_QUEUE_TYPE")
        ->check(CLI::IsMember({"classic", "quorum"}));
    app.add_option("--http-listen", config.http_listen, "Address of the REST API")->envname("RECARGA_HTTP_LISTEN");
    app.add_option("--http-port", config.http_port, "Port of the REST API")->envname("RECARGA_HTTP_PORT");
    app.add_option("--unknown-stations", config.unknown_station_status,
                   "Registration of unknown stations: Accepted, Pending or Rejected")
        ->envname("RECARGA_UNKNOWN_STATIONS")
        ->check(CLI::IsMember({"Accepted", "Pending", "Rejected"}));
    app.add_option("--heartbeat-interval", config.heartbeat_interval_s, "Heartbeat interval given to stations (s)")
        ->envname("RECARGA_HEARTBEAT_INTERVAL");
    app.add_option("--boot-retry-interval", config.boot_retry_interval_s,
                   "Interval given to Pending/Rejected stations (s)")
        ->envname("RECARGA_BOOT_RETRY_INTERVAL");
    std::string unknown_tokens = "reject";
    app.add_option("--unknown-tokens", unknown_tokens, "Id tokens the central system does not know: reject or accept")
        ->envname("RECARGA_UNKNOWN_TOKENS")
        ->check(CLI::IsMember({"reject", "accept"}));
    std::string concurrent_tx = "refuse";
    app.add_option("--concurrent-tx", concurrent_tx,
                   "A stored token already charging at another station: refuse (ConcurrentTx) or allow")
        ->envname("RECARGA_CONCURRENT_TX")
        ->check(CLI::IsMember({"refuse", "allow"}));
    app.add_option("--data-transfer-vendors", config.data_transfer_vendors,
                   "DataTransfer vendorIds to accept (others get UnknownVendorId)")
        ->envname("RECARGA_DATA_TRANSFER_VENDORS")
        ->delimiter(',');
    app.add_option("--batch-max", config.batch_max, "Broker messages per database transaction")
        ->envname("RECARGA_MANAGER_BATCH_MAX");
    app.add_option("--lane-workers", config.lane_workers,
                   "Worker threads per lane (priority and bulk), each with its own database connection")
        ->envname("RECARGA_MANAGER_LANE_WORKERS")
        ->check(CLI::Range(1, 64));
    app.add_option("--billing-interval-ms", config.billing_interval_ms,
                   "How often the billing loop fixes tariffs and prices ended transactions (ms)")
        ->envname("RECARGA_BILLING_INTERVAL_MS")
        ->check(CLI::Range(50, 3600 * 1000));
    app.add_option("--cost-update-interval", config.cost_update_interval_s,
                   "Seconds between running-cost messages to a charging station (0: none)")
        ->envname("RECARGA_COST_UPDATE_INTERVAL")
        ->check(CLI::Range(0, 24 * 3600));
    app.add_option_function<std::string>(
           "--preauth-amount",
           [&config](const std::string& v) {
               auto d = recarga::manager::Decimal::parse(v);
               if (!d || d->micros() < 0) {
                   throw CLI::ValidationError("--preauth-amount", "a decimal amount such as 5.00");
               }
               config.preauth_amount = *d;
           },
           "Least balance a wallet needs for its token to start charging (wallet currency)")
        ->envname("RECARGA_PREAUTH_AMOUNT");
    app.add_option("--card-url", config.card_url, "Base URL of the card processor (empty: no card payments)")
        ->envname("RECARGA_CARD_URL");
    app.add_option("--card-secret-key", config.card_secret_key, "The card processor's secret API key")
        ->envname("RECARGA_CARD_SECRET_KEY");
    app.add_option("--card-webhook-secret", config.card_webhook_secret, "Secret of the card processor's webhooks")
        ->envname("RECARGA_CARD_WEBHOOK_SECRET");
    app.add_option("--card-currency", config.card_currency, "Currency of card holds (ISO 4217)")
        ->envname("RECARGA_CARD_CURRENCY");
    app.add_option("--card-timeout-ms", config.card_timeout_ms, "Longest wait for one card processor call (ms)")
        ->envname("RECARGA_CARD_TIMEOUT_MS")
        ->check(CLI::Range(100, 60000));
    app.add_flag("--v16-cost-messages", config.v16_cost_messages,
                 "Send 1.6 stations the cost-message DataTransfers (org.openchargealliance.costmsg)")
        ->envname("RECARGA_V16_COST_MESSAGES");
    app.add_flag("--no-migrate", no_migrate, "Do not apply migrations at start")->envname("RECARGA_NO_MIGRATE");
    app.add_option("--log-level", config.log_level, "trace, debug, info, warn, error")->envname("RECARGA_LOG_LEVEL");
    app.add_option("--session-ttl", config.session_ttl_s, "Lifetime of an operator's bearer token (s)")
        ->envname("RECARGA_SESSION_TTL")
        ->check(CLI::Range(60, 30 * 24 * 3600));
    app.add_flag("--dev-mode", config.dev_mode, "Development mode: generate and print an admin when no user exists")
        ->envname("RECARGA_DEV_MODE");
#ifdef RECARGA_DEFAULT_DOCS_DIR
    config.docs_dir = RECARGA_DEFAULT_DOCS_DIR;
#endif
    app.add_option("--docs-dir", config.docs_dir, "swagger-ui-dist directory served at /api/docs")
        ->envname("RECARGA_API_DOCS_DIR");
    app.add_option("--api-threads", config.api_threads, "Threads serving API requests")
        ->envname("RECARGA_API_THREADS")
        ->check(CLI::Range(1, 256));
    app.add_option("--api-max-pending", config.api_max_pending, "API requests queued or running before 503")
        ->envname("RECARGA_API_MAX_PENDING")
        ->check(CLI::Range(1, 100000));
    app.add_option("--api-command-threads", config.api_command_threads,
                   "Threads serving commands that wait on a station")
        ->envname("RECARGA_API_COMMAND_THREADS")
        ->check(CLI::Range(1, 1024));
    app.add_option("--api-command-max-pending", config.api_command_max_pending,
                   "Commands queued or waiting before 503")
        ->envname("RECARGA_API_COMMAND_MAX_PENDING")
        ->check(CLI::Range(1, 100000));
    app.add_option("--sse-max-clients", config.sse_max_clients, "Event streams (GET /api/v1/events) open at once")
        ->envname("RECARGA_SSE_MAX_CLIENTS")
        ->check(CLI::Range(1, 100000));
    app.add_option("--sse-keepalive", config.sse_keepalive_s, "Seconds between keep-alive comments on event streams")
        ->envname("RECARGA_SSE_KEEPALIVE")
        ->check(CLI::Range(1, 3600));
    app.add_flag("--api-only", config.api_only, "Serve the API, events and webhooks only; consume no station traffic")
        ->envname("RECARGA_API_ONLY");
    bool no_live_events = false;
    app.add_flag("--no-live-events", no_live_events,
                 "Publish no live events of the station traffic this manager handles (SSE and webhooks miss them)")
        ->envname("RECARGA_NO_LIVE_EVENTS");
    bool no_webhooks = false;
    app.add_flag("--no-webhooks", no_webhooks, "Do not deliver webhooks from this manager")
        ->envname("RECARGA_NO_WEBHOOKS");
    auto* migrate_cmd = app.add_subcommand("migrate", "Apply database migrations and exit");
    std::string admin_name, admin_password_file;
    auto* admin_cmd = app.add_subcommand("create-admin", "Create an admin account (or reset its password) and exit");
    admin_cmd->add_option("--username", admin_name, "User name")->required();
    admin_cmd->add_option("--password-file", admin_password_file,
                          "File whose first line is the password (default: read a line from stdin)");
    app.add_subcommand("serve", "Run the manager (default)");
    CLI11_PARSE(app, argc, argv);
    recarga::common::init_logging("manager", config.log_level);
    config.webhooks = !no_webhooks;
    config.live_events = !no_live_events;
    config.unknown_tokens = *recarga::manager::parse_unknown_token_policy(unknown_tokens);
    config.refuse_concurrent_tx = concurrent_tx == "refuse";

    try {
        if (admin_cmd->parsed()) {
            std::string password;
            if (admin_password_file.empty()) {
                std::getline(std::cin, password);
            } else {
                std::ifstream in(admin_password_file);
                if (!in) {
                    spdlog::critical("cannot read {}", admin_password_file);
                    return 1;
                }
                std::getline(in, password);
            }
            if (!password.empty() && password.back() == '\r') {
                password.pop_back();
            }
            pqxx::connection db(config.pg_url);
            if (!no_migrate) {
                recarga::manager::apply_migrations(db);
            }
            if (auto error = recarga::manager::create_admin(db, admin_name, password)) {
                spdlog::critical("create-admin: {}", *error);
                return 1;
            }
            spdlog::info("admin {} is ready", admin_name);
            return 0;
        }
        if (migrate_cmd->parsed() || !no_migrate) {
            // The database may still be starting (containers, reboots): wait for it a while.
            std::unique_ptr<pqxx::connection> conn;
            for (int attempt = 1;; ++attempt) {
                try {
                    conn = std::make_unique<pqxx::connection>(config.pg_url);
                    break;
                } catch (const pqxx::broken_connection& e) {
                    if (attempt >= 30) {
                        throw;
                    }
                    spdlog::warn("database not reachable yet (attempt {}): {}", attempt, e.what());
                    std::this_thread::sleep_for(std::chrono::seconds(1));
                }
            }
            auto& db = *conn;
            auto applied = recarga::manager::apply_migrations(db);
            spdlog::info("database schema up to date ({} migrations applied now)", applied.size());
            if (migrate_cmd->parsed()) {
                return 0;
            }
        }

        {
            // Monthly meter-value partitions ahead of time (the default partition catches anything else).
            pqxx::connection db(config.pg_url);
            spdlog::info("meter value partitions: {} created", recarga::manager::ensure_partitions(db));
        }
        if (config.dev_mode) {
            pqxx::connection db(config.pg_url);
            if (auto password = recarga::manager::ensure_dev_admin(db)) {
                // Development mode only: the generated credentials are printed once, to the console.
                std::cout << "\n  development admin created: user 'admin', password '" << *password << "'\n\n"
                          << std::flush;
                spdlog::warn("development mode: generated the admin account 'admin' (password printed above)");
            }
        }

        // Signals go to the main thread only, which then stops everything in order.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        // The card processor adapter posts through the HTTP client of the server's translation unit.
        recarga::manager::billing::set_http_poster(&recarga::manager::http_post);
        namespace env = recarga::envelope;
        recarga::manager::LaneWorker priority(config, std::string(env::kPriorityQueue), config.lane_workers);
        recarga::manager::LaneWorker bulk(config, std::string(env::kBulkQueue), config.lane_workers);
        recarga::manager::HttpServer http(config);
        recarga::manager::billing::BillingLoop billing(config);
        if (!config.api_only) {
            priority.start();
            bulk.start();
        }
        billing.start();
        std::exception_ptr http_failure;
        std::thread http_thread([&] {
            try {
                http.run();
            } catch (...) {
                http_failure = std::current_exception();
                kill(getpid(), SIGTERM);
            }
        });
        // Waits for a signal; every hour meanwhile, creates the meter-value partitions of the coming months.
        int sig = -1;
        timespec hourly{3600, 0};
        while ((sig = sigtimedwait(&signals, nullptr, &hourly)) < 0) {
            try {
                pqxx::connection db(config.pg_url);
                recarga::manager::ensure_partitions(db);
            } catch (const std::exception& e) {
                spdlog::warn("meter value partitions not checked: {}", e.what());
            }
        }
        spdlog::info("manager stopping (signal {})", sig);
        http.stop();
        http_thread.join();
        priority.stop();
        bulk.stop();
        billing.stop();
        if (http_failure) {
            std::rethrow_exception(http_failure);
        }
    } catch (const std::exception& e) {
        spdlog::critical("manager failed: {}", e.what());
        return 1;
    }
    return 0;
}
