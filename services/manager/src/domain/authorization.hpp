// Authorization of id tokens: who may charge where. A pure decision over the stored token (or its absence),
// the station asking and the time, and its translation into the status each OCPP version expects
// (1.6 idTagInfo.status, 2.0.1 idTokenInfo.status). The handlers only look the token up and encode.
#pragma once

#include "domain/money.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager {

// The prepaid wallet that pays for a token (its own or its group's), when it has one (billing/payments).
struct WalletCredit {
    std::string wallet;
    Money balance;
    bool allow_negative = false;
};

// A stored id token (table id_tokens).
struct TokenRecord {
    std::string id_token;
    std::string type;   // 2.0.1 IdTokenEnumType; 1.6 tokens are stored as ISO14443 by default
    std::string status; // Accepted, Blocked, Expired or Invalid
    std::optional<std::chrono::system_clock::time_point> expires_at;
    std::optional<std::string> group_id_token;
    std::string group_type = "Central";
    std::optional<std::vector<std::string>> allowed_stations; // nullopt: every station
    std::optional<WalletCredit> credit;
    bool pays_by_card = false; // payment_methods: a card hold is taken at Authorize/start (billing/card_processor)
};

enum class UnknownTokenPolicy { Reject, Accept };

// Parses "reject"/"accept" (RECARGA_UNKNOWN_TOKENS); nullopt for anything else.
std::optional<UnknownTokenPolicy> parse_unknown_token_policy(std::string_view s);

enum class AuthStatus { Accepted, Blocked, Expired, Invalid, Unknown, NotAtThisLocation, ConcurrentTx, NoCredit };

struct AuthDecision {
    AuthStatus status = AuthStatus::Invalid;
    std::optional<std::chrono::system_clock::time_point> expires_at; // 1.6 expiryDate, 2.0.1 cacheExpiryDateTime
    std::optional<std::string> group_id_token;                       // 1.6 parentIdTag, 2.0.1 groupIdToken
    std::string group_type = "Central";
};

// `token`: the stored token, or nullopt when the central system does not know it. `token_type`: the
// 2.0.1 type the station sent (empty for 1.6).
AuthDecision decide_authorization(const std::optional<TokenRecord>& token, std::string_view token_type,
                                  std::string_view station, std::chrono::system_clock::time_point now,
                                  UnknownTokenPolicy unknown_policy);

// 2.0.1 C09 (authorization by GroupId) and 1.6 parentIdTag: an Accepted token whose group token is stored and
// not usable (Blocked, Expired or past its expiry, Invalid) takes the group's status. Other decisions stay.
AuthDecision apply_group_status(AuthDecision d, const std::optional<TokenRecord>& group,
                                std::chrono::system_clock::time_point now);

// 1.6 and 2.0.1 ConcurrentTx: an Accepted token already used by an active transaction at another station.
// (At the same station it may be the driver stopping, or a repeated start: it stays Accepted.)
AuthDecision apply_concurrent_tx(AuthDecision d, bool active_at_another_station);

// To start charging, a token paid by a wallet needs at least `minimum` (in the wallet's currency) in it, unless
// the wallet may go negative: otherwise an Accepted decision becomes NoCredit. Tokens without a wallet are paid
// otherwise and pass unchanged; so does every decision that is not Accepted.
AuthDecision require_credit(AuthDecision d, const std::optional<TokenRecord>& token, const Decimal& minimum);

// The status a 1.6 station expects: 1.6 knows neither Unknown nor NotAtThisLocation, both are Invalid; it has
// no NoCredit either, which is Blocked.
std::string_view v16_status(AuthStatus s);
// The status a 2.0.1/2.1 station expects (AuthorizationStatusEnumType).
std::string_view v2x_status(AuthStatus s);

} // namespace recarga::manager
