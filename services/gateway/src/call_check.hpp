// Checks a station's CALL before it is relayed: the action must exist in the version's action table and be
// one a charging station sends, and the payload must satisfy the action's JSON schema.
#pragma once

#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/version.hpp"

namespace recarga::gateway {

std::optional<ocpp::RpcError> check_call(ocpp::Version v, std::string_view action, const boost::json::value& payload);

} // namespace recarga::gateway
