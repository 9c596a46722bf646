// Delivers live events to the registered webhooks: each event POSTed as JSON ({type, stationId, at, data}) with
// `X-Recarga-Signature: sha256=<hex HMAC-SHA256 of the body with the webhook's secret>`, retried with exponential
// backoff when the receiver does not answer 2xx, every attempt recorded on the webhook (delivery state in the API).
//
// Bounds: at most `kMaxQueued` deliveries wait (new ones beyond are dropped and counted as failed on their
// webhook); at most `kMaxAttempts` attempts per delivery; each attempt times out after `kTimeout`. Events come
// from the shared `recarga.webhooks` queue (events/event_bus.hpp), so each is delivered by one manager; a manager
// that stops loses the deliveries it still had queued (at-most-once beyond the retries).
//
// Concurrency contract: enqueue() may be called from any thread; one thread of the dispatcher delivers, with its
// own database connection; the HTTP client (`Poster`) is called on that thread only.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/object.hpp>

#include "config.hpp"
#include "webhooks/webhook_store.hpp"

namespace recarga::manager::webhooks {

struct PostResult {
    int status = 0;    // HTTP status; 0 when there was no answer
    std::string error; // why there was no answer (or the receiver's refusal)
    std::string body;  // the answer's body (at most 64 KiB)
};
using Poster = std::function<PostResult(const std::string& url,
                                        const std::vector<std::pair<std::string, std::string>>& headers,
                                        const std::string& body, std::chrono::milliseconds timeout)>;

inline constexpr std::size_t kMaxQueued = 1000;
inline constexpr int kMaxAttempts = 6;
inline constexpr std::chrono::milliseconds kTimeout{5000};

// The X-Recarga-Signature header value.
std::string signature_header(std::string_view secret, std::string_view body);
// Wait before attempt `attempt` (2, 3, ...): 1 s, 2 s, 4 s, ... capped at 60 s.
std::chrono::milliseconds retry_delay(int attempt);

class Dispatcher {
public:
    Dispatcher(const Config& config, Poster poster);
    ~Dispatcher();
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;
    void start();
    void stop();
    // Queues the events of one broker message for every webhook that wants their type.
    void enqueue(std::vector<boost::json::object> events);

private:
    struct Delivery {
        std::string webhook;
        std::string url;
        std::string secret;
        std::string body;
        int attempt = 0;
        std::chrono::steady_clock::time_point due;
    };
    void run();
    const Config& config_;
    Poster poster_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<boost::json::object> inbox_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace recarga::manager::webhooks
