#include "events/event_bus.hpp"

#include <algorithm>
#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <spdlog/spdlog.h>

#include "recarga/envelope/envelope.hpp"
#include "store/transaction_read_store.hpp"

namespace recarga::manager::events {

namespace json = boost::json;
namespace env = recarga::envelope;
using namespace std::chrono_literals;

void declare_exchange(amqp::Connection& broker) {
    broker.declare_exchange(kExchange, "fanout", true);
}

LiveEventPublisher::LiveEventPublisher(amqp::Connection& broker) : broker_(broker) {
    declare_exchange(broker_);
}

void complete_from_database(pqxx::connection& db, std::vector<LiveEvent>& events) {
    json::array tx_keys;
    json::array offline_keys;
    for (const auto& e : events) {
        if (e.transaction_key) {
            tx_keys.push_back(json::object{{"s", e.station}, {"t", *e.transaction_key}});
        }
        if (e.needs_offline_check) {
            offline_keys.push_back(json::object{{"s", e.station}});
        }
    }
    if (tx_keys.empty() && offline_keys.empty()) {
        return;
    }
    // One round trip for the whole batch: the transactions (as the API's Transaction) and the stations that are
    // still connected (their disconnect was of a replaced connection).
    pqxx::nontransaction q(db);
    auto rows = q.exec_params(
        "SELECT 't', k.s, k.t, " + transaction_json_sql() + "::text "
        "FROM json_to_recordset($1::json) AS k(s text, t text) "
        "JOIN transactions t ON t.station_id = k.s AND t.transaction_id = k.t "
        "UNION ALL SELECT 'c', s.id, '', '' FROM stations s "
        "WHERE s.connected AND s.id IN (SELECT k.s FROM json_to_recordset($2::json) AS k(s text))",
        json::serialize(tx_keys), json::serialize(offline_keys));
    std::map<std::pair<std::string, std::string>, json::value> transactions;
    std::vector<std::string> still_connected;
    for (const auto& r : rows) {
        if (r[0].as<std::string>() == "t") {
            transactions[{r[1].as<std::string>(), r[2].as<std::string>()}] = json::parse(r[3].as<std::string>());
        } else {
            still_connected.push_back(r[1].as<std::string>());
        }
    }
    for (auto& e : events) {
        if (!e.transaction_key) {
            continue;
        }
        if (auto it = transactions.find({e.station, *e.transaction_key}); it != transactions.end()) {
            e.data["transaction"] = it->second;
        }
    }
    std::erase_if(events, [&](const LiveEvent& e) {
        if (e.needs_offline_check) {
            return std::find(still_connected.begin(), still_connected.end(), e.station) != still_connected.end();
        }
        return e.transaction_key.has_value() && !e.data.contains("transaction"); // not found: nothing to show
    });
}

void LiveEventPublisher::publish_batch(pqxx::connection& db, std::vector<LiveEvent> out) {
    if (out.empty()) {
        return;
    }
    try {
        complete_from_database(db, out);
    } catch (const pqxx::broken_connection&) {
        throw; // the worker reconnects
    } catch (const std::exception& e) {
        spdlog::warn("live events of a batch not completed: {}", e.what());
        std::erase_if(out, [](const LiveEvent& ev) { return ev.transaction_key || ev.needs_offline_check; });
    }
    publish(std::move(out));
}

void LiveEventPublisher::publish(std::vector<LiveEvent> events) {
    if (events.empty()) {
        return;
    }
    // A broker failure throws AmqpError to the owning thread, which reconnects as for any other publish.
    broker_.publish(kExchange, "", encode(events), {.content_type = kContentType});
}

EventHub::EventHub(const Config& config, Queue queue, Sink sink)
    : config_(config), queue_(queue), sink_(std::move(sink)) {}

EventHub::~EventHub() { stop(); }

void EventHub::start() {
    thread_ = std::thread([this] { run(); });
}

void EventHub::stop() {
    stopping_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    }
}

void EventHub::run() {
    const bool shared = queue_ == Queue::Webhooks;
    const std::string name = shared ? std::string(kWebhookQueue)
                                    : std::string(kExchange) + "." + config_.manager_id + "." + env::new_trace_id();
    auto backoff = 100ms;
    while (!stopping_.load()) {
        try {
            amqp::Connection conn({.url = config_.amqp_url,
                                   .ca_cert_file = config_.amqp_ca_file,
                                   .name = config_.manager_id + (shared ? "/webhooks" : "/events")});
            declare_exchange(conn);
            if (shared) {
                // Bounded: with no manager consuming (all down), the oldest events are dropped, not stored forever.
                conn.declare_queue(name, {.durable = true, .max_length = kWebhookQueueMaxLength});
            } else {
                conn.declare_queue(name, {.durable = false, .exclusive = true, .auto_delete = true,
                                         .max_length = kWebhookQueueMaxLength});
            }
            conn.bind_queue(name, kExchange, "");
            conn.consume(name, true);
            up_.store(true);
            backoff = 100ms;
            while (!stopping_.load()) {
                auto d = conn.next(200ms);
                if (!d) {
                    continue;
                }
                auto batch = decode(d->body);
                if (!batch) {
                    spdlog::warn("dropping a malformed live event message on {}", name);
                    continue;
                }
                sink_(std::move(*batch));
            }
            up_.store(false);
            return;
        } catch (const std::exception& e) {
            up_.store(false);
            spdlog::warn("live events consumer ({}) failed: {}", name, e.what());
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

} // namespace recarga::manager::events
