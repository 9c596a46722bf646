#include "recarga/ocpp/detail/codec_support.hpp"

#include <cmath>
#include <limits>

namespace recarga::ocpp::detail {

namespace {
std::string_view kind_name(const json::value& jv) {
    switch (jv.kind()) {
    case json::kind::null:
        return "null";
    case json::kind::bool_:
        return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
        return "integer";
    case json::kind::double_:
        return "number";
    case json::kind::string:
        return "string";
    case json::kind::array:
        return "array";
    case json::kind::object:
        return "object";
    }
    return "value";
}
} // namespace

void throw_type_error(const json::value& jv, std::string_view expected) {
    throw DecodeError(ErrorKind::TypeConstraintViolation, "",
                      "expected " + std::string(expected) + ", got " + std::string(kind_name(jv)));
}

void decode(const json::value& jv, std::string& out) {
    if (!jv.is_string()) {
        throw_type_error(jv, "string");
    }
    out.assign(jv.get_string().data(), jv.get_string().size());
}

void decode(const json::value& jv, std::int64_t& out) {
    if (jv.is_int64()) {
        out = jv.get_int64();
        return;
    }
    if (jv.is_uint64()) {
        if (jv.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            throw DecodeError(ErrorKind::PropertyConstraintViolation, "", "integer out of range");
        }
        out = static_cast<std::int64_t>(jv.get_uint64());
        return;
    }
    if (jv.is_double()) {
        // JSON Schema counts 5.0 as an integer; accept it when it is exactly representable.
        const double d = jv.get_double();
        if (d == std::trunc(d) && std::fabs(d) < 9.2e18) {
            out = static_cast<std::int64_t>(d);
            return;
        }
    }
    throw_type_error(jv, "integer");
}

void decode(const json::value& jv, double& out) {
    if (!jv.is_number()) {
        throw_type_error(jv, "number");
    }
    out = jv.to_number<double>();
}

void decode(const json::value& jv, bool& out) {
    if (!jv.is_bool()) {
        throw_type_error(jv, "boolean");
    }
    out = jv.get_bool();
}

void decode(const json::value& jv, json::object& out) {
    if (!jv.is_object()) {
        throw_type_error(jv, "object");
    }
    out = jv.get_object();
}

} // namespace recarga::ocpp::detail
