// The answers about an id token, shared by the handlers that carry one: looks the token up, decides
// (domain/authorization) and encodes the decision as a 1.6 idTagInfo or a 2.0.1/2.1 idTokenInfo of whatever
// generated type the action uses.
#pragma once

#include "domain/authorization.hpp"
#include "handlers/context.hpp"

#include <optional>
#include <spdlog/spdlog.h>
#include <string>
#include <type_traits>

namespace recarga::manager {

// The decision for a token: its own record, then its group's status (C09) and, for a stored token, whether it
// is already charging at another station (ConcurrentTx, unless --concurrent-tx allow); tokens accepted only by
// the unknown-token policy carry no identity to check either against. `to_charge`: the token asks to start
// charging (Authorize, a start), so a wallet that pays for it must hold the pre-authorisation amount; a stop
// never needs credit.
inline AuthDecision authorize_token(HandlerContext& ctx, const std::string& token,
                                    const std::optional<std::string>& type, bool to_charge = false) {
    auto record = ctx.tokens.find(token, type);
    auto d = decide_authorization(record, type.value_or(""), ctx.call.station, ctx.now, ctx.config.unknown_tokens);
    if (d.status == AuthStatus::Accepted && record) {
        if (record->group_id_token && *record->group_id_token != token) {
            d = apply_group_status(d, ctx.tokens.find(*record->group_id_token, std::nullopt), ctx.now);
        }
        d = apply_concurrent_tx(d, d.status == AuthStatus::Accepted && ctx.config.refuse_concurrent_tx &&
                                       ctx.transactions.token_active_elsewhere(token, ctx.call.station));
    }
    if (!to_charge) {
        return d;
    }
    if (d.status == AuthStatus::Accepted && record && record->pays_by_card) {
        // A card-paying token charges only on a hold of the pre-authorisation amount; a retried delivery of the
        // same call reuses its hold (the idempotency key is the call's).
        const auto c = currency(ctx.config.card_currency).value_or(Currency{ctx.config.card_currency, 2});
        const Money amount{to_minor_units(ctx.config.preauth_amount, c), c};
        if (auto refused = ctx.tokens.hold_card(record->id_token, amount,
                                                "hold-" + ctx.call.station + "-" + ctx.call.message_id + "-" +
                                                    std::to_string(ctx.call.at_us), ctx.config)) {
            spdlog::info("station={} token refused, no card hold: {}", ctx.call.station, *refused);
            d.status = AuthStatus::NoCredit;
        }
        return d;
    }
    return require_credit(d, record, ctx.config.preauth_amount);
}

// A 1.6 IdTagInfo (each 1.6 action has its own generated type of the same shape).
template <class IdTagInfo> IdTagInfo v16_id_tag_info(const AuthDecision& d) {
    IdTagInfo info;
    from_string(v16_status(d.status), info.status);
    if (d.expires_at) {
        info.expiryDate = format_time(*d.expires_at);
    }
    info.parentIdTag = d.group_id_token;
    return info;
}

// The type of a 2.x IdTokenType: an enum in 2.0.1, a string in 2.1.
template <class T> std::string token_type_name(const T& type) {
    if constexpr (std::is_same_v<T, std::string>) {
        return type;
    } else {
        return std::string(to_string(type));
    }
}

template <class IdTokenInfo> IdTokenInfo v2x_id_token_info(const AuthDecision& d) {
    IdTokenInfo info;
    from_string(v2x_status(d.status), info.status);
    if (d.expires_at) {
        info.cacheExpiryDateTime = format_time(*d.expires_at);
    }
    if (d.group_id_token) {
        info.groupIdToken.emplace();
        info.groupIdToken->idToken = *d.group_id_token;
        if constexpr (std::is_same_v<decltype(info.groupIdToken->type), std::string>) {
            info.groupIdToken->type = d.group_type;
        } else {
            from_string(d.group_type, info.groupIdToken->type);
        }
    }
    return info;
}

} // namespace recarga::manager
