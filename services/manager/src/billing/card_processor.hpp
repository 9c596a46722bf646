// Card payments: an HTTP adapter for a card processor's pre-authorisation/capture API, shaped after the common
// "payment intent" design (JSON bodies, a bearer secret key, an Idempotency-Key header on every POST):
//
//   POST /v1/payment_intents {amount, currency, capture_method: "manual", customer}
//        -> 200 {id, status: "requires_capture"}; 402 {error: {code: "card_declined", message}}
//   POST /v1/payment_intents/{id}/capture {amount_to_capture} -> 200 {id, status: "succeeded", amount_received}
//   POST /v1/payment_intents/{id}/cancel {}                   -> 200 {id, status: "canceled"}
//   POST /v1/refunds {payment_intent, amount}                 -> 200 {id, status: "succeeded"}
//
// Amounts are integer minor units, currencies lower-case ISO 4217. A call that gets no answer, 429 or 5xx is a
// Failure (transient: retried by the caller with the same idempotency key, so the processor does it once); 402
// and other 4xx are Declined. The processor's webhooks are verified with verify_webhook_signature.
//
// CardProvider is the PaymentProvider over it: the hold taken at Authorize/start is a row of payment_holds
// (db/migrations/0093), attached by the billing loop to the token's transaction and captured or voided there.
#pragma once

#include "../config.hpp" // relative: the unit tests also see the gateway's config.hpp
#include "billing/payments.hpp"
#include "webhooks/dispatcher.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recarga::manager::billing {

struct CardProcessorSettings {
    std::string base_url; // without the trailing "/v1"
    std::string secret_key;
    std::chrono::milliseconds timeout{5000};
};

class CardProcessor {
public:
    CardProcessor(CardProcessorSettings settings, webhooks::Poster post)
        : settings_(std::move(settings)), post_(std::move(post)) {}
    // A manual-capture intent for `amount` on the processor's customer; Ok carries the intent id.
    PaymentResult hold(const std::string& customer, const Money& amount, const std::string& idempotency_key) const;
    // Captures `amount` (at most the held amount) of an intent.
    PaymentResult capture(const std::string& intent, const Money& amount, const std::string& idempotency_key) const;
    // Releases a hold.
    PaymentResult cancel(const std::string& intent, const std::string& idempotency_key) const;
    // Gives back (part of) a captured intent.
    PaymentResult refund(const std::string& intent, const Money& amount, const std::string& idempotency_key) const;

private:
    PaymentResult post(const std::string& path, const std::string& body, const std::string& idempotency_key,
                       std::string_view ok_status) const;
    CardProcessorSettings settings_;
    webhooks::Poster post_;
};

// Classifies one processor answer: transport failure, 429 and 5xx are Failed (transient), 402 and other 4xx
// Declined, a 2xx whose JSON status is `ok_status` Ok (reference: its id), any other 2xx Declined.
PaymentResult classify_answer(const webhooks::PostResult& answer, std::string_view ok_status);

// A webhook signature header "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">" (several v1 allowed, for
// secret rotation): valid when one v1 matches and t is within `tolerance_s` of `now_s` (replays refused).
bool verify_webhook_signature(std::string_view secret, std::string_view header, std::string_view body,
                              std::int64_t now_s, std::int64_t tolerance_s = 300);

// The process's HTTP client (api/http_server.cpp's, set by main); without it no processor is configured.
void set_http_poster(webhooks::Poster post);
// The configured processor, or nullopt when card payments are off (RECARGA_CARD_URL empty).
std::optional<CardProcessor> card_processor(const Config& config);

// The card processor's customer of a token that pays by card (payment_methods: its own setting, else its
// group's), or nullopt when it does not pay by card.
std::optional<std::string> card_customer_of(pqxx::transaction_base& tx, const std::string& id_token);

// The PaymentProvider of card-paying tokens, inside the billing loop's database transaction.
class CardProvider final : public PaymentProvider {
public:
    CardProvider(pqxx::dbtransaction& tx, CardProcessor processor) : tx_(tx), processor_(std::move(processor)) {}
    // Takes a hold on the token's card (payment_methods) and records it (payment_holds).
    PaymentResult authorize(const std::string& id_token, const Money& amount,
                            const std::string& idempotency_key) override;
    // Captures min(amount, hold) from the transaction's hold; a price above the hold captures the hold and
    // answers Declined with the shortfall in `detail` (the caller records it as payment state 'shortfall').
    PaymentResult capture(long long transaction, const std::string& id_token, const Money& amount) override;
    PaymentResult void_hold(long long transaction) override;
    PaymentResult refund(long long transaction, const Money& amount, const std::string& by,
                         const std::string& memo) override;

private:
    pqxx::dbtransaction& tx_;
    CardProcessor processor_;
};

} // namespace recarga::manager::billing
