// The card processor adapter (billing/card_processor): the requests it makes, how it reads answers, and the
// webhook signature check.
#include "billing/card_processor.hpp"
#include "domain/auth.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace recarga::manager::billing {
namespace {

namespace json = boost::json;
using Status = PaymentResult::Status;

struct Recorded {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

std::string header(const Recorded& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
        if (n == name) {
            return v;
        }
    }
    return "";
}

CardProcessor processor_answering(std::vector<Recorded>& seen, webhooks::PostResult answer) {
    return CardProcessor({"http://127.0.0.1:9", "sk_test_1", std::chrono::milliseconds(1000)},
                         [&seen, answer](const std::string& url, const auto& headers, const std::string& body, auto) {
                             seen.push_back({url, headers, body});
                             return answer;
                         });
}

const Money kFive{500, Currency{"EUR", 2}};

TEST(CardProcessor, HoldIsAManualCaptureIntentWithKeyAndSecret) {
    std::vector<Recorded> seen;
    auto p = processor_answering(seen, {200, "", R"({"id":"pi_1","status":"requires_capture"})"});
    auto r = p.hold("cus_1", kFive, "hold-k1");
    EXPECT_EQ(r.status, Status::Ok);
    EXPECT_EQ(r.reference, "pi_1");
    ASSERT_EQ(seen.size(), 1U);
    EXPECT_EQ(seen[0].url, "http://127.0.0.1:9/v1/payment_intents");
    EXPECT_EQ(header(seen[0], "Idempotency-Key"), "hold-k1");
    EXPECT_EQ(header(seen[0], "Authorization"), "Bearer sk_test_1");
    auto body = json::parse(seen[0].body).as_object();
    EXPECT_EQ(body.at("amount").as_int64(), 500); // minor units, never a fraction
    EXPECT_EQ(body.at("currency").as_string(), "eur");
    EXPECT_EQ(body.at("capture_method").as_string(), "manual");
    EXPECT_EQ(body.at("customer").as_string(), "cus_1");
}

TEST(CardProcessor, CaptureCancelAndRefundPaths) {
    std::vector<Recorded> seen;
    auto p = processor_answering(seen, {200, "", R"({"id":"pi_7","status":"succeeded"})"});
    EXPECT_EQ(p.capture("pi_7", {360, Currency{"EUR", 2}}, "capture-42").status, Status::Ok);
    EXPECT_EQ(seen.back().url, "http://127.0.0.1:9/v1/payment_intents/pi_7/capture");
    EXPECT_EQ(json::parse(seen.back().body).at("amount_to_capture").as_int64(), 360);
    EXPECT_EQ(header(seen.back(), "Idempotency-Key"), "capture-42");
    EXPECT_EQ(p.refund("pi_7", {100, Currency{"EUR", 2}}, "refund-42-100").status, Status::Ok);
    EXPECT_EQ(seen.back().url, "http://127.0.0.1:9/v1/refunds");
    EXPECT_EQ(json::parse(seen.back().body).at("payment_intent").as_string(), "pi_7");
    // A cancel expects "canceled": a "succeeded" answer is not a cancel.
    EXPECT_EQ(p.cancel("pi_7", "cancel-42").status, Status::Declined);
    EXPECT_EQ(seen.back().url, "http://127.0.0.1:9/v1/payment_intents/pi_7/cancel");
}

TEST(CardProcessor, AnswersAreClassifiedTransientOrFinal) {
    EXPECT_EQ(classify_answer({0, "cannot connect", ""}, "succeeded").status, Status::Failed);
    EXPECT_EQ(classify_answer({503, "", R"({"error":{"code":"processor_unavailable"}})"}, "succeeded").status,
              Status::Failed);
    EXPECT_EQ(classify_answer({429, "", ""}, "succeeded").status, Status::Failed);
    auto declined = classify_answer(
        {402, "", R"({"error":{"code":"card_declined","message":"Your card was declined."}})"}, "requires_capture");
    EXPECT_EQ(declined.status, Status::Declined);
    EXPECT_EQ(declined.detail, "card_declined: Your card was declined.");
    EXPECT_EQ(classify_answer({400, "", "not json"}, "succeeded").status, Status::Declined);
    EXPECT_EQ(
        classify_answer({200, "", R"({"id":"pi_1","status":"requires_payment_method"})"}, "requires_capture").status,
        Status::Declined);
    EXPECT_EQ(classify_answer({200, "", "[]"}, "succeeded").status, Status::Failed);
    EXPECT_EQ(classify_answer({200, "", R"({"id":"pi_1","status":"succeeded"})"}, "succeeded").status, Status::Ok);
}

TEST(CardProcessor, WithoutAClientNothingIsPosted) {
    CardProcessor p({"http://x", "k", std::chrono::milliseconds(100)}, nullptr);
    EXPECT_EQ(p.hold("c", kFive, "k").status, Status::Failed);
}

TEST(CardProcessorWebhook, SignatureWithTimestampAndTolerance) {
    const std::string body = R"({"type":"payment_intent.succeeded"})";
    const std::int64_t t = 1'800'000'000;
    const auto sig = auth::hmac_sha256_hex("whsec_1", std::to_string(t) + "." + body);
    const auto header = "t=" + std::to_string(t) + ",v1=" + sig;
    EXPECT_TRUE(verify_webhook_signature("whsec_1", header, body, t + 10));
    EXPECT_TRUE(verify_webhook_signature("whsec_1", "t=" + std::to_string(t) + ",v1=00,v1=" + sig, body, t));
    EXPECT_FALSE(verify_webhook_signature("whsec_2", header, body, t));       // another secret
    EXPECT_FALSE(verify_webhook_signature("whsec_1", header, body + " ", t)); // another body
    EXPECT_FALSE(verify_webhook_signature("whsec_1", header, body, t + 301)); // too old: a replay
    EXPECT_FALSE(verify_webhook_signature("whsec_1", header, body, t - 301)); // from the future
    EXPECT_FALSE(verify_webhook_signature("whsec_1", "v1=" + sig, body, t));  // no timestamp
    EXPECT_FALSE(verify_webhook_signature("whsec_1", "t=" + std::to_string(t), body, t));
    EXPECT_FALSE(verify_webhook_signature("whsec_1", "t=12x,v1=" + sig, body, t));
    EXPECT_FALSE(verify_webhook_signature("whsec_1", "", body, t));
}

TEST(CardProcessor, NotConfiguredWithoutAUrl) {
    Config c;
    EXPECT_FALSE(card_processor(c).has_value());
}

} // namespace
} // namespace recarga::manager::billing
