// Lets libpqxx 6.4 (which predates std::optional support) bind std::optional<T> parameters as NULL or value.
#pragma once

#include <optional>
#include <string>

#include <pqxx/strconv>

namespace pqxx {
template <typename T> struct string_traits<std::optional<T>> {
    static constexpr const char* name() noexcept { return "optional"; }
    static constexpr bool has_null() noexcept { return true; }
    static bool is_null(const std::optional<T>& v) { return !v.has_value(); }
    static std::optional<T> null() { return std::nullopt; }
    static void from_string(const char str[], std::optional<T>& obj) {
        T v;
        string_traits<T>::from_string(str, v);
        obj = std::move(v);
    }
    static std::string to_string(const std::optional<T>& v) { return string_traits<T>::to_string(*v); }
};
} // namespace pqxx
