#include "billing/card_processor.hpp"

#include "domain/auth.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <mutex>
#include <openssl/crypto.h>
#include <pqxx/pqxx>

namespace recarga::manager::billing {

namespace json = boost::json;

namespace {

std::mutex poster_mutex;
webhooks::Poster poster; // guarded by poster_mutex

std::string lower(std::string s) {
    for (auto& ch : s) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return s;
}

PaymentResult result(PaymentResult::Status s, std::string detail) {
    return {s, "", std::move(detail)};
}

// The processor's own message from an error body ({"error": {"code", "message"}}), else the body's start.
std::string error_text(const webhooks::PostResult& a) {
    boost::system::error_code ec;
    auto v = json::parse(a.body, ec);
    if (!ec && v.is_object()) {
        if (const auto* e = v.as_object().if_contains("error"); e && e->is_object()) {
            std::string out;
            for (const char* k : {"code", "message"}) {
                if (const auto* f = e->as_object().if_contains(k); f && f->is_string()) {
                    out += (out.empty() ? "" : ": ") + std::string(f->as_string());
                }
            }
            if (!out.empty()) {
                return out;
            }
        }
    }
    return a.body.substr(0, 200);
}

Money money_of(const pqxx::field& amount, const pqxx::field& code) {
    const auto c = currency(code.c_str()).value_or(Currency{code.as<std::string>(), 2});
    return {to_minor_units(Decimal::parse(amount.c_str()).value_or(Decimal{}), c), c};
}

} // namespace

PaymentResult classify_answer(const webhooks::PostResult& a, std::string_view ok_status) {
    if (a.status == 0) {
        return result(PaymentResult::Status::Failed, "card processor not reachable: " + a.error);
    }
    if (a.status == 429 || a.status >= 500) {
        return result(PaymentResult::Status::Failed,
                      "card processor answered " + std::to_string(a.status) + ": " + error_text(a));
    }
    if (a.status < 200 || a.status >= 300) {
        return result(PaymentResult::Status::Declined, error_text(a));
    }
    boost::system::error_code ec;
    auto v = json::parse(a.body, ec);
    const auto* o = !ec ? v.if_object() : nullptr;
    const auto* id = o ? o->if_contains("id") : nullptr;
    const auto* status = o ? o->if_contains("status") : nullptr;
    if (!id || !id->is_string() || !status || !status->is_string()) {
        return result(PaymentResult::Status::Failed, "card processor answered no id and status");
    }
    if (status->as_string() != ok_status) {
        return result(PaymentResult::Status::Declined, "payment " + std::string(status->as_string()));
    }
    return {PaymentResult::Status::Ok, std::string(id->as_string()), ""};
}

PaymentResult CardProcessor::post(const std::string& path, const std::string& body, const std::string& key,
                                  std::string_view ok_status) const {
    if (!post_) {
        return result(PaymentResult::Status::Failed, "no HTTP client for the card processor");
    }
    auto answer = post_(settings_.base_url + path,
                        {{"Authorization", "Bearer " + settings_.secret_key},
                         {"Content-Type", "application/json"},
                         {"Idempotency-Key", key}},
                        body, settings_.timeout);
    return classify_answer(answer, ok_status);
}

PaymentResult CardProcessor::hold(const std::string& customer, const Money& amount, const std::string& key) const {
    return post("/v1/payment_intents",
                json::serialize(json::object{{"amount", amount.minor},
                                             {"currency", lower(amount.currency.code)},
                                             {"capture_method", "manual"},
                                             {"customer", customer}}),
                key, "requires_capture");
}

PaymentResult CardProcessor::capture(const std::string& intent, const Money& amount, const std::string& key) const {
    return post("/v1/payment_intents/" + intent + "/capture",
                json::serialize(json::object{{"amount_to_capture", amount.minor}}), key, "succeeded");
}

PaymentResult CardProcessor::cancel(const std::string& intent, const std::string& key) const {
    return post("/v1/payment_intents/" + intent + "/cancel", "{}", key, "canceled");
}

PaymentResult CardProcessor::refund(const std::string& intent, const Money& amount, const std::string& key) const {
    return post("/v1/refunds", json::serialize(json::object{{"payment_intent", intent}, {"amount", amount.minor}}), key,
                "succeeded");
}

bool verify_webhook_signature(std::string_view secret, std::string_view header, std::string_view body,
                              std::int64_t now_s, std::int64_t tolerance_s) {
    std::optional<std::int64_t> t;
    std::string t_text;
    std::vector<std::string_view> signatures;
    while (!header.empty()) {
        const auto comma = header.find(',');
        auto part = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        const auto name = part.substr(0, eq);
        const auto value = part.substr(eq + 1);
        if (name == "t" && !value.empty() && value.size() <= 12 &&
            value.find_first_not_of("0123456789") == std::string_view::npos) {
            t_text = std::string(value);
            t = std::stoll(t_text);
        } else if (name == "v1") {
            signatures.push_back(value);
        }
    }
    if (!t || signatures.empty() || *t < now_s - tolerance_s || *t > now_s + tolerance_s) {
        return false;
    }
    std::string signed_payload = t_text + "." + std::string(body);
    const auto expected = auth::hmac_sha256_hex(secret, signed_payload);
    for (auto s : signatures) {
        if (s.size() == expected.size() && CRYPTO_memcmp(s.data(), expected.data(), s.size()) == 0) {
            return true;
        }
    }
    return false;
}

void set_http_poster(webhooks::Poster post) {
    std::lock_guard lock(poster_mutex);
    poster = std::move(post);
}

std::optional<CardProcessor> card_processor(const Config& config) {
    if (config.card_url.empty()) {
        return std::nullopt;
    }
    std::lock_guard lock(poster_mutex);
    if (!poster) {
        return std::nullopt;
    }
    auto base = config.card_url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return CardProcessor({base, config.card_secret_key, std::chrono::milliseconds(config.card_timeout_ms)}, poster);
}

std::optional<std::string> card_customer_of(pqxx::transaction_base& tx, const std::string& id_token) {
    auto m = tx.exec_params(
        "SELECT m.method, m.card_customer FROM id_tokens k JOIN payment_methods m ON m.id_token = k.id_token OR "
        "m.id_token_group = k.group_id_token WHERE k.id_token = $1 ORDER BY (m.id_token IS NOT NULL) DESC LIMIT 1",
        id_token);
    if (m.empty() || m[0][0].as<std::string>() != "card") {
        return std::nullopt;
    }
    return m[0][1].as<std::string>();
}

PaymentResult CardProvider::authorize(const std::string& id_token, const Money& amount, const std::string& key) {
    // An open hold of this token that covers the amount serves again (Authorize, then the start).
    auto open = tx_.exec_params("SELECT reference FROM payment_holds WHERE id_token = $1 AND state = 'held' AND "
                                "transaction_pk IS NULL AND currency = $2 AND amount >= $3::numeric AND "
                                "created_at > now() - interval '1 hour' ORDER BY id DESC LIMIT 1",
                                id_token, amount.currency.code, numeric_text(amount));
    if (!open.empty()) {
        return {PaymentResult::Status::Ok, open[0][0].as<std::string>(), "held before"};
    }
    auto customer = card_customer_of(tx_, id_token);
    if (!customer) {
        return result(PaymentResult::Status::Declined, "the token does not pay by card");
    }
    auto r = processor_.hold(*customer, amount, key);
    if (r.status == PaymentResult::Status::Ok) {
        tx_.exec_params("INSERT INTO payment_holds (id_token, reference, amount, currency) VALUES ($1, $2, "
                        "$3::numeric, $4) ON CONFLICT (reference) DO NOTHING",
                        id_token, r.reference, numeric_text(amount), amount.currency.code);
    }
    return r;
}

PaymentResult CardProvider::capture(long long transaction, const std::string&, const Money& amount) {
    auto hold = tx_.exec_params("SELECT reference, amount::text, currency, state FROM payment_holds "
                                "WHERE transaction_pk = $1 FOR UPDATE",
                                transaction);
    if (hold.empty()) {
        return result(PaymentResult::Status::Declined, "no card hold for this transaction");
    }
    const auto reference = hold[0][0].as<std::string>();
    const auto held = money_of(hold[0][1], hold[0][2]);
    if (held.currency != amount.currency) {
        return result(PaymentResult::Status::Declined,
                      "the hold is in " + held.currency.code + ", the price in " + amount.currency.code);
    }
    // The rule (docs/billing.md): never more than the hold; above it, the hold is captured and the rest owed.
    const Money take{std::min(amount.minor, held.minor), amount.currency};
    auto r = processor_.capture(reference, take, "capture-" + std::to_string(transaction));
    if (r.status != PaymentResult::Status::Ok) {
        return r;
    }
    tx_.exec_params("UPDATE payment_holds SET state = 'captured', captured = $2::numeric, updated_at = now() "
                    "WHERE transaction_pk = $1",
                    transaction, numeric_text(take));
    if (take.minor < amount.minor) {
        return {PaymentResult::Status::Declined, reference,
                "shortfall: the price exceeds the hold by " +
                    format_amount({amount.minor - take.minor, amount.currency}) + " " + amount.currency.code};
    }
    return {PaymentResult::Status::Ok, reference, ""};
}

PaymentResult CardProvider::void_hold(long long transaction) {
    auto hold = tx_.exec_params(
        "SELECT reference FROM payment_holds WHERE transaction_pk = $1 AND state = 'held' FOR UPDATE", transaction);
    if (hold.empty()) {
        return {PaymentResult::Status::Ok, "", "no hold"};
    }
    auto r = processor_.cancel(hold[0][0].as<std::string>(), "cancel-" + std::to_string(transaction));
    if (r.status == PaymentResult::Status::Ok) {
        tx_.exec_params("UPDATE payment_holds SET state = 'voided', updated_at = now() WHERE transaction_pk = $1",
                        transaction);
    }
    return r;
}

PaymentResult CardProvider::refund(long long transaction, const Money& amount, const std::string&, const std::string&) {
    auto hold = tx_.exec_params("SELECT reference, captured::text, currency FROM payment_holds "
                                "WHERE transaction_pk = $1 AND state = 'captured'",
                                transaction);
    if (hold.empty()) {
        return result(PaymentResult::Status::Declined, "the transaction was not paid by card");
    }
    if (money_of(hold[0][1], hold[0][2]).minor < amount.minor) {
        return result(PaymentResult::Status::Declined, "the refund would exceed the amount paid");
    }
    // One refund per transaction and amount: a retried request does not give back twice.
    return processor_.refund(hold[0][0].as<std::string>(), amount,
                             "refund-" + std::to_string(transaction) + "-" + std::to_string(amount.minor));
}

} // namespace recarga::manager::billing
