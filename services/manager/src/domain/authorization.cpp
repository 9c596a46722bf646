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
    if (token->status == "Blocked") {
        d.status = AuthStatus::Blocked;
    } else if (token->status == "Expired" || (token->expires_at && *token->expires_at <= now)) {
        d.status = AuthStatus::Expired;
    } else if (token->status != "Accepted") {
        d.status = AuthStatus::Invalid;
    } else if (token->allowed_stations && std::find(token->allowed_stations->begin(), token->allowed_stations->end(),
                                                    station) == token->allowed_stations->end()) {
        d.status = AuthStatus::NotAtThisLocation;
    } else {
        d.status = AuthStatus::Accepted;
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
    case AuthStatus::NoCredit:
        return "NoCredit";
    }
    return "Invalid";
}

} // namespace recarga::manager
