#include "billing/billing_loop.hpp"

#include "billing/payments.hpp"
#include "billing/tariff_json.hpp"
#include "store/tariff_store.hpp"

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace recarga::manager::billing {

namespace {

std::optional<CostBreakdown> cost_of(PgTariffStore& store, const PricingCandidate& c) {
    if (!c.tariff_id || !c.tariff_version) {
        return std::nullopt;
    }
    auto tariff = store.get(*c.tariff_id, *c.tariff_version);
    if (!tariff) {
        return std::nullopt;
    }
    auto readings = store.readings(c);
    EpochMs end = store.end_of(c);
    for (const auto& r : readings) {
        end = std::max(end, r.at); // running cost: up to the last reading, no idle tail guessed
    }
    return session_cost(tariff->tariff, std::move(readings), end);
}

// Pays a priced transaction from the wallet of its token, if it has one; a refusal is recorded and retried
// with backoff (a top-up may come), visible in the transaction's payment state.
void settle(pqxx::dbtransaction& tx, long long id, const std::optional<std::string>& id_token, const Money& total) {
    if (!id_token || !WalletStore(tx).for_token(*id_token)) {
        tx.exec_params("UPDATE transactions SET payment_state = 'none' WHERE id = $1", id);
        return;
    }
    auto r = WalletProvider(tx).capture(id, *id_token, total);
    if (r.status == PaymentResult::Status::Ok) {
        tx.exec_params("UPDATE transactions SET payment_state = 'captured', payment_error = NULL, "
                       "payment_attempts = payment_attempts + 1, next_payment_at = NULL WHERE id = $1",
                       id);
        return;
    }
    spdlog::warn("transaction {} not paid ({}): retried later", id, r.detail);
    tx.exec_params("UPDATE transactions SET payment_state = 'failed', payment_error = $2, "
                   "payment_attempts = payment_attempts + 1, next_payment_at = now() + "
                   "least(interval '1 hour', interval '5 seconds' * power(2, payment_attempts)) WHERE id = $1",
                   id, r.detail);
}

// Payments refused earlier whose retry is due.
int retry_payments(pqxx::dbtransaction& tx, long limit) {
    auto due = tx.exec_params("SELECT id, id_token, cost_total::text, cost_currency FROM transactions "
                              "WHERE payment_state = 'failed' AND next_payment_at <= now() ORDER BY next_payment_at "
                              "LIMIT $1 FOR UPDATE SKIP LOCKED",
                              limit);
    for (const auto& row : due) {
        const auto c = currency(row[3].c_str()).value_or(Currency{row[3].as<std::string>(), 2});
        const auto total = to_minor_units(Decimal::parse(row[2].c_str()).value_or(Decimal{}), c);
        settle(tx, row[0].as<long long>(),
               row[1].is_null() ? std::nullopt : std::optional<std::string>(row[1].as<std::string>()), {total, c});
    }
    return static_cast<int>(due.size());
}

} // namespace

int run_pass(pqxx::connection& db, long limit) {
    pqxx::work tx(db);
    PgTariffStore store(tx);
    int changed = 0;
    for (auto& c : store.lock_pending(limit)) {
        if (!c.pricing_state) {
            auto tariff = store.tariff_for(c);
            store.set_tariff(c.id, tariff);
            ++changed;
            if (!tariff) {
                continue;
            }
            c.tariff_id = tariff->first;
            c.tariff_version = tariff->second;
        }
        if (c.state != "Ended") {
            continue;
        }
        if (auto cost = cost_of(store, c)) {
            store.set_price(c.id, *cost, boost::json::serialize(breakdown_to_json(*cost)));
            settle(tx, c.id, c.id_token, {cost->total, cost->currency});
            spdlog::info("station={} transaction={} priced {} {} (tariff {} v{})", c.station_id, c.transaction_id,
                         format_amount({cost->total, cost->currency}), cost->currency.code, *c.tariff_id,
                         *c.tariff_version);
            ++changed;
        }
    }
    changed += retry_payments(tx, limit);
    tx.commit();
    return changed;
}

std::optional<CostBreakdown> current_cost(pqxx::transaction_base& tx, long long transaction) {
    auto r = tx.exec_params("SELECT id, station_id, transaction_id, evse_id, id_token, state, pricing_state, "
                            "tariff_id, tariff_version FROM transactions WHERE id = $1",
                            transaction);
    if (r.empty() || r[0][7].is_null()) {
        return std::nullopt;
    }
    PricingCandidate c{r[0][0].as<long long>(), r[0][1].as<std::string>(), r[0][2].as<std::string>(), std::nullopt,
                       std::nullopt, std::nullopt, std::nullopt, r[0][7].as<std::string>(), r[0][8].as<int>()};
    PgTariffStore store(tx);
    return cost_of(store, c);
}

BillingLoop::BillingLoop(std::string pg_url, std::chrono::milliseconds interval)
    : pg_url_(std::move(pg_url)), interval_(interval) {}

BillingLoop::~BillingLoop() {
    stop();
}

void BillingLoop::start() {
    thread_ = std::thread([this] { run(); });
}

void BillingLoop::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void BillingLoop::run() {
    std::unique_ptr<pqxx::connection> db;
    constexpr long kBatch = 200;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        bool more = false;
        try {
            if (!db || !db->is_open()) {
                db = std::make_unique<pqxx::connection>(pg_url_);
            }
            more = run_pass(*db, kBatch) >= kBatch;
        } catch (const std::exception& e) {
            spdlog::warn("billing pass failed (retried): {}", e.what());
            db.reset();
        }
        lock.lock();
        if (!more) {
            wake_.wait_for(lock, interval_, [this] { return stopping_; });
        }
    }
}

} // namespace recarga::manager::billing
