// Exact money: a decimal with six fraction digits held in an integer, an ISO 4217 currency with its number of
// minor-unit digits, and the one rounding rule of the project (half away from zero; see ADR 0004). Prices
// (e.g. 0.345678 EUR/kWh) keep their six digits; amounts owed are whole minor units of their currency. No
// floating point anywhere: text in, integers inside, text out.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recarga::manager {

// A decimal number with exactly six fraction digits: value = micros / 1,000,000. Range ±9.2e12.
class Decimal {
public:
    static constexpr std::int64_t kScale = 1'000'000;
    static constexpr int kDigits = 6;

    constexpr Decimal() = default;
    static constexpr Decimal from_micros(std::int64_t micros) { return Decimal(micros); }
    static constexpr Decimal from_integer(std::int64_t v) { return Decimal(v * kScale); }

    // "12", "-0.5", "0.345678": optional sign, digits, optional point and at most six fraction digits.
    // Exponents, spaces, more digits than six and values out of range are refused (nullopt).
    static std::optional<Decimal> parse(std::string_view text);

    constexpr std::int64_t micros() const { return micros_; }
    // The shortest text that parses back to the same value, with at least `min_fraction` fraction digits.
    std::string to_string(int min_fraction = 0) const;

    constexpr auto operator<=>(const Decimal&) const = default;

private:
    constexpr explicit Decimal(std::int64_t micros) : micros_(micros) {}
    std::int64_t micros_ = 0;
};

// An ISO 4217 currency: its code and the number of digits of its minor unit (EUR 2, JPY 0, KWD 3).
struct Currency {
    std::string code;
    int minor_digits = 2;
    bool operator==(const Currency&) const = default;
};

// The currency of an ISO 4217 alphabetic code, or nullopt when the code is not one we know.
std::optional<Currency> currency(std::string_view code);

// An amount in whole minor units of a currency (cents for EUR).
struct Money {
    std::int64_t minor = 0;
    Currency currency;
    bool operator==(const Money&) const = default;
};

// "12.34" for 1234 EUR minor units; "-0.05"; "500" for 500 JPY. The API writes money as such strings.
std::string format_amount(const Money& m);

// numerator / denominator rounded half away from zero to an integer. denominator > 0.
std::int64_t divide_rounded(__int128 numerator, __int128 denominator);

// A six-digit decimal amount rounded to whole minor units of the currency.
std::int64_t to_minor_units(Decimal amount, const Currency& c);

// 10^n for n in 0..18.
std::int64_t pow10(int n);

} // namespace recarga::manager
