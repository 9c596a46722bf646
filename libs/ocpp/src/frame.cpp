#include "recarga/ocpp/frame.hpp"

#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace recarga::ocpp {

namespace json = boost::json;

namespace {

FrameError fail(ErrorKind kind, std::string message_id, std::string description) {
    return FrameError{kind, message_id.empty() ? std::string("-1") : std::move(message_id), std::move(description)};
}

bool is_valid_message_id(const json::value& v) {
    return v.is_string() && !v.get_string().empty() && v.get_string().size() <= kMaxMessageIdLength;
}

} // namespace

boost::system::result<Frame, FrameError> parse_frame(std::string_view text, Version v, FrameLimits limits) {
    if (text.size() > limits.max_frame_size) {
        return fail(ErrorKind::FormatViolation, "", "frame of " + std::to_string(text.size()) +
                                                        " bytes exceeds the limit of " +
                                                        std::to_string(limits.max_frame_size));
    }
    if (text.empty()) {
        return fail(ErrorKind::RpcFrameworkError, "", "empty frame");
    }
    json::parse_options opts;
    opts.max_depth = kMaxJsonDepth;
    boost::system::error_code ec;
    json::value root = json::parse(text, ec, {}, opts);
    if (ec) {
        return fail(ErrorKind::RpcFrameworkError, "", "frame is not valid JSON: " + ec.message());
    }
    if (!root.is_array()) {
        return fail(ErrorKind::RpcFrameworkError, "", "frame is not a JSON array");
    }
    auto& arr = root.get_array();
    if (arr.size() < 3) {
        return fail(ErrorKind::RpcFrameworkError, "", "frame has fewer than 3 elements");
    }
    if (!is_valid_message_id(arr[1])) {
        return fail(ErrorKind::RpcFrameworkError, "", "message id must be a string of 1 to 36 characters");
    }
    std::string id(arr[1].get_string());
    if (!arr[0].is_int64() && !arr[0].is_uint64()) {
        return fail(ErrorKind::RpcFrameworkError, id, "messageTypeId must be an integer");
    }
    // A uint64 beyond int64 range is no known type (to_number<int64_t> would throw on it).
    const std::int64_t type_id = arr[0].is_int64() ? arr[0].get_int64() : -1;

    Frame frame;
    frame.message_id = id;
    const bool v21 = v == Version::v21;
    switch (type_id) {
    case 2:
    case 6: {
        if (type_id == 6 && !v21) {
            return fail(ErrorKind::MessageTypeNotSupported, id, "SEND exists only in OCPP 2.1");
        }
        frame.type = static_cast<MessageType>(type_id);
        if (arr.size() != 4) {
            return fail(ErrorKind::RpcFrameworkError, id, "CALL must have exactly 4 elements");
        }
        if (!arr[2].is_string() || arr[2].get_string().empty()) {
            return fail(ErrorKind::RpcFrameworkError, id, "action must be a non-empty string");
        }
        if (!arr[3].is_object()) {
            return fail(ErrorKind::FormatViolation, id, "payload must be a JSON object");
        }
        frame.action = std::string(arr[2].get_string());
        frame.payload = std::move(arr[3]);
        return frame;
    }
    case 3: {
        frame.type = MessageType::CallResult;
        if (arr.size() != 3) {
            return fail(ErrorKind::RpcFrameworkError, id, "CALLRESULT must have exactly 3 elements");
        }
        if (!arr[2].is_object()) {
            return fail(ErrorKind::FormatViolation, id, "payload must be a JSON object");
        }
        frame.payload = std::move(arr[2]);
        return frame;
    }
    case 4:
    case 5: {
        if (type_id == 5 && !v21) {
            return fail(ErrorKind::MessageTypeNotSupported, id, "CALLRESULTERROR exists only in OCPP 2.1");
        }
        frame.type = static_cast<MessageType>(type_id);
        if (arr.size() != 5) {
            return fail(ErrorKind::RpcFrameworkError, id, "CALLERROR must have exactly 5 elements");
        }
        if (!arr[2].is_string() || !arr[3].is_string() || !arr[4].is_object()) {
            return fail(ErrorKind::RpcFrameworkError, id,
                        "CALLERROR needs a string code, a string description and an object of details");
        }
        frame.error_code = std::string(arr[2].get_string());
        frame.error_description = std::string(arr[3].get_string());
        frame.error_details = std::move(arr[4]);
        return frame;
    }
    default:
        return fail(ErrorKind::MessageTypeNotSupported, id, "unknown messageTypeId " + std::to_string(type_id));
    }
}

std::string serialize_call(std::string_view message_id, std::string_view action, const json::value& payload) {
    json::array a{2, message_id, action, payload};
    return json::serialize(a);
}

std::string serialize_call_result(std::string_view message_id, const json::value& payload) {
    json::array a{3, message_id, payload};
    return json::serialize(a);
}

std::string serialize_call_error(std::string_view message_id, std::string_view code, std::string_view description,
                                 const json::value& details) {
    // OCPP limits the description to 255 characters.
    auto desc = description.substr(0, 255);
    json::array a{4, message_id, code, desc, details.is_object() ? details : json::object{}};
    return json::serialize(a);
}

std::string serialize_call_error(Version v, std::string_view message_id, const RpcError& error) {
    return serialize_call_error(message_id, error_code(v, error.kind), error.description);
}

void throw_exception_from_error(const FrameError& e, const boost::source_location&) {
    throw std::runtime_error("OCPP frame error: " + e.description);
}

} // namespace recarga::ocpp
