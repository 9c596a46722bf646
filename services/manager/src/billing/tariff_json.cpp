#include "billing/tariff_json.hpp"

#include <array>
#include <boost/json.hpp>
#include <fmt/format.h>

namespace recarga::manager::billing {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// A decimal member (a string such as "0.30"); `fallback` when absent.
std::variant<Decimal, std::string> decimal_member(const json::object& o, std::string_view key, Decimal fallback) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return fallback;
    }
    if (!v->is_string()) {
        return std::string(key) + " must be a decimal string such as \"0.30\"";
    }
    auto d = Decimal::parse(v->get_string());
    if (!d) {
        return std::string(key) + " must be a decimal string with at most six fraction digits";
    }
    return *d;
}

std::optional<Decimal> optional_decimal(const json::object& o, std::string_view key, std::string& error) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return std::nullopt;
    }
    auto d = decimal_member(o, key, Decimal{});
    if (auto* e = std::get_if<std::string>(&d)) {
        error = *e;
        return std::nullopt;
    }
    return std::get<Decimal>(d);
}

json::value amount(std::int64_t minor, const Currency& c) {
    return json::value(format_amount(Money{minor, c}));
}

} // namespace

std::optional<int> parse_clock(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') {
        return std::nullopt;
    }
    for (std::size_t i : {0U, 1U, 3U, 4U}) {
        if (t[i] < '0' || t[i] > '9') {
            return std::nullopt;
        }
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 23 || m > 59) {
        return std::nullopt;
    }
    return h * 60 + m;
}

std::string format_clock(int minutes) {
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::variant<std::vector<TariffElement>, std::string> elements_from_json(const json::value& v) {
    if (!v.is_array() || v.get_array().empty()) {
        return std::string("elements must be a non-empty array");
    }
    std::vector<TariffElement> out;
    for (const auto& item : v.get_array()) {
        if (!item.is_object()) {
            return std::string("each element must be an object");
        }
        const auto& o = item.get_object();
        TariffElement e;
        for (auto [key, target] : {std::pair{"pricePerKwh", &e.prices.per_kwh},
                                   std::pair{"pricePerHourCharging", &e.prices.per_hour_charging},
                                   std::pair{"pricePerHourIdle", &e.prices.per_hour_idle}}) {
            auto d = decimal_member(o, key, Decimal{});
            if (auto* err = std::get_if<std::string>(&d)) {
                return *err;
            }
            *target = std::get<Decimal>(d);
        }
        if (const auto* days = o.if_contains("weekdays"); days != nullptr && !days->is_null()) {
            if (!days->is_array()) {
                return std::string("weekdays must be an array such as [\"Mon\", \"Tue\"]");
            }
            for (const auto& d : days->get_array()) {
                const auto* it =
                    d.is_string() ? std::find(kWeekdays.begin(), kWeekdays.end(), d.get_string()) : kWeekdays.end();
                if (it == kWeekdays.end()) {
                    return std::string("weekdays are Mon, Tue, Wed, Thu, Fri, Sat, Sun");
                }
                e.restrictions.weekdays[static_cast<std::size_t>(it - kWeekdays.begin())] = true;
            }
        }
        const auto* start = o.if_contains("startTime");
        const auto* end = o.if_contains("endTime");
        const bool has_start = start != nullptr && !start->is_null();
        const bool has_end = end != nullptr && !end->is_null();
        if (has_start != has_end) {
            return std::string("startTime and endTime come together");
        }
        if (has_start) {
            auto s = start->is_string() ? parse_clock(start->get_string()) : std::nullopt;
            auto f = end->is_string() ? parse_clock(end->get_string()) : std::nullopt;
            if (!s || !f) {
                return std::string("startTime and endTime are local times HH:MM");
            }
            e.restrictions.start_minute = *s;
            e.restrictions.end_minute = *f;
        }
        out.push_back(e);
    }
    return out;
}

json::array elements_to_json(const std::vector<TariffElement>& elements) {
    json::array out;
    for (const auto& e : elements) {
        json::object o{{"pricePerKwh", e.prices.per_kwh.to_string()},
                       {"pricePerHourCharging", e.prices.per_hour_charging.to_string()},
                       {"pricePerHourIdle", e.prices.per_hour_idle.to_string()}};
        json::array days;
        for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
            if (e.restrictions.weekdays[i]) {
                days.emplace_back(kWeekdays[i]);
            }
        }
        if (!days.empty()) {
            o["weekdays"] = std::move(days);
        }
        if (e.restrictions.start_minute != e.restrictions.end_minute) {
            o["startTime"] = format_clock(e.restrictions.start_minute);
            o["endTime"] = format_clock(e.restrictions.end_minute);
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::variant<Tariff, std::string> tariff_from_body(const json::object& body, std::string id, int version) {
    Tariff t;
    t.id = std::move(id);
    t.version = version;
    const auto* code = body.if_contains("currency");
    auto c = code != nullptr && code->is_string() ? currency(code->get_string()) : std::nullopt;
    if (!c) {
        return std::string("currency must be an ISO 4217 code such as EUR");
    }
    t.currency = *c;
    for (auto [key, target] : {std::pair{"vatPercent", &t.vat_percent}, std::pair{"flatFee", &t.flat_fee}}) {
        auto d = decimal_member(body, key, Decimal{});
        if (auto* err = std::get_if<std::string>(&d)) {
            return *err;
        }
        *target = std::get<Decimal>(d);
    }
    std::string error;
    t.minimum = optional_decimal(body, "minimum", error);
    t.maximum = optional_decimal(body, "maximum", error);
    if (!error.empty()) {
        return error;
    }
    if (const auto* off = body.if_contains("utcOffsetMinutes"); off != nullptr && off->is_int64()) {
        t.utc_offset_minutes = static_cast<int>(std::clamp<std::int64_t>(off->get_int64(), -100000, 100000));
    }
    if (const auto* zone = body.if_contains("timeZone"); zone != nullptr && zone->is_string()) {
        t.time_zone = std::string(zone->get_string()); // checked against PostgreSQL's zones by the API
    }
    const auto* elements = body.if_contains("elements");
    auto parsed = elements != nullptr ? elements_from_json(*elements) : std::string("elements are required");
    if (auto* err = std::get_if<std::string>(&parsed)) {
        return *err;
    }
    t.elements = std::get<std::vector<TariffElement>>(std::move(parsed));
    if (auto why = validate(t)) {
        return *why;
    }
    return t;
}

json::object breakdown_to_json(const CostBreakdown& c) {
    json::array usage;
    for (const auto& u : c.usage) {
        usage.push_back(json::object{{"element", u.element},
                                     {"energyWh", Decimal::from_micros(u.energy_mwh * 1000).to_string()},
                                     {"chargingSeconds", u.charging_ms / 1000},
                                     {"idleSeconds", u.idle_ms / 1000}});
    }
    return {{"currency", c.currency.code},
            {"energyWh", Decimal::from_micros(c.energy_mwh * 1000).to_string()},
            {"chargingSeconds", c.charging_ms / 1000},
            {"idleSeconds", c.idle_ms / 1000},
            {"energy", amount(c.energy, c.currency)},
            {"chargingTime", amount(c.charging_time, c.currency)},
            {"idleTime", amount(c.idle_time, c.currency)},
            {"flatFee", amount(c.flat_fee, c.currency)},
            {"adjustment", amount(c.adjustment, c.currency)},
            {"net", amount(c.net, c.currency)},
            {"vat", amount(c.vat, c.currency)},
            {"total", amount(c.total, c.currency)},
            {"usage", std::move(usage)}};
}

} // namespace recarga::manager::billing
