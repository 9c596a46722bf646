// Routing of station calls to handlers: one table per OCPP version, each row an action, its typed
// request/response (from the generated library) and its handler. Adding an action touches the handler,
// its test and one row in routes.cpp.
#pragma once

#include <optional>

#include <boost/json/value.hpp>

#include "handlers/context.hpp"

namespace recarga::manager {

struct Outcome {
    std::optional<boost::json::value> result; // CALLRESULT payload
    std::optional<ocpp::RpcError> error;      // or CALLERROR
};

// Decodes the payload, runs the handler and encodes its answer. Actions without a handler are answered
// NotImplemented; payloads that do not decode get the error the decoder names.
Outcome dispatch(HandlerContext& ctx, const boost::json::value& payload);

} // namespace recarga::manager
