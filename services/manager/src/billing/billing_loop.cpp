#include "billing/billing_loop.hpp"

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
            spdlog::info("station={} transaction={} priced {} {} (tariff {} v{})", c.station_id, c.transaction_id,
                         format_amount({cost->total, cost->currency}), cost->currency.code, *c.tariff_id,
                         *c.tariff_version);
            ++changed;
        }
    }
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
