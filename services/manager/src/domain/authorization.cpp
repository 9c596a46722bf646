#include "domain/authorization.hpp"

#include <algorithm>

namespace recarga::manager {

std::optional<UnknownTokenPolicy> parse_unknown_token_policy(std::string_view s) {
    if (s == "reject") {
        return UnknownTokenPolicy::Reject;
    }
    if (s == "accept") {
        return UnknownTokenPolicy::Accept;
    }
    return std::nullopt;
}

namespace {

// Why a stored token may not be used at all (Blocked wins over an expiry), or nullopt when it may.
std::optional<AuthStatus> refusal(const TokenRecord& t, std::chrono::system_clock::time_point now) {
    if (t.status == "Blocked") {
        return AuthStatus::Blocked;
    }
    if (t.status == "Expired" || (t.expires_at && *t.expires_at <= now)) {
        return AuthStatus::Expired;
    }
    if (t.status != "Accepted") {
        return AuthStatus::Invalid;
    }
    return std::nullopt;
}

} // namespace

AuthDecision decide_authorization(const std::optional<TokenRecord>& token, std::string_view token_type,
                                  std::string_view station, std::chrono::system_clock::time_point now,
                                  UnknownTokenPolicy unknown_policy) {
    AuthDecision d;
    // 2.0.1 C01/E: a token of type NoAuthorization carries no identity; the station charges without one.
    if (token_type == "NoAuthorization") {
        d.status = AuthStatus::Accepted;
        return d;
    }
    if (!token) {
        d.status = unknown_policy == UnknownTokenPolicy::Accept ? AuthStatus::Accepted : AuthStatus::Unknown;
        return d;
    }
    d.expires_at = token->expires_at;
    d.group_id_token = token->group_id_token;
    d.group_type = token->group_type;
    if (auto refused = refusal(*token, now)) {
        d.status = *refused;
    } else if (token->allowed_stations && std::find(token->allowed_stations->begin(), token->allowed_stations->end(),
                                                    station) == token->allowed_stations->end()) {
        d.status = AuthStatus::NotAtThisLocation;
    } else {
        d.status = AuthStatus::Accepted;
    }
    return d;
}

AuthDecision apply_group_status(AuthDecision d, const std::optional<TokenRecord>& group,
                                std::chrono::system_clock::time_point now) {
    if (d.status != AuthStatus::Accepted || !group) {
        return d;
    }
    if (auto refused = refusal(*group, now)) {
        d.status = *refused;
    }
    return d;
}

AuthDecision apply_concurrent_tx(AuthDecision d, bool active_at_another_station) {
    if (d.status == AuthStatus::Accepted && active_at_another_station) {
        d.status = AuthStatus::ConcurrentTx;
    }
    return d;
}

AuthDecision require_credit(AuthDecision d, const std::optional<TokenRecord>& token, const Decimal& minimum) {
    if (d.status != AuthStatus::Accepted || !token || !token->credit || token->credit->allow_negative) {
        return d;
    }
    if (token->credit->balance.minor < to_minor_units(minimum, token->credit->balance.currency)) {
        d.status = AuthStatus::NoCredit;
    }
    return d;
}

std::string_view v16_status(AuthStatus s) {
    switch (s) {
    case AuthStatus::Accepted:
        return "Accepted";
    case AuthStatus::Blocked:
    case AuthStatus::NoCredit:
        return "Blocked";
    case AuthStatus::Expired:
        return "Expired";
    case AuthStatus::Invalid:
    case AuthStatus::Unknown:
    case AuthStatus::NotAtThisLocation:
        return "Invalid";
    case AuthStatus::ConcurrentTx:
        return "ConcurrentTx";
    }
    return "Invalid";
}

std::string_view v2x_status(AuthStatus s) {
    switch (s) {
    case AuthStatus::Accepted:
        return "Accepted";
    case AuthStatus::Blocked:
        return "Blocked";
    case AuthStatus::Expired:
        return "Expired";
    case AuthStatus::Invalid:
        return "Invalid";
    case AuthStatus::Unknown:
        return "Unknown";
    case AuthStatus::NotAtThisLocation:
        return "NotAtThisLocation";
    case AuthStatus::ConcurrentTx:
        return "ConcurrentTx";
    case AuthStatus::NoCredit:
        return "NoCredit";
    }
    return "Invalid";
}

} // namespace recarga::manager
