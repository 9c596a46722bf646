// OCPP-J framing: the JSON arrays that carry CALL, CALLRESULT and CALLERROR (and the 2.1 SEND and
// CALLRESULTERROR) over a WebSocket.
//
// parse_frame() checks everything that does not depend on the action's schema: valid UTF-8 JSON, an array
// of the right length for its messageTypeId, a string message id of at most 36 characters, a string action
// and an object payload, a bounded size and nesting depth. A failure carries the message id when it could be
// read (otherwise "-1") so that the caller can answer with a CALLERROR.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/version.hpp"

namespace recarga::ocpp {

enum class MessageType : int {
    Call = 2,
    CallResult = 3,
    CallError = 4,
    CallResultError = 5, // OCPP 2.1 only
    Send = 6,            // OCPP 2.1 only
};

inline constexpr std::size_t kMaxMessageIdLength = 36;
inline constexpr std::size_t kDefaultMaxFrameSize = 64 * 1024;
inline constexpr std::size_t kMaxJsonDepth = 32;

struct Frame {
    MessageType type{};
    std::string message_id;
    std::string action;            // Call and Send
    boost::json::value payload;    // Call, CallResult and Send: always an object
    std::string error_code;        // CallError and CallResultError
    std::string error_description; // CallError and CallResultError
    boost::json::value error_details; // CallError and CallResultError: always an object
};

struct FrameError {
    ErrorKind kind;
    std::string message_id; // "-1" when it could not be read
    std::string description;
};

struct FrameLimits {
    std::size_t max_frame_size = kDefaultMaxFrameSize;
};

boost::system::result<Frame, FrameError> parse_frame(std::string_view text, Version v, FrameLimits limits = {});

std::string serialize_call(std::string_view message_id, std::string_view action, const boost::json::value& payload);
std::string serialize_call_result(std::string_view message_id, const boost::json::value& payload);
std::string serialize_call_error(std::string_view message_id, std::string_view code, std::string_view description,
                                 const boost::json::value& details = boost::json::object{});
// A CALLERROR for a failure, spelled for the version.
std::string serialize_call_error(Version v, std::string_view message_id, const RpcError& error);

// Found by argument-dependent lookup when result<T, FrameError>::value() is called on an error.
[[noreturn]] void throw_exception_from_error(const FrameError& e, const boost::source_location& loc);

} // namespace recarga::ocpp
