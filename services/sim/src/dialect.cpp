#include "dialect.hpp"

#include <ctime>

#include <fmt/format.h>

#include "dialect_impl.hpp"

namespace recarga::sim {

std::string iso8601(Clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
}

const Dialect& dialect_for(ocpp::Version v) {
    switch (v) {
    case ocpp::Version::v16:
        return detail::dialect_v16();
    case ocpp::Version::v201:
        return detail::dialect_v201();
    case ocpp::Version::v21:
        return detail::dialect_v21();
    }
    return detail::dialect_v16();
}

namespace detail {

std::string_view get_string(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

long long get_int(const boost::json::object& o, std::string_view key, long long fallback) {
    const auto* v = o.if_contains(key);
    if (v && v->is_int64()) {
        return v->get_int64();
    }
    if (v && v->is_uint64()) {
        return static_cast<long long>(v->get_uint64());
    }
    return fallback;
}

IncomingReply reply_status(std::string_view status) {
    IncomingReply r;
    r.result["status"] = status;
    return r;
}

IncomingReply reply_error(ocpp::ErrorKind kind, std::string description) {
    IncomingReply r;
    r.error = ocpp::RpcError{kind, std::move(description)};
    return r;
}

} // namespace detail
} // namespace recarga::sim
