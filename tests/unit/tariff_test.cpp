// Exact money (domain/money) and session cost under a tariff (domain/tariff): fixtures with hand-computed
// results at band boundaries, rounding and limits.
#include "domain/money.hpp"
#include "domain/tariff.hpp"

#include <gtest/gtest.h>
#include <random>

namespace recarga::manager {
namespace {

Decimal dec(std::string_view s) {
    auto d = Decimal::parse(s);
    EXPECT_TRUE(d.has_value()) << s;
    return d.value_or(Decimal{});
}

// 2026-03-02 was a Monday; times below are UTC unless a tariff has an offset.
constexpr EpochMs kMonday = 1772409600000; // 2026-03-02T00:00:00Z
constexpr EpochMs kHour = 3'600'000;
constexpr EpochMs kMinute = 60'000;

TariffElement element(std::string_view per_kwh, std::string_view per_hour = "0", std::string_view per_idle_hour = "0") {
    TariffElement e;
    e.prices = {dec(per_kwh), dec(per_hour), dec(per_idle_hour)};
    return e;
}

Tariff flat_tariff(std::string_view per_kwh) {
    Tariff t;
    t.id = "t";
    t.currency = *currency("EUR");
    t.elements.push_back(element(per_kwh));
    return t;
}

TEST(Decimal, ParsesPlainDecimals) {
    EXPECT_EQ(dec("12").micros(), 12'000'000);
    EXPECT_EQ(dec("0.345678").micros(), 345'678);
    EXPECT_EQ(dec("-1.5").micros(), -1'500'000);
    EXPECT_EQ(dec("+0.01").micros(), 10'000);
}

TEST(Decimal, RefusesWhatIsNotAPlainDecimal) {
    for (auto s : {"", "-", ".5", "1.", "1e3", " 1", "1 ", "0.1234567", "abc", "1,5", "99999999999999999999"}) {
        EXPECT_FALSE(Decimal::parse(s).has_value()) << s;
    }
}

TEST(Decimal, PrintsBackWhatItParsed) {
    EXPECT_EQ(dec("0.345678").to_string(), "0.345678");
    EXPECT_EQ(dec("12.50").to_string(), "12.5");
    EXPECT_EQ(dec("12.50").to_string(2), "12.50");
    EXPECT_EQ(dec("-0.05").to_string(2), "-0.05");
    EXPECT_EQ(dec("7").to_string(), "7");
}

TEST(Currency, KnowsMinorUnits) {
    EXPECT_EQ(currency("EUR")->minor_digits, 2);
    EXPECT_EQ(currency("JPY")->minor_digits, 0);
    EXPECT_EQ(currency("KWD")->minor_digits, 3);
    EXPECT_FALSE(currency("XXX"));
    EXPECT_FALSE(currency("eur"));
}

TEST(Money, FormatsInTheCurrencysDigits) {
    EXPECT_EQ(format_amount({1234, *currency("EUR")}), "12.34");
    EXPECT_EQ(format_amount({-5, *currency("EUR")}), "-0.05");
    EXPECT_EQ(format_amount({500, *currency("JPY")}), "500");
    EXPECT_EQ(format_amount({1, *currency("KWD")}), "0.001");
}

TEST(Rounding, HalfAwayFromZero) {
    EXPECT_EQ(divide_rounded(5, 10), 1);
    EXPECT_EQ(divide_rounded(4, 10), 0);
    EXPECT_EQ(divide_rounded(-5, 10), -1);
    EXPECT_EQ(divide_rounded(15, 10), 2);
    EXPECT_EQ(divide_rounded(25, 10), 3);
    EXPECT_EQ(to_minor_units(dec("0.005"), *currency("EUR")), 1);
    EXPECT_EQ(to_minor_units(dec("0.004999"), *currency("EUR")), 0);
    EXPECT_EQ(to_minor_units(dec("0.5"), *currency("JPY")), 1);
}

TEST(TariffValidation, NeedsAnUnrestrictedLastElement) {
    auto t = flat_tariff("0.30");
    EXPECT_FALSE(validate(t));
    t.elements.back().restrictions.start_minute = 22 * 60;
    t.elements.back().restrictions.end_minute = 6 * 60;
    EXPECT_TRUE(validate(t));
    t.elements.push_back(element("0.40"));
    EXPECT_FALSE(validate(t));
}

TEST(TariffValidation, RefusesNonsense) {
    auto t = flat_tariff("-0.30");
    EXPECT_TRUE(validate(t));
    t = flat_tariff("0.30");
    t.vat_percent = dec("101");
    EXPECT_TRUE(validate(t));
    t = flat_tariff("0.30");
    t.minimum = dec("10");
    t.maximum = dec("5");
    EXPECT_TRUE(validate(t));
    t = flat_tariff("0.30");
    t.elements.insert(t.elements.begin(), element("0.1"));
    t.elements.front().restrictions.start_minute = 1440;
    EXPECT_TRUE(validate(t));
    t = flat_tariff("0.30");
    t.elements.clear();
    EXPECT_TRUE(validate(t));
}

TEST(SessionCost, EnergyTimesPrice) {
    auto t = flat_tariff("0.30");
    // 10 kWh over one hour.
    auto c = session_cost(t, {{kMonday, 1000}, {kMonday + kHour, 11000}}, kMonday + kHour);
    EXPECT_EQ(c.energy_mwh, 10'000'000);
    EXPECT_EQ(c.energy, 300);
    EXPECT_EQ(c.charging_ms, kHour);
    EXPECT_EQ(c.idle_ms, 0);
    EXPECT_EQ(c.net, 300);
    EXPECT_EQ(c.total, 300);
}

TEST(SessionCost, SubCentPricesRoundOncePerComponent) {
    auto t = flat_tariff("0.345678");
    // 3 x 1 kWh: each kWh is 34.5678 cents; rounded once the total is 103.7034 -> 104, not 3 x 35 = 105.
    auto c = session_cost(
        t, {{kMonday, 0}, {kMonday + kHour, 1000}, {kMonday + 2 * kHour, 2000}, {kMonday + 3 * kHour, 3000}},
        kMonday + 3 * kHour);
    EXPECT_EQ(c.energy, 104);
}

TEST(SessionCost, TimeAndIdleAndFlatFeeAndVat) {
    auto t = flat_tariff("0.30");
    t.elements.back().prices.per_hour_charging = dec("1.20");
    t.elements.back().prices.per_hour_idle = dec("6");
    t.flat_fee = dec("0.50");
    t.vat_percent = dec("19");
    // 30 min charging 5 kWh, then 20 min full (register unchanged), then 10 more idle minutes until the end.
    auto c = session_cost(t, {{kMonday, 0}, {kMonday + 30 * kMinute, 5000}, {kMonday + 50 * kMinute, 5000}},
                          kMonday + 60 * kMinute);
    EXPECT_EQ(c.charging_ms, 30 * kMinute);
    EXPECT_EQ(c.idle_ms, 30 * kMinute);
    EXPECT_EQ(c.energy, 150);       // 5 kWh x 0.30
    EXPECT_EQ(c.charging_time, 60); // 0.5 h x 1.20
    EXPECT_EQ(c.idle_time, 300);    // 0.5 h x 6
    EXPECT_EQ(c.flat_fee, 50);
    EXPECT_EQ(c.net, 560);
    EXPECT_EQ(c.vat, 106); // 5.60 x 19 % = 1.064
    EXPECT_EQ(c.total, 666);
}

TEST(SessionCost, EnergyIsSplitAtABandBoundary) {
    // Night 22:00-06:00 at 0.20, otherwise 0.40.
    Tariff t = flat_tariff("0.40");
    auto night = element("0.20");
    night.restrictions.start_minute = 22 * 60;
    night.restrictions.end_minute = 6 * 60;
    t.elements.insert(t.elements.begin(), night);
    // 21:00 -> 23:00 Monday, 20 kWh evenly: 10 kWh at day price, 10 kWh at night price.
    const EpochMs from = kMonday + 21 * kHour;
    auto c = session_cost(t, {{from, 0}, {from + 2 * kHour, 20000}}, from + 2 * kHour);
    ASSERT_EQ(c.usage.size(), 2U);
    EXPECT_EQ(c.usage[0].element, 0U);
    EXPECT_EQ(c.usage[0].energy_mwh, 10'000'000);
    EXPECT_EQ(c.usage[1].energy_mwh, 10'000'000);
    EXPECT_EQ(c.energy, 200 + 400);
}

TEST(SessionCost, NightBandCrossesMidnightOnItsStartingWeekday) {
    // Friday-night-only cheap band 22:00-06:00: Saturday 05:00 is still in it, Saturday 22:00 is not.
    Tariff t = flat_tariff("0.40");
    auto night = element("0.10");
    night.restrictions.weekdays[4] = true; // Friday
    night.restrictions.start_minute = 22 * 60;
    night.restrictions.end_minute = 6 * 60;
    t.elements.insert(t.elements.begin(), night);
    const EpochMs saturday = kMonday + 5 * 24 * kHour;
    auto early = session_cost(t, {{saturday + 5 * kHour, 0}, {saturday + 5 * kHour + kMinute, 1000}},
                              saturday + 5 * kHour + kMinute);
    EXPECT_EQ(early.energy, 10);
    auto late = session_cost(t, {{saturday + 22 * kHour, 0}, {saturday + 22 * kHour + kMinute, 1000}},
                             saturday + 22 * kHour + kMinute);
    EXPECT_EQ(late.energy, 40);
}

TEST(SessionCost, LocalTimeUsesTheTariffsOffset) {
    // Band 00:00-06:00 local at UTC+2: 23:00 UTC Monday is 01:00 local Tuesday.
    Tariff t = flat_tariff("0.40");
    t.utc_offset_minutes = 120;
    auto early = element("0.10");
    early.restrictions.start_minute = 0;
    early.restrictions.end_minute = 6 * 60;
    t.elements.insert(t.elements.begin(), early);
    const EpochMs at = kMonday + 23 * kHour;
    auto c = session_cost(t, {{at, 0}, {at + kMinute, 1000}}, at + kMinute);
    EXPECT_EQ(c.energy, 10);
    const EpochMs noon = kMonday + 10 * kHour; // 12:00 local
    EXPECT_EQ(session_cost(t, {{noon, 0}, {noon + kMinute, 1000}}, noon + kMinute).energy, 40);
}

// Europe/Berlin on 2026-03-29: CET (+60) until 01:00 UTC, CEST (+120) from then on, as the pricing store lists
// it from PostgreSQL's time-zone database for a tariff with timeZone "Europe/Berlin".
Tariff berlin_night_tariff(int band_start, int band_end, std::string_view band_price) {
    Tariff t = flat_tariff("0.40");
    auto band = element(band_price);
    band.restrictions.start_minute = band_start;
    band.restrictions.end_minute = band_end;
    t.elements.insert(t.elements.begin(), band);
    t.time_zone = "Europe/Berlin";
    t.utc_offset_minutes = 60;
    t.offset_changes = {{1774746000000 /* 2026-03-29T01:00Z */, 120}};
    return t;
}

TEST(SessionCost, BandsFollowLocalTimeAcrossTheSpringDaylightSavingChange) {
    const EpochMs day = 1774742400000; // 2026-03-29T00:00Z
    auto t = berlin_night_tariff(0, 6 * 60, "0.10");
    EXPECT_EQ(offset_at(t, day), 60);
    EXPECT_EQ(offset_at(t, day + kHour), 120);
    // 03:30-04:30 UTC is 05:30-06:30 CEST: half the hour in the night band. With the winter offset all of it
    // (04:30-05:30 CET) would be.
    const EpochMs from = day + 3 * kHour + 30 * kMinute;
    auto c = session_cost(t, {{from, 0}, {from + kHour, 1000}}, from + kHour);
    EXPECT_EQ(c.energy, 25); // 0.5 kWh x 0.10 + 0.5 kWh x 0.40
    t.offset_changes.clear();
    EXPECT_EQ(session_cost(t, {{from, 0}, {from + kHour, 1000}}, from + kHour).energy, 10);
}

TEST(SessionCost, TheLocalHourSkippedInSpringIsNeverPriced) {
    // A band 02:00-03:00 local does not exist on the day clocks jump from 02:00 CET to 03:00 CEST.
    const EpochMs day = 1774742400000;
    auto t = berlin_night_tariff(2 * 60, 3 * 60, "1.00");
    const EpochMs from = day + 30 * kMinute; // 01:30 CET
    auto c = session_cost(t, {{from, 0}, {from + kHour, 1000}}, from + kHour); // until 03:30 CEST
    EXPECT_EQ(c.energy, 40);
    ASSERT_EQ(c.usage.size(), 1U);
    EXPECT_EQ(c.usage[0].element, 1U);
    t.offset_changes.clear(); // a fixed +60 would price 02:00-02:30 in the band
    EXPECT_EQ(session_cost(t, {{from, 0}, {from + kHour, 1000}}, from + kHour).energy, 70);
}

TEST(SessionCost, MinimumAndMaximumAdjustTheNetPrice) {
    auto t = flat_tariff("0.30");
    t.minimum = dec("2");
    auto small = session_cost(t, {{kMonday, 0}, {kMonday + kMinute, 1000}}, kMonday + kMinute);
    EXPECT_EQ(small.net, 200);
    EXPECT_EQ(small.adjustment, 170);
    t.minimum.reset();
    t.maximum = dec("10");
    auto big = session_cost(t, {{kMonday, 0}, {kMonday + kHour, 50000}}, kMonday + kHour);
    EXPECT_EQ(big.energy, 1500);
    EXPECT_EQ(big.net, 1000);
    EXPECT_EQ(big.adjustment, -500);
}

TEST(SessionCost, RepeatedOrBackwardReadingsAddNothing) {
    auto t = flat_tariff("1");
    auto c = session_cost(t,
                          {{kMonday + 2 * kHour, 3000},
                           {kMonday, 0},
                           {kMonday + kHour, 2000},
                           {kMonday + kHour, 2000},
                           {kMonday + 90 * kMinute, 500}},
                          kMonday + 2 * kHour);
    // 0 -> 2000 (+2 kWh), 2000 -> 500 (reset: +0), 500 -> 3000 (+2.5 kWh).
    EXPECT_EQ(c.energy_mwh, 4'500'000);
    EXPECT_EQ(c.energy, 450);
}

TEST(SessionCost, NoReadingsCostsOnlyTheFees) {
    auto t = flat_tariff("0.30");
    t.flat_fee = dec("1");
    auto c = session_cost(t, {}, kMonday);
    EXPECT_EQ(c.total, 100);
    EXPECT_TRUE(c.usage.empty());
}

TEST(SessionCost, SlicesAlwaysAddUpToTheMeteredEnergy) {
    // Any band layout: the energy booked per element sums to the register difference, and the time to the span.
    std::mt19937 rng(20261125);
    for (int round = 0; round < 2000; ++round) {
        Tariff t = flat_tariff("0.3");
        const int bands = static_cast<int>(rng() % 4);
        for (int b = 0; b < bands; ++b) {
            auto e = element("0.1");
            e.restrictions.start_minute = static_cast<int>(rng() % 1440);
            e.restrictions.end_minute = static_cast<int>(rng() % 1440);
            e.restrictions.weekdays[rng() % 7] = (rng() % 2) == 0;
            t.elements.insert(t.elements.begin(), e);
        }
        t.utc_offset_minutes = static_cast<int>(rng() % 1681) - 840;
        ASSERT_FALSE(validate(t));
        std::vector<RegisterReading> readings;
        EpochMs at = kMonday + static_cast<EpochMs>(rng() % (7 * 24 * kHour));
        double wh = static_cast<double>(rng() % 100000);
        const double first = wh;
        const EpochMs start = at;
        for (int i = 0; i < 20; ++i) {
            readings.push_back({at, wh});
            at += static_cast<EpochMs>(rng() % (3 * kHour)) + 1;
            wh += static_cast<double>(rng() % 5000);
        }
        auto c = session_cost(t, readings, at);
        EXPECT_EQ(c.energy_mwh, static_cast<std::int64_t>((readings.back().wh - first) * 1000));
        EXPECT_EQ(c.charging_ms + c.idle_ms, at - start);
    }
}

} // namespace
} // namespace recarga::manager
