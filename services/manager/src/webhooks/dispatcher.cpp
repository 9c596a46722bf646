#include "webhooks/dispatcher.hpp"

#include <algorithm>
#include <map>

#include <boost/json/serialize.hpp>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "domain/auth.hpp"

namespace recarga::manager::webhooks {

using namespace std::chrono_literals;

std::string signature_header(std::string_view secret, std::string_view body) {
    return "sha256=" + auth::hmac_sha256_hex(secret, body);
}

std::chrono::milliseconds retry_delay(int attempt) {
    if (attempt <= 1) {
        return 0ms;
    }
    const int shift = std::min(attempt - 2, 6);
    return std::min(std::chrono::milliseconds(1000LL << shift), std::chrono::milliseconds(60000));
}

Dispatcher::Dispatcher(const Config& config, Poster poster) : config_(config), poster_(std::move(poster)) {}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() {
    thread_ = std::thread([this] { run(); });
}

void Dispatcher::stop() {
    stopping_.store(true);
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Dispatcher::enqueue(std::vector<boost::json::object> events) {
    {
        std::lock_guard lock(mutex_);
        for (auto& e : events) {
            if (inbox_.size() >= kMaxQueued) {
                spdlog::warn("webhook inbox full: an event was dropped");
                break;
            }
            inbox_.push_back(std::move(e));
        }
    }
    cv_.notify_one();
}

void Dispatcher::run() {
    std::unique_ptr<pqxx::connection> db;
    std::vector<WebhookTarget> targets;
    auto targets_read = std::chrono::steady_clock::time_point{};
    std::vector<Delivery> queue; // kept small (kMaxQueued); scanned for the earliest due
    auto database = [&]() -> pqxx::connection& {
        if (!db || !db->is_open()) {
            db = std::make_unique<pqxx::connection>(config_.pg_url);
        }
        return *db;
    };
    // Records an attempt; a database failure only costs the record (logged), never the delivery loop.
    auto record = [&](const Delivery& d, int status, const std::string& error, bool ok, bool final) {
        try {
            pqxx::work tx(database());
            PgWebhookStore(tx).record_attempt(d.webhook, status, error, ok, final);
            tx.commit();
        } catch (const std::exception& e) {
            db.reset();
            spdlog::warn("webhook {} delivery state not recorded: {}", d.webhook, e.what());
        }
    };
    while (!stopping_.load()) {
        std::vector<boost::json::object> fresh;
        {
            std::unique_lock lock(mutex_);
            auto next_due = std::chrono::steady_clock::now() + 1s;
            for (const auto& d : queue) {
                next_due = std::min(next_due, d.due);
            }
            cv_.wait_until(lock, next_due, [&] { return stopping_.load() || !inbox_.empty(); });
            fresh.swap(inbox_);
        }
        const auto now = std::chrono::steady_clock::now();
        if (!fresh.empty()) {
            // Registrations change rarely: read them at most every 2 s.
            if (now - targets_read > 2s) {
                try {
                    pqxx::read_transaction tx(database());
                    targets = PgWebhookStore(tx).targets();
                    targets_read = now;
                } catch (const std::exception& e) {
                    db.reset();
                    spdlog::warn("webhooks not read: {}", e.what());
                }
            }
            for (const auto& e : fresh) {
                const auto* type = e.if_contains("type");
                if (type == nullptr || !type->is_string()) {
                    continue;
                }
                std::string body;
                for (const auto& t : targets) {
                    if (!t.wants(type->get_string())) {
                        continue;
                    }
                    if (body.empty()) {
                        body = boost::json::serialize(e);
                    }
                    Delivery d{t.id, t.url, t.secret, body, 1, now};
                    if (queue.size() >= kMaxQueued) {
                        record(d, 0, "delivery queue full: event dropped", false, true);
                        continue;
                    }
                    queue.push_back(std::move(d));
                }
            }
        }
        // Deliver what is due, earliest first.
        std::sort(queue.begin(), queue.end(), [](const Delivery& a, const Delivery& b) { return a.due < b.due; });
        std::vector<Delivery> later;
        for (auto& d : queue) {
            if (stopping_.load() || d.due > std::chrono::steady_clock::now()) {
                later.push_back(std::move(d));
                continue;
            }
            auto r = poster_(d.url,
                             {{"Content-Type", "application/json"},
                              {"X-Recarga-Signature", signature_header(d.secret, d.body)},
                              {"X-Recarga-Delivery-Attempt", std::to_string(d.attempt)}},
                             d.body, kTimeout);
            const bool ok = r.status >= 200 && r.status < 300;
            const bool final = ok || d.attempt >= kMaxAttempts;
            std::string error = r.error;
            if (!ok && error.empty()) {
                error = "the receiver answered HTTP " + std::to_string(r.status);
            }
            if (!ok) {
                spdlog::info("webhook {} attempt {} failed: {}", d.webhook, d.attempt, error);
            }
            record(d, r.status, ok ? std::string() : error, ok, final);
            if (!final) {
                ++d.attempt;
                d.due = std::chrono::steady_clock::now() + retry_delay(d.attempt);
                later.push_back(std::move(d));
            }
        }
        queue.swap(later);
    }
}

} // namespace recarga::manager::webhooks
