// A bounded pool of threads for the blocking part of API requests (PostgreSQL through libpqxx, waits for a
// station's answer), so that the HTTP server's event loop never blocks and one slow request does not hold up
// the others. At most `max_pending` jobs are queued or running; beyond that try_submit refuses (the server
// answers 503).
//
// Concurrency contract: try_submit() and stop() may be called from any thread; jobs run on the pool's threads,
// each job on one thread from start to end (so thread-local state such as a database connection is the job's
// alone while it runs).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace recarga::manager::api {

class RequestPool {
public:
    RequestPool(std::string name, std::size_t threads, std::size_t max_pending);
    ~RequestPool();
    RequestPool(const RequestPool&) = delete;
    RequestPool& operator=(const RequestPool&) = delete;

    // Queues `job`; false when the pool is full or stopping.
    bool try_submit(std::function<void()> job);
    // Refuses new jobs, lets the queued and running ones finish, and joins the threads.
    void stop();
    std::size_t pending() const;

private:
    void run();
    std::string name_;
    std::size_t max_pending_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace recarga::manager::api
