#include "domain/tariff.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace recarga::manager {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kMwhPerKwh = 1'000'000;
constexpr int kDayMinutes = 1440;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Local weekday (0 = Monday) and millisecond of the local day of a UTC instant.
struct LocalTime {
    int weekday;
    std::int64_t ms_of_day;
};

LocalTime local_time(EpochMs at, int offset_minutes) {
    const EpochMs local = at + offset_minutes * kMinuteMs;
    const std::int64_t day = floor_div(local, kDayMs);
    // 1970-01-01 was a Thursday (index 3).
    const int weekday = static_cast<int>(((day % 7) + 7 + 3) % 7);
    return {weekday, local - day * kDayMs};
}

bool day_allowed(const TariffRestrictions& r, int weekday) {
    return std::none_of(r.weekdays.begin(), r.weekdays.end(), [](bool b) { return b; }) || r.weekdays[weekday];
}

bool applies(const TariffRestrictions& r, LocalTime t) {
    const std::int64_t start = r.start_minute * kMinuteMs;
    const std::int64_t end = r.end_minute * kMinuteMs;
    if (start == end) {
        return day_allowed(r, t.weekday);
    }
    if (start < end) {
        return t.ms_of_day >= start && t.ms_of_day < end && day_allowed(r, t.weekday);
    }
    // Past midnight: the evening part belongs to today, the morning part to the day before.
    return (t.ms_of_day >= start && day_allowed(r, t.weekday)) ||
           (t.ms_of_day < end && day_allowed(r, (t.weekday + 6) % 7));
}

std::size_t element_at(const Tariff& t, EpochMs at) {
    const auto local = local_time(at, offset_at(t, at));
    for (std::size_t i = 0; i < t.elements.size(); ++i) {
        if (applies(t.elements[i].restrictions, local)) {
            return i;
        }
    }
    return t.elements.size() - 1; // unreachable for a valid tariff: its last element is unrestricted
}

// The first instant after `at` where the applicable element may change: a band edge or local midnight in the
// offset in force at `at`, or a change of the offset (after which the edges are found again).
EpochMs next_boundary(const std::set<std::int64_t>& edges_ms, EpochMs at, const Tariff& t) {
    const auto local = local_time(at, offset_at(t, at));
    auto it = edges_ms.upper_bound(local.ms_of_day);
    const std::int64_t edge = it == edges_ms.end() ? kDayMs : *it;
    EpochMs next = at + (edge - local.ms_of_day);
    auto change = std::upper_bound(t.offset_changes.begin(), t.offset_changes.end(), at,
                                   [](EpochMs v, const OffsetChange& c) { return v < c.from; });
    if (change != t.offset_changes.end()) {
        next = std::min(next, change->from);
    }
    return next;
}

// Whole milli-watt-hours of a register reading (the only place a double meets the money path).
std::int64_t to_mwh(double wh) {
    return std::isfinite(wh) ? static_cast<std::int64_t>(std::llround(wh * 1000.0)) : 0;
}

} // namespace

int offset_at(const Tariff& t, EpochMs at) {
    auto after = std::upper_bound(t.offset_changes.begin(), t.offset_changes.end(), at,
                                  [](EpochMs v, const OffsetChange& c) { return v < c.from; });
    return after == t.offset_changes.begin() ? t.utc_offset_minutes : std::prev(after)->offset_minutes;
}

bool TariffRestrictions::unrestricted() const {
    return start_minute == end_minute && std::none_of(weekdays.begin(), weekdays.end(), [](bool b) { return b; });
}

std::optional<std::string> validate(const Tariff& t) {
    if (t.elements.empty()) {
        return "a tariff needs at least one element";
    }
    if (!t.elements.back().restrictions.unrestricted()) {
        return "the last element must have no restrictions, so that every moment has a price";
    }
    const Decimal zero;
    for (const auto& e : t.elements) {
        if (e.prices.per_kwh < zero || e.prices.per_hour_charging < zero || e.prices.per_hour_idle < zero) {
            return "prices must not be negative";
        }
        const auto& r = e.restrictions;
        if (r.start_minute < 0 || r.start_minute >= kDayMinutes || r.end_minute < 0 || r.end_minute >= kDayMinutes) {
            return "a time band's start and end must be minutes from 0 to 1439";
        }
    }
    if (t.vat_percent < zero || t.vat_percent > Decimal::from_integer(100)) {
        return "VAT must be from 0 to 100 percent";
    }
    if (t.flat_fee < zero || (t.minimum && *t.minimum < zero) || (t.maximum && *t.maximum < zero)) {
        return "fees, minimum and maximum must not be negative";
    }
    if (t.minimum && t.maximum && *t.minimum > *t.maximum) {
        return "the minimum must not be above the maximum";
    }
    if (t.utc_offset_minutes < -14 * 60 || t.utc_offset_minutes > 14 * 60) {
        return "the UTC offset must be within ±14 hours";
    }
    if (t.currency.code.empty()) {
        return "a tariff needs a currency";
    }
    return std::nullopt;
}

CostBreakdown session_cost(const Tariff& t, std::vector<RegisterReading> readings, EpochMs end) {
    CostBreakdown out;
    out.currency = t.currency;
    std::stable_sort(readings.begin(), readings.end(),
                     [](const RegisterReading& a, const RegisterReading& b) { return a.at < b.at; });

    std::set<std::int64_t> edges_ms;
    for (const auto& e : t.elements) {
        edges_ms.insert(e.restrictions.start_minute * kMinuteMs);
        edges_ms.insert(e.restrictions.end_minute * kMinuteMs);
    }
    edges_ms.erase(0); // local midnight is always an edge (kDayMs)

    std::vector<ElementUsage> usage(t.elements.size());
    // Spreads `mwh` evenly over [from, to) and books it, with the time, under the element of each slice.
    auto book = [&](EpochMs from, EpochMs to, std::int64_t mwh) {
        const bool charging = mwh > 0;
        const std::int64_t span = to - from;
        std::int64_t booked = 0;
        for (EpochMs a = from; a < to;) {
            const EpochMs b = std::min(to, next_boundary(edges_ms, a, t));
            // Cumulative share, so the slices add up to exactly `mwh`.
            const auto upto = static_cast<std::int64_t>(static_cast<__int128>(mwh) * (b - from) / span);
            auto& u = usage[element_at(t, a)];
            u.energy_mwh += upto - booked;
            (charging ? u.charging_ms : u.idle_ms) += b - a;
            booked = upto;
            a = b;
        }
    };
    for (std::size_t i = 1; i < readings.size(); ++i) {
        const auto& prev = readings[i - 1];
        const auto& cur = readings[i];
        if (cur.at <= prev.at) {
            continue;
        }
        book(prev.at, cur.at, std::max<std::int64_t>(0, to_mwh(cur.wh) - to_mwh(prev.wh)));
    }
    if (!readings.empty() && end > readings.back().at) {
        book(readings.back().at, end, 0);
    }

    // Exact sums in (price micros x quantity) before the single rounding of each component.
    __int128 energy = 0;
    __int128 charging = 0;
    __int128 idle = 0;
    for (std::size_t i = 0; i < usage.size(); ++i) {
        auto& u = usage[i];
        u.element = i;
        if (u.energy_mwh == 0 && u.charging_ms == 0 && u.idle_ms == 0) {
            continue;
        }
        const auto& p = t.elements[i].prices;
        energy += static_cast<__int128>(p.per_kwh.micros()) * u.energy_mwh;
        charging += static_cast<__int128>(p.per_hour_charging.micros()) * u.charging_ms;
        idle += static_cast<__int128>(p.per_hour_idle.micros()) * u.idle_ms;
        out.energy_mwh += u.energy_mwh;
        out.charging_ms += u.charging_ms;
        out.idle_ms += u.idle_ms;
        out.usage.push_back(u);
    }
    const __int128 to_minor = pow10(Decimal::kDigits - t.currency.minor_digits);
    out.energy = divide_rounded(energy, to_minor * kMwhPerKwh);
    out.charging_time = divide_rounded(charging, to_minor * kHourMs);
    out.idle_time = divide_rounded(idle, to_minor * kHourMs);
    out.flat_fee = to_minor_units(t.flat_fee, t.currency);

    const std::int64_t gross = out.energy + out.charging_time + out.idle_time + out.flat_fee;
    std::int64_t net = gross;
    if (t.minimum) {
        net = std::max(net, to_minor_units(*t.minimum, t.currency));
    }
    if (t.maximum) {
        net = std::min(net, to_minor_units(*t.maximum, t.currency));
    }
    out.adjustment = net - gross;
    out.net = net;
    out.vat = divide_rounded(static_cast<__int128>(net) * t.vat_percent.micros(), 100 * Decimal::kScale);
    out.total = out.net + out.vat;
    return out;
}

} // namespace recarga::manager
