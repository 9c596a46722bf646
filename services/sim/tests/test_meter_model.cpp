#include "meter_model.hpp"

#include <gtest/gtest.h>

using recarga::sim::MeterModel;
using recarga::sim::VehicleProfile;

TEST(MeterModel, EnergyIsTheIntegralOfPowerBelowTheTaper) {
    MeterModel m(1000.0, 1);
    VehicleProfile v;
    v.battery_kwh = 60.0;
    v.initial_soc = 20.0;
    v.max_power_w = 11000.0;
    m.begin_session(v);
    const auto r = m.advance(3600.0); // one hour at 11 kW stays below 80 % of 60 kWh (20 % + 18.3 %)
    EXPECT_NEAR(r.energy_wh, 1000.0 + 11000.0, 1e-6);
    EXPECT_NEAR(r.soc_percent, 20.0 + 11.0 / 60.0 * 100.0, 1e-9);
    EXPECT_DOUBLE_EQ(r.power_w, 11000.0);
}

TEST(MeterModel, CurrentFollowsPowerVoltageAndPhases) {
    MeterModel m(0.0, 2);
    VehicleProfile v;
    v.phases = 3;
    v.voltage_v = 230.0;
    v.max_power_w = 22000.0;
    m.begin_session(v);
    const auto r = m.advance(10.0);
    EXPECT_GT(r.voltage_v, 230.0 * 0.98 - 1e-9);
    EXPECT_LT(r.voltage_v, 230.0 * 1.02 + 1e-9);
    EXPECT_NEAR(r.current_a, r.power_w / (r.voltage_v * 3.0), 1e-9);
    EXPECT_NEAR(r.current_a, 31.9, 0.8);
}

TEST(MeterModel, PowerTapersAboveEightyPercentAndStopsWhenFull) {
    MeterModel m(0.0, 3);
    VehicleProfile v;
    v.battery_kwh = 40.0;
    v.initial_soc = 79.0;
    v.max_power_w = 11000.0;
    m.begin_session(v);
    double previous_energy = 0.0;
    double previous_power = 11000.0 + 1;
    for (int i = 0; i < 200; ++i) {
        const auto r = m.advance(60.0);
        EXPECT_GE(r.energy_wh, previous_energy);
        EXPECT_LE(r.power_w, previous_power + 1e-9);
        EXPECT_LE(r.soc_percent, 100.0);
        previous_energy = r.energy_wh;
        previous_power = r.power_w;
    }
    EXPECT_DOUBLE_EQ(m.reading().soc_percent, 100.0);
    EXPECT_DOUBLE_EQ(m.reading().power_w, 0.0);
    // No more energy than the battery could take: 21 % of 40 kWh.
    EXPECT_NEAR(m.reading().energy_wh, 0.21 * 40000.0, 1e-3);
}

TEST(MeterModel, RegisterKeepsCountingAcrossSessions) {
    MeterModel m(5000.0, 4);
    m.begin_session(VehicleProfile{});
    m.advance(600.0);
    m.end_session();
    const double after_first = m.reading().energy_wh;
    EXPECT_GT(after_first, 5000.0);
    EXPECT_DOUBLE_EQ(m.reading().power_w, 0.0);
    EXPECT_DOUBLE_EQ(m.advance(600.0).energy_wh, after_first); // not charging: nothing counted
    m.begin_session(VehicleProfile{});
    EXPECT_GT(m.advance(60.0).energy_wh, after_first);
}
