// The billing loop: a thread of every manager that fixes the tariff of new transactions (the version current
// when the transaction reached the system, ADR 0004) and writes the final cost of ended ones. Work is shared
// between managers through row locks (FOR UPDATE SKIP LOCKED) and is idempotent: a transaction is priced once,
// whichever manager dies when.
#pragma once

#include "domain/tariff.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <pqxx/connection>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace recarga::manager {

struct Config;

namespace billing {

// One pass over at most `limit` pending transactions; returns how many changed state.
int run_pass(const Config& config, pqxx::connection& db, long limit);

// The running or final cost of one transaction (by the manager's id), or nullopt when it has no tariff.
std::optional<CostBreakdown> current_cost(pqxx::transaction_base& tx, long long transaction);

// The final total of a 2.x transaction as its Ended event is handled (the TransactionEventResponse's totalCost):
// its stored readings plus `unstored` (the event's own register readings, time as sent and Wh, written with the
// batch after the handler), under its fixed tariff or the one the billing loop will fix; the billing loop's
// final price is the same. nullopt when no tariff applies.
std::optional<Money> cost_at_end(pqxx::transaction_base& tx, const std::string& station,
                                 const std::string& transaction_id,
                                 const std::vector<std::pair<std::string, double>>& unstored);

// Tells stations the running cost of their transactions (every cost_update_interval_s while it changes) and
// the final cost once priced; returns how many messages were sent.
int send_cost_messages(const Config& config, pqxx::connection& db, long limit);

class BillingLoop {
public:
    explicit BillingLoop(const Config& config);
    ~BillingLoop();
    void start();
    void stop();

private:
    // Runs `pass` until stopped, pausing billing_interval_ms after a pass that reports no more work.
    void run(const char* what, const std::function<bool(pqxx::connection&)>& pass);
    const Config& config_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread pricing_;
    std::thread messages_;
};

} // namespace billing
} // namespace recarga::manager
