#include "worker.hpp"

#include <chrono>
#include <map>

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "handlers/routes.hpp"
#include "load/load_manager.hpp"
#include "recarga/amqp/connection.hpp"
#include "recarga/envelope/contract.hpp"
#include "recarga/envelope/topology.hpp"
#include "recarga/envelope/envelope.hpp"
#include "recarga/ocpp/errors.hpp"
#include "store/device_model_store.hpp"
#include "store/event_store.hpp"
#include "store/smart_charging_store.hpp"
#include "store/station_owner.hpp"
#include "store/station_security.hpp"
#include "store/station_store.hpp"
#include "store/token_store.hpp"
#include "store/transaction_store.hpp"

namespace recarga::manager {

namespace env = recarga::envelope;
using namespace std::chrono_literals;

namespace {


env::Envelope reply_to(const env::Envelope& call, const Outcome& outcome, ocpp::Version v) {
    env::Envelope r;
    r.station = call.station;
    r.gateway = call.gateway;
    r.connection = call.connection;
    r.protocol = call.protocol;
    r.message_id = call.message_id;
    r.trace_id = call.trace_id;
    r.at_us = env::now_us();
    if (outcome.result) {
        r.kind = env::Kind::Result;
        r.payload = *outcome.result;
    } else {
        r.kind = env::Kind::Error;
        r.error_code = std::string(ocpp::error_code(v, outcome.error->kind));
        r.error_description = outcome.error->description;
    }
    return r;
}

// Handles one envelope inside `tx`; a Call yields a reply, lifecycle events yield none.
std::optional<env::Envelope> handle(pqxx::work& tx, const Config& config, const env::Envelope& e) {
    PgStationStore stations(tx);
    if (e.kind == env::Kind::Connected || e.kind == env::Kind::Disconnected) {
        if (e.kind == env::Kind::Connected && config.unknown_station_status != "Rejected") {
            stations.register_station(e.station, config.unknown_station_status);
        }
        // A connect on another gateway closes the socket the old one still holds (sent to that gateway).
        auto close = e.kind == env::Kind::Connected ? close_for_stale_owner(station_owner(tx, e.station), e)
                                                    : std::nullopt;
        stations.record_connection(e);
        return close;
    }
    if (e.kind == env::Kind::Admit) {
        // Unknown stations are admitted; the boot policy (--unknown-stations) decides what they may do.
        return answer_admission(tx, true, e);
    }
    if (e.kind != env::Kind::Call) {
        spdlog::warn("station={} unexpected envelope kind {} on ingress", e.station, env::to_string(e.kind));
        return std::nullopt;
    }
    auto version = ocpp::version_from_subprotocol(e.protocol);
    if (!version) {
        spdlog::warn("station={} messageId={} unknown protocol '{}'", e.station, e.message_id, e.protocol);
        return std::nullopt;
    }
    Outcome outcome;
    auto status = stations.registration_status(e.station);
    if (!status && e.action != "BootNotification") {
        if (config.unknown_station_status == "Rejected") {
            outcome.error = ocpp::RpcError{ocpp::ErrorKind::SecurityError, "station is not registered"};
            return reply_to(e, outcome, *version);
        }
        // A station may talk before it boots (e.g. after a central system restart): register it per policy.
        stations.register_station(e.station, config.unknown_station_status);
    }
    PgTokenStore tokens(tx);
    PgTransactionStore transactions(tx);
    PgEventStore events(tx);
    PgDeviceModelStore device_model(tx);
    HandlerContext ctx{e, *version, stations, config, std::chrono::system_clock::now(), tokens, transactions,
                       events, device_model, std::move(status)};
    PgChargingProfileStore charging_profiles(tx);
    ctx.charging_profiles = &charging_profiles;
    outcome = dispatch(ctx, e.payload);
    if (e.action != "BootNotification") { // the station exists here: known, or registered just above
        stations.touch(e.station, e.trace_id);
    }
    spdlog::debug("station={} messageId={} action={} traceId={} {}", e.station, e.message_id, e.action, e.trace_id,
                  outcome.result ? "result" : "error");
    return reply_to(e, outcome, *version);
}

// Sessions that start, stop or report what they draw change their site's allocation (smart charging).
void notify_load_management(const Config& config, const std::vector<env::Envelope>& envelopes) {
    std::vector<std::string> stations;
    for (const auto& e : envelopes) {
        if (e.kind == env::Kind::Call && (e.action == "StartTransaction" || e.action == "StopTransaction" ||
                                          e.action == "TransactionEvent" || e.action == "MeterValues"))
            stations.push_back(e.station);
    }
    if (!stations.empty()) LoadManager::shared(config).stations_changed(stations);
}

} // namespace

LaneWorker::LaneWorker(const Config& config, std::string queue) : config_(config), queue_(std::move(queue)) {}

LaneWorker::~LaneWorker() { stop(); }

void LaneWorker::start() {
    thread_ = std::thread([this] { run(); });
}

void LaneWorker::stop() {
    stopping_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    }
}

void LaneWorker::run() {
    auto backoff = 100ms;
    while (!stopping_.load()) {
        try {
            pqxx::connection db(config_.pg_url);
            amqp::Connection broker(
                {.url = config_.amqp_url, .ca_cert_file = config_.amqp_ca_file, .name = config_.manager_id + "/" + queue_});
            env::declare_ingress_topology(broker, config_.amqp_queue_type);
            broker.set_prefetch(config_.prefetch);
            broker.consume(queue_, false);
            spdlog::info("worker consuming {}", queue_);
            backoff = 100ms;
            std::vector<env::Envelope> envelopes;
            std::vector<std::string> reply_queues;
            while (!stopping_.load()) {
                auto first = broker.next(500ms);
                if (!first) {
                    continue;
                }
                // Take what is already buffered into the same transaction: one commit for many calls.
                envelopes.clear();
                reply_queues.clear();
                std::uint64_t last_tag = 0;
                std::size_t messages = 0;
                for (auto d = std::move(first); d; d = (messages < config_.batch_max && broker.has_buffered())
                                                            ? broker.next(0ms)
                                                            : std::nullopt) {
                    ++messages;
                    last_tag = d->delivery_tag;
                    env::DecodeFailure failure;
                    auto batch = env::decode_batch(d->body, failure);
                    if (!batch) {
                        spdlog::error("queue={} dropping malformed message: {}", queue_, failure.description);
                        continue;
                    }
                    for (auto& e : *batch) {
                        reply_queues.push_back(d->reply_to.empty() ? env::gateway_queue(e.gateway) : d->reply_to);
                        envelopes.push_back(std::move(e));
                    }
                }

                std::vector<std::optional<env::Envelope>> replies;
                replies.reserve(envelopes.size());
                try {
                    pqxx::work tx(db);
                    for (const auto& e : envelopes) {
                        replies.push_back(handle(tx, config_, e));
                    }
                    tx.commit();
                } catch (const pqxx::broken_connection&) {
                    throw;
                } catch (const std::exception& ex) {
                    // One envelope failed the shared transaction: redo each in its own, so that only the
                    // failing one is answered with an error.
                    spdlog::warn("queue={} batch of {} failed ({}), retrying one by one", queue_, envelopes.size(),
                                 ex.what());
                    replies.clear();
                    for (const auto& e : envelopes) {
                        try {
                            pqxx::work tx(db);
                            replies.push_back(handle(tx, config_, e));
                            tx.commit();
                        } catch (const pqxx::broken_connection&) {
                            throw;
                        } catch (const std::exception& one) {
                            spdlog::error("station={} messageId={} action={} traceId={} failed: {}", e.station,
                                          e.message_id, e.action, e.trace_id, one.what());
                            if (e.kind == env::Kind::Call) {
                                Outcome o{std::nullopt, ocpp::RpcError{ocpp::ErrorKind::InternalError,
                                                                       "the central system could not process the call"}};
                                auto v = ocpp::version_from_subprotocol(e.protocol).value_or(ocpp::Version::v16);
                                replies.push_back(reply_to(e, o, v));
                            } else {
                                replies.push_back(std::nullopt);
                            }
                        }
                    }
                }

                // Committed: answer, grouped per gateway queue, then acknowledge everything taken.
                std::map<std::string, std::vector<env::Envelope>> by_queue;
                for (std::size_t i = 0; i < replies.size(); ++i) {
                    if (replies[i]) {
                        const bool close = replies[i]->kind == env::Kind::Close;
                        by_queue[close ? env::gateway_queue(replies[i]->gateway) : reply_queues[i]].push_back(
                            std::move(*replies[i]));
                    }
                }
                for (const auto& [queue, batch] : by_queue) {
                    broker.publish("", queue, env::encode_batch(batch), {.content_type = env::kContentType});
                }
                broker.ack(last_tag, true);
                notify_load_management(config_, envelopes);
            }
            return;
        } catch (const std::exception& e) {
            spdlog::warn("worker {} connection failed: {}", queue_, e.what());
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

} // namespace recarga::manager
