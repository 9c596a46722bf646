// The billing loop: a thread of every manager that fixes the tariff of new transactions (the version current
// when the transaction reached the system, ADR 0003) and writes the final cost of ended ones. Work is shared
// between managers through row locks (FOR UPDATE SKIP LOCKED) and is idempotent: a transaction is priced once,
// whichever manager dies when.
#pragma once

#include "domain/tariff.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <pqxx/connection>
#include <string>
#include <thread>

namespace recarga::manager {

struct Config;

namespace billing {

// One pass over at most `limit` pending transactions; returns how many changed state.
int run_pass(pqxx::connection& db, long limit);

// The running or final cost of one transaction (by the manager's id), or nullopt when it has no tariff.
std::optional<CostBreakdown> current_cost(pqxx::transaction_base& tx, long long transaction);

class BillingLoop {
public:
    BillingLoop(std::string pg_url, std::chrono::milliseconds interval);
    ~BillingLoop();
    void start();
    void stop();

private:
    void run();
    std::string pg_url_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace billing
} // namespace recarga::manager
