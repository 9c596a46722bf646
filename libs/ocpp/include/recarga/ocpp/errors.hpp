// The closed set of RPC failures and their CALLERROR spelling per OCPP version.
//
// OCPP 1.6 (and its errata) spells two codes differently from 2.0.1/2.1: FormationViolation and
// OccurenceConstraintViolation. 1.6 has no MessageTypeNotSupported and no RpcFrameworkError; those map to
// the closest 1.6 code. This is the only place where an error becomes a wire string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "recarga/ocpp/version.hpp"

namespace recarga::ocpp {

enum class ErrorKind {
    FormatViolation,               // payload syntactically wrong or not conforming to the PDU structure
    OccurrenceConstraintViolation, // a required field missing, or a field occurring too often
    PropertyConstraintViolation,   // a field's value breaks a constraint (length, enum, range)
    TypeConstraintViolation,       // a field has the wrong type
    ProtocolError,                 // payload for the action is incomplete
    NotImplemented,                // the action is not known
    NotSupported,                  // the action is known but not supported here
    InternalError,                 // the receiver failed while processing
    SecurityError,                 // the sender is not allowed to do this
    GenericError,                  // anything else
    MessageTypeNotSupported,       // unknown messageTypeId
    RpcFrameworkError,             // not a valid RPC frame (e.g. the message id cannot be read)
};

std::string_view error_code(Version v, ErrorKind kind) noexcept;

// Parses a received CALLERROR code of the given version back into a kind.
std::optional<ErrorKind> error_kind_from_code(Version v, std::string_view code) noexcept;

struct RpcError {
    ErrorKind kind;
    std::string description;
};

} // namespace recarga::ocpp
