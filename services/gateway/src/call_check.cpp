#include "call_check.hpp"

namespace recarga::gateway {

std::optional<ocpp::RpcError> check_call(ocpp::Version v, std::string_view action, const boost::json::value& payload) {
    if (!payload.is_object()) {
        return ocpp::RpcError{ocpp::ErrorKind::FormatViolation, "payload must be an object"};
    }
    return std::nullopt;
}

} // namespace recarga::gateway
