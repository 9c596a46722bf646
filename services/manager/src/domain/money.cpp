#include "domain/money.hpp"

#include <array>
#include <limits>

namespace recarga::manager {

namespace {

// ISO 4217 codes with a minor unit other than two digits; every other known code has two.
struct Exception {
    std::string_view code;
    int digits;
};
constexpr std::array kNonTwoDigit{
    Exception{"BHD", 3}, Exception{"BIF", 0}, Exception{"CLP", 0}, Exception{"DJF", 0}, Exception{"GNF", 0},
    Exception{"IQD", 3}, Exception{"ISK", 0}, Exception{"JOD", 3}, Exception{"JPY", 0}, Exception{"KMF", 0},
    Exception{"KRW", 0}, Exception{"KWD", 3}, Exception{"LYD", 3}, Exception{"OMR", 3}, Exception{"PYG", 0},
    Exception{"RWF", 0}, Exception{"TND", 3}, Exception{"UGX", 0}, Exception{"UYI", 0}, Exception{"VND", 0},
    Exception{"VUV", 0}, Exception{"XAF", 0}, Exception{"XOF", 0}, Exception{"XPF", 0}, Exception{"CLF", 4},
    Exception{"UYW", 4},
};

// Two-digit currencies a charging network is likely to bill in. A code outside both lists is refused rather
// than guessed.
constexpr std::array<std::string_view, 62> kTwoDigit{
    "AED", "ARS", "AUD", "BAM", "BGN", "BRL", "CAD", "CHF", "CNY", "COP", "CZK", "DKK", "EGP", "EUR", "GBP", "GEL",
    "HKD", "HUF", "IDR", "ILS", "INR", "KES", "KZT", "MAD", "MDL", "MKD", "MXN", "MYR", "NGN", "NOK", "NZD", "PEN",
    "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "ZAR",
    "ALL", "AMD", "AZN", "BDT", "BOB", "BYN", "CRC", "DOP", "GTQ", "LKR", "MUR", "NPR", "PAB", "UZS",
};

} // namespace

std::int64_t pow10(int n) {
    std::int64_t v = 1;
    for (int i = 0; i < n; ++i) {
        v *= 10;
    }
    return v;
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    __int128 whole = 0;
    std::size_t whole_digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole_digits) {
        whole = whole * 10 + (text[i] - '0');
        if (whole > kMax / kScale) {
            return std::nullopt;
        }
    }
    __int128 fraction = 0;
    int fraction_digits = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            if (++fraction_digits > kDigits) {
                return std::nullopt;
            }
            fraction = fraction * 10 + (text[i] - '0');
        }
        if (fraction_digits == 0) {
            return std::nullopt;
        }
    }
    if (i != text.size() || whole_digits == 0) {
        return std::nullopt;
    }
    const __int128 micros = whole * kScale + fraction * pow10(kDigits - fraction_digits);
    if (micros > kMax) {
        return std::nullopt;
    }
    return Decimal(static_cast<std::int64_t>(negative ? -micros : micros));
}

std::string Decimal::to_string(int min_fraction) const {
    const bool negative = micros_ < 0;
    const auto magnitude = negative ? -static_cast<__int128>(micros_) : static_cast<__int128>(micros_);
    auto whole = static_cast<std::int64_t>(magnitude / kScale);
    auto fraction = static_cast<std::int64_t>(magnitude % kScale);
    std::string digits = std::to_string(fraction + kScale).substr(1); // six digits, leading zeros kept
    while (static_cast<int>(digits.size()) > min_fraction && !digits.empty() && digits.back() == '0') {
        digits.pop_back();
    }
    std::string out = (negative && (whole != 0 || fraction != 0)) ? "-" : "";
    out += std::to_string(whole);
    if (!digits.empty()) {
        out += '.';
        out += digits;
    }
    return out;
}

std::optional<Currency> currency(std::string_view code) {
    for (const auto& e : kNonTwoDigit) {
        if (e.code == code) {
            return Currency{std::string(code), e.digits};
        }
    }
    for (auto c : kTwoDigit) {
        if (c == code) {
            return Currency{std::string(code), 2};
        }
    }
    return std::nullopt;
}

std::int64_t divide_rounded(__int128 numerator, __int128 denominator) {
    const bool negative = numerator < 0;
    const __int128 n = negative ? -numerator : numerator;
    __int128 q = n / denominator;
    if ((n % denominator) * 2 >= denominator) {
        ++q; // half away from zero
    }
    return static_cast<std::int64_t>(negative ? -q : q);
}

std::int64_t to_minor_units(Decimal amount, const Currency& c) {
    return divide_rounded(amount.micros(), pow10(Decimal::kDigits - c.minor_digits));
}

std::string format_amount(const Money& m) {
    const auto d = Decimal::from_micros(m.minor * pow10(Decimal::kDigits - m.currency.minor_digits));
    return d.to_string(m.currency.minor_digits);
}

} // namespace recarga::manager
