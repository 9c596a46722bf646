// Payments: the provider interface the billing loop captures through, and the built-in provider of prepaid
// wallets kept in PostgreSQL with a double-entry ledger (db/migrations/0091). A provider call names an
// idempotency key (the transaction), so a retry after a crash never charges twice; the wallet provider gets
// that for free because its capture commits in the same database transaction as the price and the
// transaction's payment state, and a unique index allows one capture per transaction.
#pragma once

#include "domain/money.hpp"

#include <optional>
#include <pqxx/dbtransaction>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace recarga::manager::billing {

struct PaymentResult {
    enum class Status { Ok, Declined, Failed };
    Status status = Status::Failed;
    std::string reference; // the provider's reference (the ledger journal id)
    std::string detail;    // why, when not Ok
};

class PaymentProvider {
public:
    virtual ~PaymentProvider() = default;
    // Whether `amount` can be paid by the account of this id token now (Authorize, start); a provider that
    // reserves money (a card hold) does so once per `idempotency_key`.
    virtual PaymentResult authorize(const std::string& id_token, const Money& amount,
                                    const std::string& idempotency_key) = 0;
    // Takes the final amount of a priced transaction; once per transaction whatever the retries.
    virtual PaymentResult capture(long long transaction, const std::string& id_token, const Money& amount) = 0;
    // Releases what was reserved for a transaction that owes nothing (no-op where nothing is reserved).
    virtual PaymentResult void_hold(long long transaction) = 0;
    // Gives back (part of) a captured amount.
    virtual PaymentResult refund(long long transaction, const Money& amount, const std::string& by,
                                 const std::string& memo) = 0;
};

struct WalletRecord {
    std::string id;
    Currency currency;
    std::optional<std::string> id_token;
    std::optional<std::string> id_token_group;
    bool allow_negative = false;
    std::string balance; // decimal text, the currency's digits
    std::string created_at;
    std::string updated_at;
};

struct JournalRecord {
    long long id = 0;
    std::string kind;
    std::optional<long long> transaction;
    std::string amount; // decimal text
    std::string currency;
    std::optional<std::string> memo;
    std::optional<std::string> created_by;
    std::string created_at;
    std::string balance_after; // the wallet's balance after this journal
};

class WalletStore {
public:
    explicit WalletStore(pqxx::transaction_base& tx) : tx_(tx) {}
    std::optional<WalletRecord> get(const std::string& id);
    // The wallet that pays for a token: its own, else its group's.
    std::optional<WalletRecord> for_token(const std::string& id_token);
    std::vector<WalletRecord> list(std::optional<std::string> after_id, long limit);
    void create(const WalletRecord& w);
    // Posts a top-up (cash -> wallet); nullopt when the wallet does not exist.
    std::optional<long long> top_up(const std::string& wallet, const Decimal& amount, const std::string& by,
                                    const std::optional<std::string>& memo);
    std::vector<JournalRecord> ledger(const std::string& wallet, std::optional<long long> before_id, long limit);

private:
    pqxx::transaction_base& tx_;
};

// The built-in provider over WalletStore, inside the caller's database transaction.
class WalletProvider final : public PaymentProvider {
public:
    explicit WalletProvider(pqxx::dbtransaction& tx) : tx_(tx) {}
    PaymentResult authorize(const std::string& id_token, const Money& amount,
                            const std::string& idempotency_key) override;
    PaymentResult capture(long long transaction, const std::string& id_token, const Money& amount) override;
    PaymentResult void_hold(long long) override { return {PaymentResult::Status::Ok, "", "wallets hold nothing"}; }
    PaymentResult refund(long long transaction, const Money& amount, const std::string& by,
                         const std::string& memo) override;

private:
    pqxx::dbtransaction& tx_;
};

// Money as the decimal text PostgreSQL's numeric takes ("12.34").
std::string numeric_text(const Money& m);

} // namespace recarga::manager::billing
