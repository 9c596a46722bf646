#include "api/request_pool.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace recarga::manager::api {

RequestPool::RequestPool(std::string name, std::size_t threads, std::size_t max_pending)
    : name_(std::move(name)), max_pending_(std::max<std::size_t>(max_pending, 1)) {
    threads = std::max<std::size_t>(threads, 1);
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        threads_.emplace_back([this] { run(); });
    }
}

RequestPool::~RequestPool() { stop(); }

bool RequestPool::try_submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() + running_ >= max_pending_) {
            return false;
        }
        queue_.push_back(std::move(job));
    }
    cv_.notify_one();
    return true;
}

std::size_t RequestPool::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + running_;
}

void RequestPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable()) {
            t.join();
        }
    }
    threads_.clear();
}

void RequestPool::run() {
    while (true) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return; // stopping, and nothing left to do
            }
            job = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("{} pool: a job failed: {}", name_, e.what());
        }
        std::lock_guard lock(mutex_);
        --running_;
    }
}

} // namespace recarga::manager::api
