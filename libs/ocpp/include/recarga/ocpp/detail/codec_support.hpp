// Building blocks of the generated to_json()/from_json() functions (tools/ocppgen). Not an API for
// hand-written code: include it only from generated sources.
//
// Numbers: schema "number" maps to double; a double that holds an integral value is written as a JSON
// integer (OCPP 1.6 stations often parse "6E1" badly, and it keeps round trips of integer input exact).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include "recarga/ocpp/codec.hpp"

namespace recarga::ocpp::detail {

namespace json = boost::json;

[[noreturn]] void throw_type_error(const json::value& jv, std::string_view expected);

inline const json::object& expect_object(const json::value& jv) {
    if (!jv.is_object()) {
        throw_type_error(jv, "object");
    }
    return jv.get_object();
}

void decode(const json::value& jv, std::string& out);
void decode(const json::value& jv, std::int64_t& out);
void decode(const json::value& jv, double& out);
void decode(const json::value& jv, bool& out);
void decode(const json::value& jv, json::object& out);
inline void decode(const json::value& jv, json::value& out) { out = jv; }

template <class T> void decode(const json::value& jv, std::vector<T>& out);

template <class T>
    requires std::is_enum_v<T> || std::is_class_v<T>
void decode(const json::value& jv, T& out) {
    from_json(jv, out); // generated, found by argument-dependent lookup
}

template <class T> void decode(const json::value& jv, std::vector<T>& out) {
    if (!jv.is_array()) {
        throw_type_error(jv, "array");
    }
    const auto& arr = jv.get_array();
    out.clear();
    out.resize(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
        try {
            decode(arr[i], out[i]);
        } catch (const DecodeError& e) {
            throw e.nested_in("[" + std::to_string(i) + "]");
        }
    }
}

template <class T> void get(const json::object& o, std::string_view key, T& out) {
    const auto* jv = o.if_contains(key);
    if (jv == nullptr) {
        throw DecodeError(ErrorKind::OccurrenceConstraintViolation, std::string(key), "required member is missing");
    }
    try {
        decode(*jv, out);
    } catch (const DecodeError& e) {
        throw e.nested_in(std::string(key));
    }
}

template <class T> void get_optional(const json::object& o, std::string_view key, std::optional<T>& out) {
    const auto* jv = o.if_contains(key);
    if (jv == nullptr) {
        out.reset();
        return;
    }
    try {
        decode(*jv, out.emplace());
    } catch (const DecodeError& e) {
        throw e.nested_in(std::string(key));
    }
}

inline json::value encode(const std::string& v) { return json::string(v); }
inline json::value encode(std::int64_t v) { return v; }
inline json::value encode(bool v) { return v; }
inline json::value encode(const json::object& v) { return v; }
inline json::value encode(const json::value& v) { return v; }
inline json::value encode(double v) {
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {
        return static_cast<std::int64_t>(v);
    }
    return v;
}

template <class T>
    requires std::is_enum_v<T> || std::is_class_v<T>
json::value encode(const T& v) {
    return to_json(v); // generated, found by argument-dependent lookup
}

template <class T> json::value encode(const std::vector<T>& v) {
    json::array arr;
    arr.reserve(v.size());
    for (const auto& item : v) {
        arr.push_back(encode(item));
    }
    return arr;
}

template <class T> void put(json::object& o, std::string_view key, const T& v) { o.emplace(key, encode(v)); }

template <class T> void put_optional(json::object& o, std::string_view key, const std::optional<T>& v) {
    if (v) {
        o.emplace(key, encode(*v));
    }
}

inline std::string_view enum_name(std::span<const std::string_view> names, std::size_t index) noexcept {
    return index < names.size() ? names[index] : std::string_view{};
}

template <class E> bool enum_parse(std::span<const std::string_view> names, std::string_view s, E& out) noexcept {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == s) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

template <class E> void decode_enum(const json::value& jv, E& out) {
    if (!jv.is_string()) {
        throw_type_error(jv, "string");
    }
    if (!from_string(jv.get_string(), out)) {
        throw DecodeError(ErrorKind::PropertyConstraintViolation, "",
                          "value \"" + std::string(jv.get_string()) + "\" is not one of the allowed values");
    }
}

} // namespace recarga::ocpp::detail
