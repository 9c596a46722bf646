#include "api/payments_api.hpp"

#include "api/accounts_api.hpp"
#include "api/object_page.hpp"
#include "api/paging.hpp"
#include "billing/payments.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <pqxx/pqxx>
#include <variant>

namespace recarga::manager::api {

namespace json = boost::json;
using billing::JournalRecord;
using billing::WalletRecord;
using billing::WalletStore;

namespace {

json::value opt_json(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::object wallet_json(const WalletRecord& w) {
    return {{"id", w.id},
            {"currency", w.currency.code},
            {"idToken", opt_json(w.id_token)},
            {"idTokenGroup", opt_json(w.id_token_group)},
            {"allowNegative", w.allow_negative},
            {"balance", w.balance},
            {"createdAt", w.created_at},
            {"updatedAt", w.updated_at}};
}

json::object journal_json(const JournalRecord& j) {
    return {{"id", std::to_string(j.id)},
            {"kind", j.kind},
            {"transactionId", j.transaction ? json::value(std::to_string(*j.transaction)) : json::value(nullptr)},
            {"amount", j.amount},
            {"currency", j.currency},
            {"balanceAfter", j.balance_after},
            {"memo", opt_json(j.memo)},
            {"createdBy", opt_json(j.created_by)},
            {"createdAt", j.created_at}};
}

std::optional<std::string> string_member(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::optional<std::string>(std::string(v->get_string())) : std::nullopt;
}

std::optional<long long> parse_id(const std::string& text) {
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc{} && end == text.data() + text.size() && v > 0 ? std::optional<long long>(v) : std::nullopt;
}

// A positive amount with no more digits than its currency has, or the problem to answer.
std::variant<Money, Response> amount_in(const json::object& body, const Currency& c) {
    auto d = Decimal::parse(body.at("amount").as_string());
    if (!d || d->micros() <= 0) {
        return problem(422, "invalid-amount", "Invalid amount", "the amount must be a positive decimal");
    }
    const auto minor = to_minor_units(*d, c);
    if (Decimal::from_micros(minor * pow10(Decimal::kDigits - c.minor_digits)) != *d) {
        return problem(422, "invalid-amount", "Invalid amount",
                       c.code + " has " + std::to_string(c.minor_digits) + " decimal digits");
    }
    return Money{minor, c};
}

std::string actor(const Call& c) {
    return c.principal ? c.principal->name : "";
}

} // namespace

Response list_wallets(Call& c) {
    const long limit = page_limit(c);
    pqxx::read_transaction tx(c.db);
    auto rows = WalletStore(tx).list(query_param(c, "cursor"), limit + 1);
    return object_page(
        rows, limit, [](const WalletRecord& w) { return w.id; }, &wallet_json);
}

Response create_wallet(Call& c) {
    const auto& body = c.body.as_object();
    WalletRecord w;
    w.id = std::string(body.at("id").as_string());
    auto cur = currency(body.at("currency").as_string());
    if (!cur) {
        return problem(422, "invalid-wallet", "Invalid wallet", "currency must be an ISO 4217 code such as EUR");
    }
    w.currency = *cur;
    w.id_token = string_member(body, "idToken");
    w.id_token_group = string_member(body, "idTokenGroup");
    if (w.id_token.has_value() == w.id_token_group.has_value()) {
        return problem(422, "invalid-wallet", "Invalid wallet",
                       "a wallet belongs to either an idToken or an idTokenGroup");
    }
    if (const auto* n = body.if_contains("allowNegative"); n != nullptr && n->is_bool()) {
        w.allow_negative = n->get_bool();
    }
    WalletStore store(*c.tx);
    store.create(w); // a taken id or owner is a unique violation: 409 from the router
    c.resource = "wallets/" + w.id;
    auto res = Response{201, json::serialize(wallet_json(*store.get(w.id)))};
    res.headers.emplace_back("Location", "/api/v1/wallets/" + w.id);
    return res;
}

Response get_wallet(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto w = WalletStore(tx).get(c.params.at("walletId"));
    if (!w) {
        return problem(404, "not-found", "Wallet not found", "no wallet " + c.params.at("walletId"));
    }
    return {200, json::serialize(wallet_json(*w))};
}

Response top_up_wallet(Call& c) {
    const auto& id = c.params.at("walletId");
    c.resource = "wallets/" + id;
    WalletStore store(*c.tx);
    auto w = store.get(id);
    if (!w) {
        return problem(404, "not-found", "Wallet not found", "no wallet " + id);
    }
    auto amount = amount_in(c.body.as_object(), w->currency);
    if (auto* res = std::get_if<Response>(&amount)) {
        return std::move(*res);
    }
    const auto& m = std::get<Money>(amount);
    auto journal = store.top_up(id, *Decimal::parse(billing::numeric_text(m)), actor(c),
                                string_member(c.body.as_object(), "memo"));
    auto entries = store.ledger(id, *journal + 1, 1);
    return {201, json::serialize(journal_json(entries.front()))};
}

Response list_wallet_ledger(Call& c) {
    const long limit = page_limit(c);
    std::optional<long long> before;
    if (auto cursor = c.req.query.find("cursor"); cursor != c.req.query.end()) {
        before = parse_id(cursor->second);
        if (!before) {
            return problem(400, "invalid-parameter", "Invalid parameter", "cursor is not a cursor of this list");
        }
    }
    pqxx::read_transaction tx(c.db);
    WalletStore store(tx);
    if (!store.get(c.params.at("walletId"))) {
        return problem(404, "not-found", "Wallet not found", "no wallet " + c.params.at("walletId"));
    }
    auto rows = store.ledger(c.params.at("walletId"), before, limit + 1);
    return object_page(
        rows, limit, [](const JournalRecord& j) { return std::to_string(j.id); }, &journal_json);
}

Response refund_transaction(Call& c) {
    const auto& tid = c.params.at("transactionId");
    c.resource = "transactions/" + tid;
    auto id = parse_id(tid);
    auto row = id ? c.tx->exec_params("SELECT cost_currency FROM transactions WHERE id = $1 AND payment_state = "
                                      "'captured'",
                                      *id)
                  : pqxx::result{};
    if (row.empty()) {
        return problem(404, "not-found", "No payment", "no captured payment for transaction " + tid);
    }
    auto cur = currency(row[0][0].c_str());
    auto amount = amount_in(c.body.as_object(), cur.value_or(Currency{row[0][0].as<std::string>(), 2}));
    if (auto* res = std::get_if<Response>(&amount)) {
        return std::move(*res);
    }
    auto r = billing::WalletProvider(*c.tx).refund(*id, std::get<Money>(amount), actor(c),
                                                   string_member(c.body.as_object(), "memo").value_or(""));
    if (r.status != billing::PaymentResult::Status::Ok) {
        return problem(422, "refund-refused", "Refund refused", r.detail);
    }
    auto j = c.tx->exec_params("SELECT wallet_id FROM ledger_journals WHERE id = $1", r.reference);
    auto entries = WalletStore(*c.tx).ledger(j[0][0].as<std::string>(), std::stoll(r.reference) + 1, 1);
    return {201, json::serialize(journal_json(entries.front()))};
}

namespace {

constexpr const char* kMethodColumns = "id, id_token, id_token_group, method, card_customer, iso_utc(created_at)";

json::object method_json(const pqxx::row& r) {
    auto text = [&](int i) { return r[i].is_null() ? json::value(nullptr) : json::value(r[i].c_str()); };
    return {{"id", r[0].c_str()}, {"idToken", text(1)},       {"idTokenGroup", text(2)},
            {"method", r[3].c_str()}, {"cardCustomer", text(4)}, {"createdAt", r[5].c_str()}};
}

} // namespace

Response list_payment_methods(Call& c) {
    const long limit = page_limit(c);
    std::optional<long long> after;
    if (auto cursor = query_param(c, "cursor")) {
        after = parse_id(*cursor);
        if (!after) {
            return problem(400, "invalid-parameter", "Invalid parameter", "cursor is not a cursor of this list");
        }
    }
    pqxx::read_transaction tx(c.db);
    auto rows = tx.exec_params(std::string("SELECT ") + kMethodColumns +
                                   " FROM payment_methods WHERE ($1::bigint IS NULL OR id > $1) ORDER BY id LIMIT $2",
                               after, limit + 1);
    std::vector<pqxx::row> items(rows.begin(), rows.end());
    return object_page(
        items, limit, [](const pqxx::row& r) { return std::string(r[0].c_str()); }, &method_json);
}

Response create_payment_method(Call& c) {
    const auto& body = c.body.as_object();
    const auto id_token = string_member(body, "idToken");
    const auto group = string_member(body, "idTokenGroup");
    const auto method = string_member(body, "method").value_or("");
    const auto customer = string_member(body, "cardCustomer");
    if (id_token.has_value() == group.has_value()) {
        return problem(422, "invalid-payment-method", "Invalid payment method",
                       "a payment method belongs to either an idToken or an idTokenGroup");
    }
    if ((method == "card") != customer.has_value()) {
        return problem(422, "invalid-payment-method", "Invalid payment method",
                       "cardCustomer is required for method card and only for it");
    }
    // A token's or group's setting exists once: a second is a unique violation, 409 from the router.
    auto r = c.tx->exec_params(std::string("INSERT INTO payment_methods (id_token, id_token_group, method, "
                                           "card_customer) VALUES ($1, $2, $3, $4) RETURNING ") +
                                   kMethodColumns,
                               id_token, group, method, customer);
    c.resource = std::string("payment-methods/") + r[0][0].c_str();
    auto res = Response{201, json::serialize(method_json(r[0]))};
    res.headers.emplace_back("Location", std::string("/api/v1/payment-methods/") + r[0][0].c_str());
    return res;
}

Response delete_payment_method(Call& c) {
    const auto& tid = c.params.at("paymentMethodId");
    c.resource = "payment-methods/" + tid;
    auto id = parse_id(tid);
    auto r = id ? c.tx->exec_params("DELETE FROM payment_methods WHERE id = $1", *id) : pqxx::result{};
    if (!id || r.affected_rows() == 0) {
        return problem(404, "not-found", "Payment method not found", "no payment method " + tid);
    }
    return {204, ""};
}

} // namespace recarga::manager::api
