#include "commands/command_client.hpp"

#include <spdlog/spdlog.h>

#include "events/event_bus.hpp"
#include "recarga/amqp/connection.hpp"
#include "recarga/envelope/contract.hpp"

namespace recarga::manager {

namespace env = recarga::envelope;
using namespace std::chrono_literals;

namespace {
constexpr auto kGrace = 3s; // the gateway answers "timeout" itself; this only covers a gateway that is gone
}

CommandClient::CommandClient(const Config& config)
    : config_(config), queue_("recarga.manager.commands." + config.manager_id + "." + env::new_trace_id()) {
    thread_ = std::thread([this] { run(); });
    // Wait briefly for the reply queue, so the first command does not race the declaration.
    for (int i = 0; i < 100 && !up_.load(); ++i) {
        std::this_thread::sleep_for(20ms);
    }
}

CommandClient::~CommandClient() {
    stopping_.store(true);
    wake_.notify();
    if (thread_.joinable()) {
        thread_.join();
    }
}

CommandClient& CommandClient::shared(const Config& config) {
    static CommandClient client(config);
    return client;
}

env::Envelope CommandClient::send(env::Envelope command) {
    command.kind = env::Kind::Command;
    command.message_id = env::new_trace_id() + env::new_trace_id();
    command.reply_to = queue_;
    if (command.trace_id.empty()) {
        command.trace_id = env::new_trace_id();
    }
    command.at_us = env::now_us();
    env::Envelope failed;
    failed.kind = env::Kind::CommandResult;
    failed.station = command.station;
    failed.gateway = command.gateway;
    failed.message_id = command.message_id;
    failed.trace_id = command.trace_id;
    if (!up_.load()) {
        failed.outcome = "unavailable";
        failed.error_description = "the broker is not reachable";
        return failed;
    }
    const auto wait = std::chrono::milliseconds(command.timeout_ms) + kGrace;
    std::future<env::Envelope> answer;
    const auto id = command.message_id;
    const auto action = command.action;
    // Every outcome is a command.answered live event (published by the client's thread).
    auto answered = [&](env::Envelope r) {
        {
            std::lock_guard lock(mutex_);
            answered_.push_back(events::command_answered(r, action));
        }
        wake_.notify();
        return r;
    };
    {
        std::lock_guard lock(mutex_);
        answer = waiting_[id].get_future();
        outbox_.push_back(std::move(command));
    }
    wake_.notify();
    if (answer.wait_for(wait) == std::future_status::ready) {
        return answered(answer.get());
    }
    {
        std::lock_guard lock(mutex_);
        waiting_.erase(id);
    }
    failed.outcome = "no-answer";
    failed.error_description = "the gateway did not answer";
    return answered(std::move(failed));
}

void CommandClient::run() {
    auto backoff = 100ms;
    while (!stopping_.load()) {
        try {
            amqp::Connection conn({.url = config_.amqp_url,
                                   .ca_cert_file = config_.amqp_ca_file,
                                   .name = config_.manager_id + "/commands"});
            conn.declare_queue(queue_, {.durable = false, .exclusive = true, .auto_delete = true});
            conn.consume(queue_, true);
            events::LiveEventPublisher live_events(conn);
            up_.store(true);
            backoff = 100ms;
            while (!stopping_.load()) {
                std::deque<env::Envelope> out;
                std::vector<events::LiveEvent> answered;
                {
                    std::lock_guard lock(mutex_);
                    out.swap(outbox_);
                    answered.swap(answered_);
                }
                live_events.publish(std::move(answered));
                for (const auto& c : out) {
                    spdlog::info("station={} messageId={} action={} traceId={} command to gateway {}", c.station,
                                 c.message_id, c.action, c.trace_id, c.gateway);
                    conn.publish("", env::gateway_queue(c.gateway), env::encode_batch(std::span(&c, 1)),
                                 {.content_type = env::kContentType});
                }
                // Woken at once when a command is queued (wake_), so a command never waits for this wait to end.
                auto d = conn.next(out.empty() ? 200ms : 0ms, wake_);
                if (!d) {
                    continue;
                }
                env::DecodeFailure failure;
                auto batch = env::decode_batch(d->body, failure);
                if (!batch) {
                    spdlog::error("dropping malformed message on {}: {}", queue_, failure.description);
                    continue;
                }
                std::lock_guard lock(mutex_);
                for (auto& r : *batch) {
                    auto it = waiting_.find(r.message_id);
                    if (r.kind != env::Kind::CommandResult || it == waiting_.end()) {
                        continue; // its HTTP request gave up already
                    }
                    it->second.set_value(std::move(r));
                    waiting_.erase(it);
                }
            }
            up_.store(false);
            return;
        } catch (const std::exception& e) {
            up_.store(false);
            spdlog::warn("command client connection failed: {}", e.what());
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

} // namespace recarga::manager
