#include "meter_model.hpp"

#include <algorithm>

namespace recarga::sim {

void MeterModel::begin_session(const VehicleProfile& vehicle) {
    vehicle_ = vehicle;
    vehicle_.phases = std::max(vehicle_.phases, 1);
    soc_ = std::clamp(vehicle.initial_soc, 0.0, 100.0);
    charging_ = true;
    last_ = MeterReading{energy_wh_, 0.0, 0.0, vehicle_.voltage_v, soc_};
}

double MeterModel::power_at(double soc) const noexcept {
    if (soc >= 100.0) {
        return 0.0;
    }
    if (soc <= 80.0) {
        return vehicle_.max_power_w;
    }
    const double floor = 0.05 * vehicle_.max_power_w;
    return vehicle_.max_power_w - (vehicle_.max_power_w - floor) * (soc - 80.0) / 20.0;
}

MeterModel::Draw MeterModel::draw(double soc, double voltage) const noexcept {
    const double demand_w = power_at(soc);
    const double phases = static_cast<double>(vehicle_.phases);
    const double demand_a = demand_w / (voltage * phases);
    if (!limit_a_) {
        return {demand_a, demand_w};
    }
    // The car's per-phase current is its own; a limit on fewer phases than it has drops the others.
    const double used = static_cast<double>(std::min(vehicle_.phases, std::max(limit_phases_, 1)));
    const double amps = std::min(demand_a, std::max(*limit_a_, 0.0));
    return {amps, amps * voltage * used};
}

MeterReading MeterModel::advance(double seconds) {
    if (!charging_ || seconds <= 0.0) {
        return last_;
    }
    std::uniform_real_distribution<double> wander(-0.02, 0.02);
    const double voltage = vehicle_.voltage_v * (1.0 + wander(rng_));
    const double capacity_wh = std::max(vehicle_.battery_kwh, 1.0) * 1000.0;
    // Integrate in steps of at most 10 s so that the taper is followed closely on long intervals.
    double left = seconds;
    while (left > 0.0) {
        const double dt = std::min(left, 10.0);
        double energy = draw(soc_, voltage).power_w * dt / 3600.0;
        const double room_wh = (100.0 - soc_) / 100.0 * capacity_wh;
        if (energy >= room_wh) {
            energy_wh_ += room_wh;
            soc_ = 100.0; // exactly full, so that power drops to 0
            break;
        }
        energy_wh_ += energy;
        soc_ = std::min(100.0, soc_ + energy / capacity_wh * 100.0);
        left -= dt;
    }
    const Draw now = draw(soc_, voltage);
    last_.energy_wh = energy_wh_;
    last_.power_w = now.power_w;
    last_.voltage_v = voltage;
    last_.current_a = now.current_a;
    last_.soc_percent = soc_;
    return last_;
}

void MeterModel::set_limit(std::optional<double> amps_per_phase, int phases) {
    limit_a_ = amps_per_phase;
    limit_phases_ = std::clamp(phases, 1, 3);
    if (charging_) {
        const Draw now = draw(soc_, last_.voltage_v > 0.0 ? last_.voltage_v : vehicle_.voltage_v);
        last_.power_w = now.power_w;
        last_.current_a = now.current_a;
    }
}

void MeterModel::end_session() {
    charging_ = false;
    last_.power_w = 0.0;
    last_.current_a = 0.0;
}

} // namespace recarga::sim
