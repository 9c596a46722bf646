// Tariffs and the cost of a charging session, as pure functions over the session's register readings.
//
// A tariff has a currency, a VAT rate, an optional flat session fee, a minimum and a maximum, and an ordered
// list of elements. Each element carries prices (per kWh, per hour charging, per hour idle) and restrictions
// (weekdays, a local time-of-day band); for every instant of a session the FIRST element whose restrictions
// hold prices it, and a tariff must end with an unrestricted element so every instant has a price. Local time
// is the tariff's fixed UTC offset, or, for a tariff with an IANA time zone, the offset in force at each instant:
// the caller (the pricing store, from PostgreSQL's time-zone database) lists the offset changes around the
// session, so bands follow local time across daylight-saving changes (ADR 0004).
//
// A session is the list of energy register readings (Wh) with their times. Between two readings the energy is
// spread evenly over time; an interval in which the register did not rise counts as idle (the car is full or
// stopped drawing). Amounts are accumulated exactly and rounded once per component to minor units, half away
// from zero; VAT is computed on the rounded net total (ADR 0004).
#pragma once

#include "domain/money.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recarga::manager {

// Milliseconds since the Unix epoch, UTC.
using EpochMs = std::int64_t;

struct TariffPrices {
    Decimal per_kwh;           // price of one kWh delivered
    Decimal per_hour_charging; // price of one hour while energy flows
    Decimal per_hour_idle;     // price of one hour connected without drawing energy (parking)
};

struct TariffRestrictions {
    // Weekdays the element applies on, index 0 = Monday ... 6 = Sunday; all false means every day.
    std::array<bool, 7> weekdays{};
    // Local time-of-day band [start, end) in minutes after midnight; start == end means the whole day. A band
    // with end < start runs past midnight (22:00-06:00); its weekday is the day it started on.
    int start_minute = 0;
    int end_minute = 0;

    bool unrestricted() const;
};

struct TariffElement {
    TariffPrices prices;
    TariffRestrictions restrictions;
};

// From `from` on (until the next change), local time is UTC + offset_minutes.
struct OffsetChange {
    EpochMs from = 0;
    int offset_minutes = 0;
};

struct Tariff {
    std::string id;
    int version = 1;
    Currency currency;
    Decimal vat_percent;            // e.g. 19 for 19 %
    Decimal flat_fee;               // per session, net of VAT
    std::optional<Decimal> minimum; // net session price at least this
    std::optional<Decimal> maximum; // net session price at most this
    int utc_offset_minutes = 0;     // the stations' local time (before the first offset change)
    std::string time_zone;          // IANA name (Europe/Berlin); empty: the fixed offset alone
    std::vector<OffsetChange> offset_changes; // for a time zone: ascending, filled for the span being priced
    std::vector<TariffElement> elements;
};

// Why a tariff cannot be used, or nullopt when it can: no elements, last element restricted, negative prices,
// VAT outside 0..100, minimum above maximum, a band outside 0..1440, offset outside ±14 h.
std::optional<std::string> validate(const Tariff& t);

// The UTC offset (minutes) of local time at `at`: the last offset change at or before it, else the fixed offset.
int offset_at(const Tariff& t, EpochMs at);

struct RegisterReading {
    EpochMs at = 0;
    double wh = 0; // as the station reported it; converted to whole mWh before any money is computed
};

// What a session used under one tariff element.
struct ElementUsage {
    std::size_t element = 0;     // index in Tariff::elements
    std::int64_t energy_mwh = 0; // milli-watt-hours
    std::int64_t charging_ms = 0;
    std::int64_t idle_ms = 0;
};

struct CostBreakdown {
    Currency currency;
    std::vector<ElementUsage> usage; // ordered by element index, only elements that were used
    std::int64_t energy_mwh = 0;
    std::int64_t charging_ms = 0;
    std::int64_t idle_ms = 0;
    // Minor units, net of VAT, each rounded once.
    std::int64_t energy = 0;
    std::int64_t charging_time = 0;
    std::int64_t idle_time = 0;
    std::int64_t flat_fee = 0;
    std::int64_t adjustment = 0; // + up to the minimum, - down to the maximum
    std::int64_t net = 0;        // energy + charging_time + idle_time + flat_fee + adjustment
    std::int64_t vat = 0;
    std::int64_t total = 0; // net + vat
};

// The cost of a session from its register readings (any order; repeated times and a register that goes
// backwards, e.g. after a meter reset, add no energy). `end` is when the session ended or "now" for a running
// cost; time after the last reading up to `end` is idle. The tariff must be valid (see validate).
CostBreakdown session_cost(const Tariff& t, std::vector<RegisterReading> readings, EpochMs end);

} // namespace recarga::manager
