// A plausible electric-vehicle charging curve for the simulated meter.
//
// The model charges a battery of `battery_kwh` from `initial_soc` percent at up to `max_power_w`, over
// `phases` phases at a nominal `voltage_v` per phase. Power is constant up to 80 % state of charge and tapers
// linearly to 5 % of the maximum at 100 %, as the CV phase of a real charge does. Voltage wanders a little
// (± 2 %) around the nominal value; current follows from power and voltage. Energy is the integral of power
// over time and never decreases; the register keeps counting across sessions, as a real meter does.
//
// A charging profile's limit (set_limit) caps the current per phase and the phases used: the car then draws
// min(its own demand, the limit), and 0 A pauses it. The current reported never exceeds the limit (a limited car
// draws exactly the limit; power follows from it and the voltage).
// All quantities are double (never float): W, Wh, A, V, percent.
//
// Concurrency: a MeterModel belongs to one connector and is used from its station's thread only.
#pragma once

#include "random.hpp"

#include <optional>

#include <cstdint>
#include <random>

namespace recarga::sim {

struct MeterReading {
    double energy_wh = 0.0;   // Energy.Active.Import.Register, since the meter was made
    double power_w = 0.0;     // Power.Active.Import
    double current_a = 0.0;   // Current.Import, per phase
    double voltage_v = 0.0;   // Voltage, per phase
    double soc_percent = 0.0; // SoC of the EV battery
};

struct VehicleProfile {
    double battery_kwh = 60.0;
    double initial_soc = 20.0;
    double max_power_w = 11000.0;
    int phases = 3;
    double voltage_v = 230.0;
};

class MeterModel {
public:
    MeterModel(double register_wh, std::uint64_t seed) : energy_wh_(register_wh), rng_(make_rng(seed)) {}

    // Plugs in a new vehicle (state of charge from its profile, power 0 until the first advance()).
    void begin_session(const VehicleProfile& vehicle);
    // Advances time by `seconds` while charging and returns the reading at the end of the step.
    MeterReading advance(double seconds);
    // The vehicle leaves: power and current drop to 0; the energy register stays.
    void end_session();
    // The limit in force from now on (nullopt: none). The reading changes at once; energy counted so far is not
    // touched, so advance() to the present first.
    void set_limit(std::optional<double> amps_per_phase, int phases = 3);
    MeterReading reading() const noexcept { return last_; }

private:
    double power_at(double soc) const noexcept;
    // Current per phase, phases in use and power at `soc` and `voltage` under the limit in force.
    struct Draw {
        double current_a;
        double power_w;
    };
    Draw draw(double soc, double voltage) const noexcept;

    VehicleProfile vehicle_{};
    double energy_wh_;
    double soc_ = 0.0;
    bool charging_ = false;
    std::optional<double> limit_a_;
    int limit_phases_ = 3;
    MeterReading last_{};
    std::minstd_rand rng_;
};

} // namespace recarga::sim
