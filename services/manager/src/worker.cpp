#include "worker.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "commands/outbox.hpp"
#include "events/event_bus.hpp"
#include "handlers/routes.hpp"
#include "lane_order.hpp"
#include "load/load_manager.hpp"
#include "recarga/amqp/connection.hpp"
#include "recarga/envelope/contract.hpp"
#include "recarga/envelope/topology.hpp"
#include "recarga/envelope/envelope.hpp"
#include "recarga/ocpp/errors.hpp"
#include "store/batch_writes.hpp"
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

// Registration statuses of a batch's calling stations, read in one statement before its first call instead of
// one SELECT per call. A station's entry is dropped once an envelope that may change its registration was
// handled (a connect, a BootNotification, a registration on first contact), so later envelopes of that station
// in the same batch read it again inside the transaction, as before.
class BatchStatuses {
public:
    void load(PgStationStore& stations, const std::vector<env::Envelope>& items) {
        std::vector<std::string> ids;
        for (const auto& e : items) {
            if (e.kind == env::Kind::Call && !entries_.contains(e.station)) {
                entries_.emplace(e.station, std::nullopt);
                ids.push_back(e.station);
            }
        }
        for (auto& [id, status] : stations.registration_statuses(ids)) {
            entries_[id] = std::move(status);
        }
    }
    std::optional<std::string> get(StationStore& stations, const std::string& station) const {
        auto it = entries_.find(station);
        return it != entries_.end() ? it->second : stations.registration_status(station);
    }
    void forget(const std::string& station) { entries_.erase(station); }

private:
    std::unordered_map<std::string, std::optional<std::string>> entries_;
};

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
std::optional<env::Envelope> handle(pqxx::work& tx, const Config& config, const env::Envelope& e, BatchWrites& writes,
                                   BatchStatuses& known) {
    PgStationStore stations(tx);
    if (e.kind != env::Kind::Call) {
        known.forget(e.station); // connects register stations
    }
    if (e.kind == env::Kind::Connected || e.kind == env::Kind::Disconnected) {
        std::optional<env::Envelope> close;
        if (e.kind == env::Kind::Connected) {
            // A connect on another gateway closes the socket the old one still holds (sent to that gateway).
            auto owner = station_owner(tx, e.station);
            close = close_for_stale_owner(owner, e);
            if (!owner && config.unknown_station_status != "Rejected") { // only unknown stations need the INSERT
                stations.register_station(e.station, config.unknown_station_status);
            }
        }
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
    auto status = known.get(stations, e.station);
    if (!status && e.action != "BootNotification") {
        if (config.unknown_station_status == "Rejected") {
            outcome.error = ocpp::RpcError{ocpp::ErrorKind::SecurityError, "station is not registered"};
            return reply_to(e, outcome, *version);
        }
        // A station may talk before it boots (e.g. after a central system restart): register it per policy.
        stations.register_station(e.station, config.unknown_station_status);
        known.forget(e.station);
    }
    PgTokenStore tokens(tx);
    PgTransactionStore transactions(tx, &writes);
    PgEventStore events(tx);
    PgDeviceModelStore device_model(tx);
    HandlerContext ctx{e, *version, stations, config, std::chrono::system_clock::now(), tokens, transactions,
                       events, device_model, std::move(status)};
    PgChargingProfileStore charging_profiles(tx);
    ctx.charging_profiles = &charging_profiles;
    outcome = dispatch(ctx, e.payload);
    if (e.action != "BootNotification") { // the station exists here: known, or registered just above
        writes.touch(e.station, e.trace_id);
    } else {
        known.forget(e.station); // a boot may register the station or change its status
    }
    spdlog::debug("station={} messageId={} action={} traceId={} {}", e.station, e.message_id, e.action, e.trace_id,
                  outcome.result ? "result" : "error");
    return reply_to(e, outcome, *version);
}

// Runs `items` in one transaction (one per envelope after a failure, so only the failing call is answered
// with an error) and returns their replies, committed. Throws pqxx::broken_connection.
std::vector<std::optional<env::Envelope>> run_batch(pqxx::connection& db, const Config& config,
                                                    const std::string& queue, const std::vector<env::Envelope>& items) {
    std::vector<std::optional<env::Envelope>> replies;
    replies.reserve(items.size());
    BatchWrites writes;
    try {
        pqxx::work tx(db);
        BatchStatuses known;
        PgStationStore stations(tx);
        known.load(stations, items);
        for (const auto& e : items) {
            replies.push_back(handle(tx, config, e, writes, known));
        }
        writes.flush(tx); // every sampled value and last-seen update of the batch, before the one commit
        tx.commit();
        return replies;
    } catch (const pqxx::broken_connection&) {
        throw;
    } catch (const std::exception& ex) {
        spdlog::warn("queue={} batch of {} failed ({}), retrying one by one", queue, items.size(), ex.what());
    }
    replies.clear();
    for (const auto& e : items) {
        writes.clear();
        try {
            pqxx::work tx(db);
            BatchStatuses known; // empty: every call reads its station's status itself
            auto reply = handle(tx, config, e, writes, known);
            writes.flush(tx);
            tx.commit();
            replies.push_back(std::move(reply));
        } catch (const pqxx::broken_connection&) {
            throw;
        } catch (const std::exception& one) {
            spdlog::error("station={} messageId={} action={} traceId={} failed: {}", e.station, e.message_id,
                          e.action, e.trace_id, one.what());
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
    return replies;
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

LaneWorker::LaneWorker(const Config& config, std::string queue, std::size_t workers)
    : config_(config), queue_(std::move(queue)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, workers); ++i) {
        shards_.push_back(std::make_unique<Shard>());
    }
}

LaneWorker::~LaneWorker() { stop(); }

void LaneWorker::start() {
    for (std::size_t i = 0; i < shards_.size(); ++i) {
        shards_[i]->thread = std::thread([this, i] { serve(*shards_[i], i); });
    }
    consumer_ = std::thread([this] { consume(); });
}

void LaneWorker::stop() {
    stopping_.store(true);
    if (consumer_.joinable()) {
        consumer_.join();
    }
    for (auto& s : shards_) {
        s->cv.notify_all();
        if (s->thread.joinable()) {
            s->thread.join();
        }
    }
}

void LaneWorker::consume() {
    auto backoff = 100ms;
    while (!stopping_.load()) {
        try {
            amqp::Connection broker(
                {.url = config_.amqp_url, .ca_cert_file = config_.amqp_ca_file, .name = config_.manager_id + "/" + queue_});
            env::declare_ingress_topology(broker, config_.amqp_queue_type);
            broker.set_prefetch(config_.prefetch);
            broker.consume(queue_, false);
            // Work handed out on an earlier connection can no longer be acked: its messages are redelivered.
            const auto generation = ++generation_;
            spdlog::info("worker consuming {} with {} threads", queue_, shards_.size());
            backoff = 100ms;
            AckWindow window;
            std::vector<std::vector<Item>> dispatch(shards_.size());
            std::vector<Done> done;
            while (!stopping_.load()) {
                {
                    std::lock_guard lock(done_mutex_);
                    done.swap(done_);
                }
                for (const auto& d : done) {
                    if (d.generation != generation) {
                        continue;
                    }
                    if (d.failed) { // answers not published: let the broker redeliver (handlers are idempotent)
                        throw std::runtime_error("a worker could not publish its answers");
                    }
                    window.done(d.tag);
                }
                done.clear();
                if (auto tag = window.take_ackable()) {
                    broker.ack(*tag, true);
                }
                // Wait for the broker or for a worker's report (done_wake_), whichever comes first.
                auto d = broker.next(200ms, done_wake_);
                for (std::size_t messages = 0; d; d = (++messages < config_.batch_max && broker.has_buffered())
                                                           ? broker.next(0ms)
                                                           : std::nullopt) {
                    env::DecodeFailure failure;
                    auto batch = env::decode_batch(d->body, failure);
                    if (!batch) {
                        spdlog::error("queue={} dropping malformed message: {}", queue_, failure.description);
                        window.received(d->delivery_tag, 0);
                        continue;
                    }
                    window.received(d->delivery_tag, batch->size());
                    for (auto& e : *batch) {
                        auto reply_queue = d->reply_to.empty() ? env::gateway_queue(e.gateway) : d->reply_to;
                        auto& to = dispatch[shard_for(e.station, shards_.size())];
                        to.push_back({std::move(e), std::move(reply_queue), d->delivery_tag, generation});
                    }
                }
                for (std::size_t i = 0; i < dispatch.size(); ++i) {
                    if (dispatch[i].empty()) {
                        continue;
                    }
                    {
                        std::lock_guard lock(shards_[i]->mutex);
                        for (auto& item : dispatch[i]) {
                            shards_[i]->items.push_back(std::move(item));
                        }
                    }
                    dispatch[i].clear();
                    shards_[i]->cv.notify_one();
                }
            }
            return;
        } catch (const std::exception& e) {
            spdlog::warn("worker {} connection failed: {}", queue_, e.what());
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

void LaneWorker::serve(Shard& shard, std::size_t index) {
    const std::string name = queue_ + "/" + std::to_string(index);
    std::unique_ptr<pqxx::connection> db;
    std::unique_ptr<amqp::Connection> publisher;
    std::unique_ptr<events::LiveEventPublisher> live_events; // on the publishing connection
    std::vector<Item> items;
    std::vector<env::Envelope> envelopes;
    auto backoff = 100ms;
    while (!stopping_.load()) {
        {
            std::unique_lock lock(shard.mutex);
            shard.cv.wait_for(lock, 200ms, [&] { return stopping_.load() || !shard.items.empty(); });
            // Everything queued for this thread goes into one transaction (bounded by the consumer's prefetch).
            while (!shard.items.empty()) {
                items.push_back(std::move(shard.items.front()));
                shard.items.pop_front();
            }
        }
        if (items.empty() && publisher) {
            try { // idle: let the library exchange heartbeats so the broker keeps the connection
                publisher->next(0ms);
            } catch (const std::exception& e) {
                spdlog::info("worker {} publishing connection closed: {}", name, e.what());
                live_events.reset();
                publisher.reset();
            }
        }
        // Work from a consuming connection that is gone is redelivered by the broker: skip it.
        const auto current = generation_.load();
        std::erase_if(items, [&](const Item& i) { return i.generation != current; });
        if (items.empty()) {
            continue;
        }
        envelopes.clear();
        for (auto& i : items) {
            envelopes.push_back(std::move(i.envelope)); // items keep their reply queue, tag and generation
        }
        std::vector<std::optional<env::Envelope>> replies;
        while (!stopping_.load()) {
            try {
                if (!db) {
                    db = std::make_unique<pqxx::connection>(config_.pg_url);
                }
                replies = run_batch(*db, config_, queue_, envelopes);
                backoff = 100ms;
                break;
            } catch (const std::exception& e) { // the database is away: keep the work (not acked) and retry
                spdlog::warn("worker {} database connection failed: {}", name, e.what());
                db.reset();
                std::this_thread::sleep_for(backoff);
                backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
            }
        }
        if (replies.size() != items.size()) { // stopping
            return;
        }
        std::vector<std::string> outbox_wakes; // stations whose outbox may go out now (commands/outbox.hpp)
        for (std::size_t i = 0; i < envelopes.size(); ++i) {
            if (opens_outbox(envelopes[i], replies[i])) {
                outbox_wakes.push_back(envelopes[i].station);
            }
        }
        auto live = events::events_of_batch(envelopes, replies);
        // Committed: answer, grouped per gateway queue.
        bool failed = false;
        try {
            if (!publisher) {
                publisher = std::make_unique<amqp::Connection>(amqp::ConnectionConfig{
                    .url = config_.amqp_url, .ca_cert_file = config_.amqp_ca_file, .name = config_.manager_id + "/" + name});
                live_events = std::make_unique<events::LiveEventPublisher>(*publisher);
            }
            std::map<std::string, std::vector<env::Envelope>> by_queue;
            for (std::size_t i = 0; i < replies.size(); ++i) {
                if (replies[i]) {
                    const bool close = replies[i]->kind == env::Kind::Close;
                    by_queue[close ? env::gateway_queue(replies[i]->gateway) : items[i].reply_queue].push_back(
                        std::move(*replies[i]));
                }
            }
            for (const auto& [queue, batch] : by_queue) {
                publisher->publish("", queue, env::encode_batch(batch), {.content_type = env::kContentType});
            }
            if (config_.live_events) {
                live_events->publish_batch(*db, std::move(live)); // after the commit, best effort
            }
        } catch (const std::exception& e) {
            spdlog::warn("worker {} could not publish answers: {}", name, e.what());
            live_events.reset();
            publisher.reset();
            failed = true;
        }
        for (const auto& station : outbox_wakes) {
            Outbox::shared(config_).wake(station);
        }
        notify_load_management(config_, envelopes);
        {
            std::lock_guard lock(done_mutex_);
            for (const auto& i : items) {
                done_.push_back({i.tag, i.generation, failed});
            }
        }
        done_wake_.notify();
        items.clear();
    }
}

} // namespace recarga::manager
