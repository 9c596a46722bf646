// Typed JSON decoding of OCPP payloads: the error the generated from_json() functions throw, and decode<T>().
//
// Every generated message type T (recarga/ocpp/<version>/<Action>.hpp) has `boost::json::value to_json(const T&)`
// and `void from_json(const boost::json::value&, T&)`, found by argument-dependent lookup. from_json() checks
// only what the C++ type needs (JSON kinds, required members, enum values); the full schema check is
// SchemaValidator's job (validate first, then decode). A failure throws DecodeError, whose kind() is the
// OCPP error to answer with; callers catch it at the handler boundary.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <boost/json/value.hpp>

#include "recarga/ocpp/errors.hpp"

namespace recarga::ocpp {

class DecodeError : public std::runtime_error {
public:
    // `path` is the JSON path of the offending member ("" for the payload itself), e.g. "meterValue[0].timestamp".
    DecodeError(ErrorKind kind, std::string path, std::string message)
        : std::runtime_error(describe(path, message)), kind_(kind), path_(std::move(path)), message_(std::move(message)) {}

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& path() const noexcept { return path_; }
    const std::string& message() const noexcept { return message_; }

    // A copy of this error one level deeper: `segment` is a member name or an "[index]".
    DecodeError nested_in(const std::string& segment) const {
        std::string p = segment;
        if (!path_.empty()) {
            if (path_.front() != '[') {
                p += '.';
            }
            p += path_;
        }
        return DecodeError(kind_, std::move(p), message_);
    }

    // The error as an OCPP RpcError (description carries the path).
    RpcError to_rpc_error() const { return RpcError{kind_, what()}; }

private:
    static std::string describe(const std::string& path, const std::string& message) {
        return path.empty() ? message : path + ": " + message;
    }

    ErrorKind kind_;
    std::string path_;
    std::string message_;
};

// Decodes a payload into a generated message type; throws DecodeError.
template <class T> T decode(const boost::json::value& payload) {
    T out{};
    from_json(payload, out);
    return out;
}

} // namespace recarga::ocpp
