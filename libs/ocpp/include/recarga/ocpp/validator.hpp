// Schema validation of OCPP payloads against the official JSON schemas of each version.
//
// The schemas are compiled into the library (tools/ocppgen embeds them) and parsed into valijson schemas once,
// on the first call to instance(); after that SchemaValidator is immutable, and validate() may be called from
// any number of threads at once.
//
// A failure is reported as the RpcError to answer with. Its description names the JSON path of the first
// offending member (e.g. "/meterValue/0/sampledValue/0/measurand"). Mapping of schema failures to kinds:
//   missing required member                       -> OccurrenceConstraintViolation
//   wrong JSON type                               -> TypeConstraintViolation
//   enum, length, format, range, multipleOf, item count -> PropertyConstraintViolation
//   member not declared (additionalProperties)    -> FormatViolation: the payload does not conform to the
//     message's PDU structure, which is how OCPP-J defines FormatViolation; PropertyConstraintViolation is
//     about the value of a known member.
// When several members are wrong, the most structural failure wins, in the order of the list above
// (Occurrence, Type, Format, Property), so the answer does not depend on member order.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/version.hpp"

namespace recarga::ocpp {

enum class Direction { Request, Response };

class SchemaValidator {
public:
    // The process-wide validator; compiles every schema of every version on first use (thread-safe).
    static const SchemaValidator& instance();

    // nullopt when `payload` conforms to the schema of `action` in `direction`. An action without a schema
    // gives NotImplemented (unknown action) or ProtocolError (no schema for that direction).
    std::optional<RpcError> validate(Version v, std::string_view action, Direction d,
                                     const boost::json::value& payload) const;

    // True when the version has an action of that name (its request schema).
    bool has_schema(Version v, std::string_view action) const;

    ~SchemaValidator();
    SchemaValidator(const SchemaValidator&) = delete;
    SchemaValidator& operator=(const SchemaValidator&) = delete;

private:
    SchemaValidator();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace recarga::ocpp
