#include "broker_link.hpp"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "recarga/amqp/connection.hpp"
#include "recarga/envelope/contract.hpp"
#include "recarga/envelope/topology.hpp"

namespace recarga::gateway {

namespace env = recarga::envelope;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMaxBatch = 128;

amqp::ConnectionConfig connection_config(const Config& c, std::string_view role) {
    return {.url = c.amqp_url, .ca_cert_file = c.amqp_ca_file, .name = c.gateway_id + "/" + std::string(role)};
}

} // namespace

BrokerLink::BrokerLink(const Config& config, BatchHandler on_batch) : config_(config), on_batch_(std::move(on_batch)) {}

BrokerLink::~BrokerLink() { stop(); }

std::string BrokerLink::reply_queue() const { return env::gateway_queue(config_.gateway_id); }

void BrokerLink::start() {
    consumer_ = std::thread([this] { consumer_loop(); });
    publisher_ = std::thread([this] { publisher_loop(); });
    while (!consumer_up_.load() && !stopping_.load()) {
        std::this_thread::sleep_for(20ms);
    }
}

void BrokerLink::stop() {
    stopping_.store(true);
    cv_.notify_all();
    if (publisher_.joinable()) {
        publisher_.join();
    }
    if (consumer_.joinable()) {
        consumer_.join();
    }
}

std::size_t BrokerLink::queued() {
    std::lock_guard lock(mutex_);
    return pending_.size();
}

bool BrokerLink::publish(env::Envelope e) {
    {
        std::lock_guard lock(mutex_);
        if (pending_.size() >= config_.publish_queue_limit) {
            return false;
        }
        pending_.push_back(std::move(e));
    }
    cv_.notify_one();
    return true;
}

void BrokerLink::publisher_loop() {
    auto backoff = 100ms;
    std::vector<env::Envelope> batch;
    while (!stopping_.load()) {
        try {
            amqp::Connection conn(connection_config(config_, "publish"));
            env::declare_ingress_topology(conn, config_.amqp_queue_type);
            publisher_up_.store(true);
            backoff = 100ms;
            const auto reply_to = reply_queue();
            while (true) {
                {
                    std::unique_lock lock(mutex_);
                    cv_.wait_for(lock, 1s, [&] { return stopping_.load() || !pending_.empty(); });
                    if (pending_.empty()) {
                        if (stopping_.load()) {
                            return;
                        }
                        continue;
                    }
                    batch.swap(pending_);
                }
                // Command results go straight to the queue of the manager that waits for them.
                auto results = std::stable_partition(batch.begin(), batch.end(), [](const env::Envelope& e) {
                    return e.kind != env::Kind::CommandResult;
                });
                for (auto it = results; it != batch.end(); ++it) {
                    conn.publish("", it->reply_to, env::encode_batch(std::span(&*it, 1)),
                                 {.content_type = env::kContentType});
                }
                batch.erase(results, batch.end());
                // Lanes keep their own batches: priority traffic never waits inside a bulk message.
                const auto bulk = std::stable_partition(batch.begin(), batch.end(), [&](const env::Envelope& e) {
                    return e.kind != env::Kind::Call ||
                           (!config_.single_lane && env::lane_for_action(e.action) == env::kLanePriority);
                });
                const auto split = static_cast<std::size_t>(bulk - batch.begin());
                auto publish_lane = [&](std::size_t first, std::size_t last, std::string_view lane) {
                    for (std::size_t i = first; i < last; i += kMaxBatch) {
                        const auto n = std::min(kMaxBatch, last - i);
                        conn.publish(env::kIngressExchange, lane, env::encode_batch(std::span(batch).subspan(i, n)),
                                     {.content_type = env::kContentType,
                                      .reply_to = reply_to,
                                      .persistent = config_.persistent_messages});
                    }
                };
                publish_lane(0, split, env::kLanePriority);
                publish_lane(split, batch.size(), env::kLaneBulk);
                const auto now_us = env::now_us();
                for (const auto& e : batch) {
                    if (e.at_us != 0) {
                        publish_lag.observe(std::chrono::microseconds(now_us - e.at_us));
                    }
                }
                batch.clear();
            }
        } catch (const std::exception& e) {
            publisher_up_.store(false);
            // Envelopes of a failed batch are dropped: their stations get no answer, time out and retry, so
            // nothing the station considers delivered is lost.
            if (!batch.empty()) {
                spdlog::warn("broker publish failed, {} envelopes not sent: {}", batch.size(), e.what());
                batch.clear();
            } else {
                spdlog::warn("broker publisher connection failed: {}", e.what());
            }
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

void BrokerLink::consumer_loop() {
    auto backoff = 100ms;
    while (!stopping_.load()) {
        try {
            amqp::Connection conn(connection_config(config_, "consume"));
            env::declare_ingress_topology(conn, config_.amqp_queue_type);
            // Exclusive and auto-deleted: replies for a gateway that is gone have no socket to go to.
            conn.declare_queue(reply_queue(), {.durable = false, .exclusive = true, .auto_delete = true});
            conn.set_prefetch(512);
            conn.consume(reply_queue(), false);
            consumer_up_.store(true);
            backoff = 100ms;
            spdlog::info("broker connected, consuming {}", reply_queue());
            while (!stopping_.load()) {
                auto d = conn.next(200ms);
                if (!d) {
                    continue;
                }
                std::uint64_t last_tag = d->delivery_tag;
                do {
                    env::DecodeFailure failure;
                    auto batch = env::decode_batch(d->body, failure);
                    if (!batch) {
                        spdlog::error("dropping malformed message on {}: {}", reply_queue(), failure.description);
                    } else {
                        on_batch_(std::move(*batch));
                    }
                    last_tag = d->delivery_tag;
                } while (conn.has_buffered() && (d = conn.next(0ms)));
                conn.ack(last_tag, true);
            }
            return;
        } catch (const std::exception& e) {
            consumer_up_.store(false);
            spdlog::warn("broker consumer connection failed: {}", e.what());
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

} // namespace recarga::gateway
