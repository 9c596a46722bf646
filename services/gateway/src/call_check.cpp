#include "call_check.hpp"

#include <string>

#include "recarga/ocpp/actions.hpp"
#include "recarga/ocpp/validator.hpp"

namespace recarga::gateway {

std::optional<ocpp::RpcError> check_call(ocpp::Version v, std::string_view action, const boost::json::value& payload) {
    const auto* info = ocpp::find_action(v, action);
    if (info == nullptr) {
        return ocpp::RpcError{ocpp::ErrorKind::NotImplemented,
                              "unknown action " + std::string(action) + " in " + std::string(ocpp::subprotocol(v))};
    }
    if (info->sender == ocpp::Sender::Csms) {
        return ocpp::RpcError{ocpp::ErrorKind::NotSupported,
                              std::string(action) + " is sent by the central system, not by a charging station"};
    }
    return ocpp::SchemaValidator::instance().validate(v, action, ocpp::Direction::Request, payload);
}

} // namespace recarga::gateway
