// The answers about an id token, shared by the handlers that carry one: looks the token up, decides
// (domain/authorization) and encodes the decision as a 1.6 idTagInfo or a 2.0.1/2.1 idTokenInfo of whatever
// generated type the action uses.
#pragma once

#include "domain/authorization.hpp"
#include "handlers/context.hpp"

#include <optional>
#include <string>
#include <type_traits>

namespace recarga::manager {

// `to_charge`: the token asks to start charging (Authorize, a start), so a wallet that pays for it must hold the
// pre-authorisation amount; a stop never needs credit.
inline AuthDecision authorize_token(HandlerContext& ctx, const std::string& token,
                                    const std::optional<std::string>& type, bool to_charge = false) {
    auto record = ctx.tokens.find(token, type);
    auto d = decide_authorization(record, type.value_or(""), ctx.call.station, ctx.now, ctx.config.unknown_tokens);
    return to_charge ? require_credit(d, record, ctx.config.preauth_amount) : d;
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
