// Settings of recarga-manager, read from RECARGA_* environment variables and the command line.
#pragma once

#include "domain/authorization.hpp"
#include "domain/money.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace recarga::manager {

struct Config {
    std::string manager_id;
    std::string pg_url = "postgresql://postgres@127.0.0.1:5432/recarga";
    std::string amqp_url = "amqp://guest:guest@127.0.0.1:5672/";
    std::string amqp_ca_file;
    std::string amqp_queue_type = "classic"; // of the two lanes: classic or quorum (docs/deploy.md)
    std::string http_listen = "0.0.0.0";
    std::uint16_t http_port = 8181;
    // Unknown stations: registered automatically with this status ("Accepted", "Pending"), or refused ("Rejected").
    std::string unknown_station_status = "Accepted";
    std::int64_t heartbeat_interval_s = 300; // BootNotification interval when Accepted
    std::int64_t boot_retry_interval_s = 60; // when Pending or Rejected
    // Id tokens the central system does not know: refused (Invalid/Unknown) or accepted (RECARGA_UNKNOWN_TOKENS).
    UnknownTokenPolicy unknown_tokens = UnknownTokenPolicy::Reject;
    // A stored token already charging at another station: answered ConcurrentTx (RECARGA_CONCURRENT_TX=refuse) or
    // accepted (allow: e.g. one fleet card shared on purpose, or a simulator presenting one token everywhere).
    bool refuse_concurrent_tx = true;
    // DataTransfer vendorIds answered Accepted (and stored); any other vendor gets UnknownVendorId.
    std::vector<std::string> data_transfer_vendors;
    std::size_t batch_max = 64; // broker messages taken into one database transaction
    std::uint16_t prefetch = 256;
    // Worker threads per lane (each with its own PostgreSQL connection); a station always uses the same one.
    std::size_t lane_workers = 2;
    bool migrate_on_start = true;
    std::string log_level = "info";
    std::int64_t session_ttl_s = 12 * 3600; // lifetime of an operator's bearer token
    bool dev_mode = false;                  // RECARGA_DEV_MODE=1: generate and print an admin when there is no user
    std::int64_t billing_interval_ms = 1000; // how often the billing loop looks for transactions to price
    std::int64_t cost_update_interval_s = 60; // running cost to the station at most this often (0: never)
    bool v16_cost_messages = false;           // 1.6 stations take the OCA cost-message DataTransfers
    // A wallet-paid token may start charging only with at least this much in its wallet (RECARGA_PREAUTH_AMOUNT).
    Decimal preauth_amount = Decimal::from_integer(5);
    // The card processor (billing/card_processor.hpp); card payments are off while card_url is empty.
    std::string card_url;            // RECARGA_CARD_URL, e.g. https://processor.example (paths /v1/...)
    std::string card_secret_key;     // RECARGA_CARD_SECRET_KEY, sent as a bearer token
    std::string card_webhook_secret; // RECARGA_CARD_WEBHOOK_SECRET, signs the processor's webhooks
    std::string card_currency = "EUR";  // RECARGA_CARD_CURRENCY: the currency holds are taken in
    std::int64_t card_timeout_ms = 5000; // RECARGA_CARD_TIMEOUT_MS: one processor call at most
    std::string docs_dir;                   // swagger-ui-dist directory served at /api/docs (empty: not served)
    // The HTTP server: threads (each with its own database connection) for API requests and, apart, for commands
    // waiting on a station; requests beyond the bounds get 503.
    std::size_t api_threads = 4;
    std::size_t api_max_pending = 64;
    std::size_t api_command_threads = 16;
    std::size_t api_command_max_pending = 32;
    std::size_t sse_max_clients = 256;   // Server-Sent Events streams open at once (GET /api/v1/events)
    std::int64_t sse_keepalive_s = 15;   // a ": keep-alive" comment when no event came for this long
    bool live_events = true;             // the lane workers publish the live events of each batch (SSE, webhooks)
    bool api_only = false;               // consume no station traffic (the lane workers do not run)
    bool webhooks = true;                // deliver webhooks from this manager (shared queue, one manager per event)
};

} // namespace recarga::manager
