// Shared helpers of the dialect implementations (not part of the sim's interface).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "dialect.hpp"

namespace recarga::sim::detail {

const Dialect& dialect_v16();
const Dialect& dialect_v201();
const Dialect& dialect_v21();

// The string at `key` in `o`, or "" when absent or not a string.
std::string_view get_string(const boost::json::object& o, std::string_view key);
// The integer at `key` in `o`, or `fallback` when absent or not an integer.
long long get_int(const boost::json::object& o, std::string_view key, long long fallback);

IncomingReply reply_status(std::string_view status);
IncomingReply reply_error(ocpp::ErrorKind kind, std::string description);

} // namespace recarga::sim::detail
