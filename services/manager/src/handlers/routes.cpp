#include "handlers/routes.hpp"

#include <string_view>

#include "handlers/v16/core/boot_notification.hpp"
#include "handlers/v16/core/heartbeat.hpp"
#include "handlers/v16/core/status_notification.hpp"
#include "handlers/v201/availability/heartbeat.hpp"
#include "handlers/v201/availability/status_notification.hpp"
#include "handlers/v201/provisioning/boot_notification.hpp"
#include "recarga/ocpp/actions.hpp"
#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/v201/BootNotification.hpp"
#include "recarga/ocpp/v201/Heartbeat.hpp"
#include "recarga/ocpp/v201/StatusNotification.hpp"
#include "recarga/ocpp/v21/BootNotification.hpp"
#include "recarga/ocpp/v21/Heartbeat.hpp"
#include "recarga/ocpp/v21/StatusNotification.hpp"

namespace recarga::manager {

namespace {

using RouteFn = Outcome (*)(HandlerContext&, const boost::json::value&);

struct Route {
    std::string_view action;
    RouteFn fn;
};

template <class Action, auto Handler> Outcome typed(HandlerContext& ctx, const boost::json::value& payload) {
    auto request = ocpp::decode<typename Action::Request>(payload);
    auto answer = Handler(ctx, request);
    if (auto* err = std::get_if<ocpp::RpcError>(&answer)) {
        return {std::nullopt, std::move(*err)};
    }
    return {to_json(std::get<typename Action::Response>(answer)), std::nullopt};
}


namespace o16 = ocpp::v16;
namespace o201 = ocpp::v201;
namespace o21 = ocpp::v21;

constexpr Route kV16Routes[] = {
    {o16::BootNotification::name, &typed<o16::BootNotification, &v16::boot_notification>},
    {o16::Heartbeat::name, &typed<o16::Heartbeat, &v16::heartbeat>},
    {o16::StatusNotification::name, &typed<o16::StatusNotification, &v16::status_notification>},
};

constexpr Route kV201Routes[] = {
    {o201::BootNotification::name,
     &typed<o201::BootNotification,
            &v2x::boot_notification<o201::BootNotificationRequest, o201::BootNotificationResponse>>},
    {o201::Heartbeat::name,
     &typed<o201::Heartbeat, &v2x::heartbeat<o201::HeartbeatRequest, o201::HeartbeatResponse>>},
    {o201::StatusNotification::name,
     &typed<o201::StatusNotification,
            &v2x::status_notification<o201::StatusNotificationRequest, o201::StatusNotificationResponse>>},
};

constexpr Route kV21Routes[] = {
    {o21::BootNotification::name,
     &typed<o21::BootNotification,
            &v2x::boot_notification<o21::BootNotificationRequest, o21::BootNotificationResponse>>},
    {o21::Heartbeat::name, &typed<o21::Heartbeat, &v2x::heartbeat<o21::HeartbeatRequest, o21::HeartbeatResponse>>},
    {o21::StatusNotification::name,
     &typed<o21::StatusNotification,
            &v2x::status_notification<o21::StatusNotificationRequest, o21::StatusNotificationResponse>>},
};

std::span<const Route> routes(ocpp::Version v) {
    switch (v) {
    case ocpp::Version::v16:
        return kV16Routes;
    case ocpp::Version::v201:
        return kV201Routes;
    case ocpp::Version::v21:
        return kV21Routes;
    }
    return {};
}

} // namespace

Outcome dispatch(HandlerContext& ctx, const boost::json::value& payload) {
    const auto& action = ctx.call.action;
    for (const auto& r : routes(ctx.version)) {
        if (r.action == action) {
            try {
                return r.fn(ctx, payload);
            } catch (const ocpp::DecodeError& e) {
                return {std::nullopt, e.to_rpc_error()};
            }
        }
    }
    const auto* info = ocpp::find_action(ctx.version, action);
    if (info != nullptr && info->sender == ocpp::Sender::Csms) {
        return {std::nullopt, ocpp::RpcError{ocpp::ErrorKind::NotSupported, action + " is sent by the central system"}};
    }
    return {std::nullopt, ocpp::RpcError{ocpp::ErrorKind::NotImplemented,
                                         info != nullptr ? action + " is not implemented yet" : "unknown action " + action}};
}

} // namespace recarga::manager
