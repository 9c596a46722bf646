#include "recarga/ocpp/errors.hpp"

#include <array>
#include <utility>

namespace recarga::ocpp {

std::string_view error_code(Version v, ErrorKind kind) noexcept {
    const bool v16 = v == Version::v16;
    switch (kind) {
    case ErrorKind::FormatViolation:
        return v16 ? "FormationViolation" : "FormatViolation";
    case ErrorKind::OccurrenceConstraintViolation:
        return v16 ? "OccurenceConstraintViolation" : "OccurrenceConstraintViolation";
    case ErrorKind::PropertyConstraintViolation:
        return "PropertyConstraintViolation";
    case ErrorKind::TypeConstraintViolation:
        return "TypeConstraintViolation";
    case ErrorKind::ProtocolError:
        return "ProtocolError";
    case ErrorKind::NotImplemented:
        return "NotImplemented";
    case ErrorKind::NotSupported:
        return "NotSupported";
    case ErrorKind::InternalError:
        return "InternalError";
    case ErrorKind::SecurityError:
        return "SecurityError";
    case ErrorKind::GenericError:
        return "GenericError";
    case ErrorKind::MessageTypeNotSupported:
        // 1.6 has no such code: an unknown message type breaks the PDU structure.
        return v16 ? "FormationViolation" : "MessageTypeNotSupported";
    case ErrorKind::RpcFrameworkError:
        // 1.6 has no such code: a frame that is not a valid RPC breaks the PDU structure.
        return v16 ? "FormationViolation" : "RpcFrameworkError";
    }
    return "GenericError";
}

std::optional<ErrorKind> error_kind_from_code(Version v, std::string_view code) noexcept {
    constexpr std::array kinds = {
        ErrorKind::FormatViolation,        ErrorKind::OccurrenceConstraintViolation,
        ErrorKind::PropertyConstraintViolation, ErrorKind::TypeConstraintViolation,
        ErrorKind::ProtocolError,          ErrorKind::NotImplemented,
        ErrorKind::NotSupported,           ErrorKind::InternalError,
        ErrorKind::SecurityError,          ErrorKind::GenericError,
        ErrorKind::MessageTypeNotSupported, ErrorKind::RpcFrameworkError,
    };
    for (auto kind : kinds) {
        if (error_code(v, kind) == code) {
            return kind;
        }
    }
    return std::nullopt;
}

} // namespace recarga::ocpp
