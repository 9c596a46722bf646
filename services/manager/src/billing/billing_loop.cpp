#include "billing/billing_loop.hpp"

#include "billing/card_processor.hpp"
#include "billing/cost_messages.hpp"
#include "billing/payments.hpp"
#include "billing/tariff_json.hpp"
#include "commands/command_client.hpp"
#include "config.hpp"
#include "store/station_owner.hpp"
#include "store/tariff_store.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/chrono.h>
#include <future>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace recarga::manager::billing {

namespace {

// `extra`: readings not stored yet (an Ended event's, written with its batch after the handler).
std::optional<CostBreakdown> cost_of(PgTariffStore& store, const PricingCandidate& c,
                                     const std::vector<RegisterReading>& extra = {}) {
    if (!c.tariff_id || !c.tariff_version) {
        return std::nullopt;
    }
    auto tariff = store.get(*c.tariff_id, *c.tariff_version);
    if (!tariff) {
        return std::nullopt;
    }
    auto readings = store.readings(c);
    readings.insert(readings.end(), extra.begin(), extra.end());
    EpochMs end = store.end_of(c);
    EpochMs start = end;
    for (const auto& r : readings) {
        end = std::max(end, r.at); // running cost: up to the last reading, no idle tail guessed
        start = std::min(start, r.at);
    }
    constexpr EpochMs kDayMs = 86'400'000;
    store.fill_offsets(tariff->tariff, start - kDayMs, end + kDayMs); // a time zone's offsets (DST)
    return session_cost(tariff->tariff, std::move(readings), end);
}

void record_payment(pqxx::dbtransaction& tx, long long id, const PaymentResult& r) {
    if (r.status == PaymentResult::Status::Ok) {
        tx.exec_params("UPDATE transactions SET payment_state = 'captured', payment_error = NULL, "
                       "payment_attempts = payment_attempts + 1, next_payment_at = NULL WHERE id = $1",
                       id);
        return;
    }
    if (!r.reference.empty()) { // captured, but less than owed (card: the hold); visible, not retried
        spdlog::warn("transaction {} paid in part: {}", id, r.detail);
        tx.exec_params("UPDATE transactions SET payment_state = 'shortfall', payment_error = $2, "
                       "payment_attempts = payment_attempts + 1, next_payment_at = NULL WHERE id = $1",
                       id, r.detail);
        return;
    }
    spdlog::warn("transaction {} not paid ({}): retried later", id, r.detail);
    tx.exec_params("UPDATE transactions SET payment_state = 'failed', payment_error = $2, "
                   "payment_attempts = payment_attempts + 1, next_payment_at = now() + "
                   "least(interval '1 hour', interval '5 seconds' * power(2, payment_attempts)) WHERE id = $1",
                   id, r.detail);
}

// Pays a priced transaction: from its card hold if it has one (capture, or void at a zero price), else from
// the wallet of its token, if it has one. A failure is recorded and retried with backoff (the processor comes
// back, a top-up comes), visible in the transaction's payment state; every retry uses the same idempotency key.
void settle(const Config& config, pqxx::dbtransaction& tx, long long id, const std::optional<std::string>& id_token,
            const Money& total) {
    if (!tx.exec_params("SELECT 1 FROM payment_holds WHERE transaction_pk = $1", id).empty()) {
        auto processor = card_processor(config);
        if (!processor) {
            record_payment(tx, id, {PaymentResult::Status::Failed, "", "card payments are not configured"});
            return;
        }
        CardProvider card(tx, std::move(*processor));
        if (total.minor == 0) {
            auto r = card.void_hold(id);
            if (r.status == PaymentResult::Status::Ok) {
                tx.exec_params("UPDATE transactions SET payment_state = 'voided', payment_error = NULL, "
                               "payment_attempts = payment_attempts + 1, next_payment_at = NULL WHERE id = $1",
                               id);
                return;
            }
            record_payment(tx, id, r);
            return;
        }
        record_payment(tx, id, card.capture(id, id_token.value_or(""), total));
        return;
    }
    if (id_token && card_customer_of(tx, *id_token)) {
        // Started without a hold (e.g. offline, or before the payment method was set): visible, not retried.
        tx.exec_params("UPDATE transactions SET payment_state = 'failed', payment_error = 'no card hold for this "
                       "transaction', payment_attempts = payment_attempts + 1, next_payment_at = NULL WHERE id = $1",
                       id);
        return;
    }
    if (!id_token || !WalletStore(tx).for_token(*id_token)) {
        tx.exec_params("UPDATE transactions SET payment_state = 'none' WHERE id = $1", id);
        return;
    }
    record_payment(tx, id, WalletProvider(tx).capture(id, *id_token, total));
}

// Gives a new transaction the newest open card hold of its token (taken at its Authorize or start).
void attach_hold(pqxx::dbtransaction& tx, const PricingCandidate& c) {
    if (!c.id_token) {
        return;
    }
    tx.exec_params("UPDATE payment_holds SET transaction_pk = $1, updated_at = now() WHERE id = (SELECT id FROM "
                   "payment_holds WHERE id_token = $2 AND state = 'held' AND transaction_pk IS NULL ORDER BY id DESC "
                   "LIMIT 1 FOR UPDATE SKIP LOCKED)",
                   c.id, *c.id_token);
}

// Releases holds no transaction took within an hour (a refused or abandoned start).
int void_stale_holds(const Config& config, pqxx::dbtransaction& tx, long limit) {
    auto stale = tx.exec_params("SELECT id, reference FROM payment_holds WHERE state = 'held' AND transaction_pk IS "
                                "NULL AND created_at < now() - interval '1 hour' LIMIT $1 FOR UPDATE SKIP LOCKED",
                                limit);
    auto processor = stale.empty() ? std::nullopt : card_processor(config);
    int n = 0;
    for (const auto& row : stale) {
        if (!processor) {
            break;
        }
        auto r = processor->cancel(row[1].as<std::string>(), "cancel-hold-" + row[0].as<std::string>());
        if (r.status == PaymentResult::Status::Ok) {
            tx.exec_params("UPDATE payment_holds SET state = 'voided', updated_at = now() WHERE id = $1",
                           row[0].as<long long>());
            ++n;
        }
    }
    return n;
}

// Payments refused earlier whose retry is due.
int retry_payments(const Config& config, pqxx::dbtransaction& tx, long limit) {
    auto due = tx.exec_params("SELECT id, id_token, cost_total::text, cost_currency FROM transactions "
                              "WHERE payment_state = 'failed' AND next_payment_at <= now() ORDER BY next_payment_at "
                              "LIMIT $1 FOR UPDATE SKIP LOCKED",
                              limit);
    for (const auto& row : due) {
        const auto c = currency(row[3].c_str()).value_or(Currency{row[3].as<std::string>(), 2});
        const auto total = to_minor_units(Decimal::parse(row[2].c_str()).value_or(Decimal{}), c);
        settle(config, tx, row[0].as<long long>(),
               row[1].is_null() ? std::nullopt : std::optional<std::string>(row[1].as<std::string>()), {total, c});
    }
    return static_cast<int>(due.size());
}

} // namespace

int run_pass(const Config& config, pqxx::connection& db, long limit) {
    pqxx::work tx(db);
    PgTariffStore store(tx);
    int changed = 0;
    for (auto& c : store.lock_pending(limit)) {
        if (!c.pricing_state) {
            auto tariff = store.tariff_for(c);
            store.set_tariff(c.id, tariff);
            attach_hold(tx, c);
            ++changed;
            if (!tariff) {
                // Free: a card hold taken for it is released now.
                if (!tx.exec_params("SELECT 1 FROM payment_holds WHERE transaction_pk = $1", c.id).empty()) {
                    settle(config, tx, c.id, c.id_token,
                           {0, currency(config.card_currency).value_or(Currency{config.card_currency, 2})});
                }
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
            settle(config, tx, c.id, c.id_token, {cost->total, cost->currency});
            spdlog::info("station={} transaction={} priced {} {} (tariff {} v{})", c.station_id, c.transaction_id,
                         format_amount({cost->total, cost->currency}), cost->currency.code, *c.tariff_id,
                         *c.tariff_version);
            ++changed;
        }
    }
    changed += retry_payments(config, tx, limit);
    changed += void_stale_holds(config, tx, limit);
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
    PricingCandidate c{r[0][0].as<long long>(),
                       r[0][1].as<std::string>(),
                       r[0][2].as<std::string>(),
                       std::nullopt,
                       std::nullopt,
                       std::nullopt,
                       std::nullopt,
                       r[0][7].as<std::string>(),
                       r[0][8].as<int>()};
    PgTariffStore store(tx);
    return cost_of(store, c);
}

std::optional<Money> cost_at_end(pqxx::transaction_base& tx, const std::string& station,
                                 const std::string& transaction_id,
                                 const std::vector<std::pair<std::string, double>>& unstored) {
    auto r = tx.exec_params("SELECT id, tariff_id, tariff_version FROM transactions WHERE station_id = $1 AND "
                            "transaction_id = $2",
                            station, transaction_id);
    if (r.empty()) {
        return std::nullopt;
    }
    PricingCandidate c;
    c.id = r[0][0].as<long long>();
    c.station_id = station;
    c.transaction_id = transaction_id;
    PgTariffStore store(tx);
    auto tariff = r[0][1].is_null() ? store.tariff_for(c)
                                    : std::optional<std::pair<std::string, int>>(
                                          std::pair{r[0][1].as<std::string>(), r[0][2].as<int>()});
    if (!tariff) {
        return std::nullopt;
    }
    c.tariff_id = tariff->first;
    c.tariff_version = tariff->second;
    std::vector<RegisterReading> extra;
    for (const auto& [at, wh] : unstored) {
        extra.push_back(
            {tx.exec_params("SELECT (extract(epoch FROM $1::timestamptz) * 1000)::bigint", at)[0][0].as<EpochMs>(),
             wh});
    }
    auto cost = cost_of(store, c, extra);
    return cost ? std::optional<Money>(Money{cost->total, cost->currency}) : std::nullopt;
}

namespace {

struct CostMessage {
    long long id = 0;
    std::string station;
    std::string transaction_id;
    std::optional<std::int64_t> v16_id;
    std::string protocol;
    bool final = false;
    Money total;
    double meter_wh = 0;
};

Money money_of(const pqxx::field& amount, const pqxx::field& code) {
    const auto c = currency(code.c_str()).value_or(Currency{code.as<std::string>(), 2});
    return {to_minor_units(Decimal::parse(amount.c_str()).value_or(Decimal{}), c), c};
}

// Claims (under row locks, so managers do not send the same message twice) the cost messages due now.
std::vector<CostMessage> claim_cost_messages(const Config& config, pqxx::connection& db, long limit) {
    std::vector<CostMessage> out;
    pqxx::work tx(db);
    auto running = tx.exec_params(
        "UPDATE transactions t SET cost_sent_at = now() FROM stations s WHERE s.id = t.station_id AND t.id IN ("
        "  SELECT t2.id FROM transactions t2 JOIN stations s2 ON s2.id = t2.station_id "
        "  WHERE t2.state = 'Active' AND t2.pricing_state = 'tariffed' AND s2.connected "
        "    AND (s2.protocol <> 'ocpp1.6' OR $2) "
        "    AND (t2.cost_sent_at IS NULL OR t2.cost_sent_at <= now() - make_interval(secs => $1)) "
        "  ORDER BY t2.cost_sent_at NULLS FIRST LIMIT $3 FOR UPDATE OF t2 SKIP LOCKED) "
        "RETURNING t.id, t.station_id, t.transaction_id, t.v16_transaction_id, s.protocol, t.cost_sent::text, "
        "COALESCE(t.meter_start_wh, 0)",
        static_cast<double>(config.cost_update_interval_s), config.v16_cost_messages, limit);
    for (const auto& row : running) {
        auto cost = current_cost(tx, row[0].as<long long>());
        if (!cost) {
            continue;
        }
        CostMessage m{row[0].as<long long>(),
                      row[1].as<std::string>(),
                      row[2].as<std::string>(),
                      row[3].is_null() ? std::nullopt : std::optional<std::int64_t>(row[3].as<std::int64_t>()),
                      row[4].as<std::string>(),
                      false,
                      Money{cost->total, cost->currency},
                      row[6].as<double>() + static_cast<double>(cost->energy_mwh) / 1000.0};
        const auto total = numeric_text(m.total);
        if (!row[5].is_null() && Decimal::parse(row[5].c_str()) == Decimal::parse(total)) {
            continue; // the station knows this total already
        }
        tx.exec_params("UPDATE transactions SET cost_sent = $2::numeric WHERE id = $1", m.id, total);
        out.push_back(std::move(m));
    }
    auto finals = tx.exec_params(
        "UPDATE transactions t SET final_cost_sent_at = now() FROM stations s WHERE s.id = t.station_id AND t.id IN ("
        "  SELECT t2.id FROM transactions t2 JOIN stations s2 ON s2.id = t2.station_id "
        "  WHERE t2.pricing_state = 'priced' AND t2.final_cost_sent_at IS NULL "
        "    AND t2.priced_at > now() - interval '1 hour' AND s2.connected AND (s2.protocol <> 'ocpp1.6' OR $1) "
        "  LIMIT $2 FOR UPDATE OF t2 SKIP LOCKED) "
        "RETURNING t.id, t.station_id, t.transaction_id, t.v16_transaction_id, s.protocol, t.cost_total::text, "
        "t.cost_currency, COALESCE(t.meter_stop_wh, 0)",
        config.v16_cost_messages, limit);
    for (const auto& row : finals) {
        out.push_back({row[0].as<long long>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].is_null() ? std::nullopt : std::optional<std::int64_t>(row[3].as<std::int64_t>()),
                       row[4].as<std::string>(), true, money_of(row[5], row[6]), row[7].as<double>()});
    }
    tx.commit();
    return out;
}

} // namespace

int send_cost_messages(const Config& config, pqxx::connection& db, long limit) {
    auto due = claim_cost_messages(config, db, limit);
    if (due.empty()) {
        return 0;
    }
    std::vector<std::pair<const CostMessage*, std::future<envelope::Envelope>>> sent;
    {
        pqxx::read_transaction tx(db);
        const auto now = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
        for (const auto& m : due) {
            auto owner = station_owner(tx, m.station);
            const bool v16 = m.protocol == "ocpp1.6";
            if (!owner || !owner->connected || (v16 && !m.v16_id)) {
                continue;
            }
            envelope::Envelope cmd;
            cmd.station = m.station;
            cmd.gateway = owner->gateway;
            cmd.connection = owner->connection;
            cmd.protocol = owner->protocol;
            cmd.action = v16 ? "DataTransfer" : "CostUpdated";
            cmd.payload = v16 ? v16_cost_message(m.final, *m.v16_id, m.total, m.meter_wh, now)
                              : cost_updated(m.total, m.transaction_id);
            cmd.timeout_ms = 10000;
            sent.emplace_back(&m, std::async(std::launch::async, [&config, cmd = std::move(cmd)]() mutable {
                return CommandClient::shared(config).send(std::move(cmd));
            }));
        }
    }
    int delivered = 0;
    for (auto& [m, answer] : sent) {
        const auto r = answer.get();
        const bool answered = r.outcome == envelope::outcome::kResult || r.outcome == envelope::outcome::kError;
        delivered += answered ? 1 : 0;
        spdlog::debug("station={} transaction={} {} cost {} {}: {}", m->station, m->transaction_id,
                      m->final ? "final" : "running", format_amount(m->total), m->total.currency.code, r.outcome);
        if (!answered && m->final) {
            // Not delivered: tried again on a later pass while the hour lasts.
            pqxx::work tx(db);
            tx.exec_params("UPDATE transactions SET final_cost_sent_at = NULL WHERE id = $1", m->id);
            tx.commit();
        }
    }
    return delivered;
}

BillingLoop::BillingLoop(const Config& config) : config_(config) {}

BillingLoop::~BillingLoop() {
    stop();
}

void BillingLoop::start() {
    constexpr long kBatch = 200;
    constexpr long kCostMessagesPerPass = 50;
    // Pricing and payment never wait for a station: cost messages, which wait for answers, run on a thread of
    // their own.
    pricing_ =
        std::thread([this] { run("billing", [this](pqxx::connection& db) { return run_pass(config_, db, kBatch) >= kBatch; }); });
    if (config_.cost_update_interval_s > 0) {
        messages_ = std::thread([this] {
            run("cost messages", [this](pqxx::connection& db) {
                return send_cost_messages(config_, db, kCostMessagesPerPass) >= kCostMessagesPerPass;
            });
        });
    }
}

void BillingLoop::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto* t : {&pricing_, &messages_}) {
        if (t->joinable()) {
            t->join();
        }
    }
}

void BillingLoop::run(const char* what, const std::function<bool(pqxx::connection&)>& pass) {
    std::unique_ptr<pqxx::connection> db;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        bool more = false;
        try {
            if (!db || !db->is_open()) {
                db = std::make_unique<pqxx::connection>(config_.pg_url);
            }
            more = pass(*db);
        } catch (const std::exception& e) {
            spdlog::warn("{} pass failed (retried): {}", what, e.what());
            db.reset();
        }
        lock.lock();
        if (!more) {
            wake_.wait_for(lock, std::chrono::milliseconds(config_.billing_interval_ms), [this] { return stopping_; });
        }
    }
}

} // namespace recarga::manager::billing
