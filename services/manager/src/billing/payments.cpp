#include "billing/payments.hpp"

#include <pqxx/pqxx>

namespace recarga::manager::billing {

namespace {

constexpr const char* kWalletColumns =
    "id, currency, id_token, id_token_group, allow_negative, balance::text, iso_utc(created_at), iso_utc(updated_at)";

template <class T> std::optional<T> opt(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<T>(f.as<T>());
}

// "12.340000" (numeric(18,6)) in the currency's digits: "12.34".
std::string in_currency(const std::string& numeric, const Currency& c) {
    auto d = Decimal::parse(numeric).value_or(Decimal{});
    return format_amount({to_minor_units(d, c), c});
}

WalletRecord wallet_of(const pqxx::row& r) {
    WalletRecord w;
    w.id = r[0].as<std::string>();
    w.currency = currency(r[1].c_str()).value_or(Currency{r[1].as<std::string>(), 2});
    w.id_token = opt<std::string>(r[2]);
    w.id_token_group = opt<std::string>(r[3]);
    w.allow_negative = r[4].as<bool>();
    w.balance = in_currency(r[5].as<std::string>(), w.currency);
    w.created_at = r[6].as<std::string>();
    w.updated_at = r[7].as<std::string>();
    return w;
}

std::optional<WalletRecord> one(const pqxx::result& r) {
    return r.empty() ? std::nullopt : std::optional<WalletRecord>(wallet_of(r[0]));
}

PaymentResult failed(PaymentResult::Status s, std::string detail) {
    return {s, "", std::move(detail)};
}

} // namespace

std::string numeric_text(const Money& m) {
    return Decimal::from_micros(m.minor * pow10(Decimal::kDigits - m.currency.minor_digits)).to_string();
}

std::optional<WalletRecord> WalletStore::get(const std::string& id) {
    return one(tx_.exec_params(std::string("SELECT ") + kWalletColumns + " FROM wallets WHERE id = $1", id));
}

std::optional<WalletRecord> WalletStore::for_token(const std::string& id_token) {
    return one(tx_.exec_params(std::string("SELECT ") + kWalletColumns +
                                   " FROM wallets w WHERE w.id_token = $1 OR w.id_token_group IN "
                                   "(SELECT group_id_token FROM id_tokens WHERE id_token = $1) "
                                   "ORDER BY (w.id_token IS NOT NULL) DESC LIMIT 1 FOR UPDATE",
                               id_token));
}

std::vector<WalletRecord> WalletStore::list(std::optional<std::string> after_id, long limit) {
    auto r = tx_.exec_params(std::string("SELECT ") + kWalletColumns +
                                 " FROM wallets WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2",
                             after_id, limit);
    std::vector<WalletRecord> out;
    for (const auto& row : r) {
        out.push_back(wallet_of(row));
    }
    return out;
}

void WalletStore::create(const WalletRecord& w) {
    tx_.exec_params("INSERT INTO wallets (id, currency, id_token, id_token_group, allow_negative) "
                    "VALUES ($1, $2, $3, $4, $5)",
                    w.id, w.currency.code, w.id_token, w.id_token_group, w.allow_negative);
}

std::optional<long long> WalletStore::top_up(const std::string& wallet, const Decimal& amount, const std::string& by,
                                             const std::optional<std::string>& memo) {
    if (!get(wallet)) {
        return std::nullopt;
    }
    return tx_
        .exec_params("SELECT post_journal('top-up', $1, NULL, $2::numeric, 'cash', 'wallet:' || $1, $3, $4)", wallet,
                     amount.to_string(), memo, by)[0][0]
        .as<long long>();
}

std::vector<JournalRecord> WalletStore::ledger(const std::string& wallet, std::optional<long long> before_id,
                                               long limit) {
    // The balance after each journal: the wallet's entries summed up to it.
    auto r = tx_.exec_params(
        "SELECT j.id, j.kind, j.transaction_pk, j.amount::text, j.currency, j.memo, j.created_by, "
        "iso_utc(j.created_at), "
        "(SELECT sum(e.amount) FROM ledger_entries e JOIN ledger_journals k ON k.id = e.journal_id "
        " WHERE k.wallet_id = j.wallet_id AND e.account = 'wallet:' || j.wallet_id AND k.id <= j.id)::text, "
        "(SELECT e.amount < 0 FROM ledger_entries e WHERE e.journal_id = j.id AND e.account = 'wallet:' || "
        "j.wallet_id) "
        "FROM ledger_journals j WHERE j.wallet_id = $1 AND ($2::bigint IS NULL OR j.id < $2) ORDER BY j.id DESC "
        "LIMIT $3",
        wallet, before_id, limit);
    std::vector<JournalRecord> out;
    for (const auto& row : r) {
        const auto c = currency(row[4].c_str()).value_or(Currency{row[4].as<std::string>(), 2});
        auto amount = in_currency(row[3].as<std::string>(), c);
        out.push_back({row[0].as<long long>(), row[1].as<std::string>(), opt<long long>(row[2]),
                       row[9].as<bool>() ? "-" + amount : amount, c.code, opt<std::string>(row[5]),
                       opt<std::string>(row[6]), row[7].as<std::string>(), in_currency(row[8].as<std::string>(), c)});
    }
    return out;
}

PaymentResult WalletProvider::authorize(const std::string& id_token, const Money& amount, const std::string&) {
    auto w = WalletStore(tx_).for_token(id_token);
    if (!w) {
        return failed(PaymentResult::Status::Declined, "no wallet for this token");
    }
    if (w->currency != amount.currency) {
        return failed(PaymentResult::Status::Declined, "the wallet is in " + w->currency.code);
    }
    const auto balance = Decimal::parse(w->balance).value_or(Decimal{});
    if (!w->allow_negative && to_minor_units(balance, w->currency) < amount.minor) {
        return failed(PaymentResult::Status::Declined, "insufficient funds");
    }
    return {PaymentResult::Status::Ok, w->id, ""};
}

PaymentResult WalletProvider::capture(long long transaction, const std::string& id_token, const Money& amount) {
    auto done =
        tx_.exec_params("SELECT id FROM ledger_journals WHERE kind = 'capture' AND transaction_pk = $1", transaction);
    if (!done.empty()) {
        return {PaymentResult::Status::Ok, done[0][0].as<std::string>(), "captured before"};
    }
    auto w = WalletStore(tx_).for_token(id_token);
    if (!w) {
        return failed(PaymentResult::Status::Declined, "no wallet for this token");
    }
    if (w->currency != amount.currency) {
        return failed(PaymentResult::Status::Declined,
                      "the wallet is in " + w->currency.code + ", the price in " + amount.currency.code);
    }
    if (amount.minor == 0) {
        return {PaymentResult::Status::Ok, "", "nothing to capture"};
    }
    // The wallet row is locked (for_token), so the balance read here is the one the journal moves.
    const auto balance = to_minor_units(Decimal::parse(w->balance).value_or(Decimal{}), w->currency);
    if (!w->allow_negative && balance < amount.minor) {
        return failed(PaymentResult::Status::Declined, "insufficient funds in wallet " + w->id);
    }
    auto j = tx_.exec_params("SELECT post_journal('capture', $1, $2, $3::numeric, 'wallet:' || $1, 'revenue', NULL, "
                             "'billing')",
                             w->id, transaction, numeric_text(amount))[0][0]
                 .as<std::string>();
    return {PaymentResult::Status::Ok, j, ""};
}

PaymentResult WalletProvider::refund(long long transaction, const Money& amount, const std::string& by,
                                     const std::string& memo) {
    auto r = tx_.exec_params(
        "SELECT c.wallet_id, c.amount - COALESCE((SELECT sum(amount) FROM ledger_journals WHERE kind = 'refund' "
        "AND transaction_pk = $1), 0) >= $2::numeric, c.currency FROM ledger_journals c "
        "WHERE c.kind = 'capture' AND c.transaction_pk = $1 FOR UPDATE",
        transaction, numeric_text(amount));
    if (r.empty()) {
        return failed(PaymentResult::Status::Declined, "the transaction was not paid from a wallet");
    }
    if (r[0][2].as<std::string>() != amount.currency.code) {
        return failed(PaymentResult::Status::Declined, "the payment was in " + r[0][2].as<std::string>());
    }
    if (!r[0][1].as<bool>()) {
        return failed(PaymentResult::Status::Declined, "the refunds would exceed the amount paid");
    }
    auto j = tx_.exec_params("SELECT post_journal('refund', $1, $2, $3::numeric, 'revenue', 'wallet:' || $1, $4, $5)",
                             r[0][0].as<std::string>(), transaction, numeric_text(amount), memo, by)[0][0]
                 .as<std::string>();
    return {PaymentResult::Status::Ok, j, ""};
}

} // namespace recarga::manager::billing
