#include "domain/metering.hpp"

#include <charconv>
#include <cmath>

namespace recarga::manager {

std::optional<double> parse_meter_value(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, std::chars_format::general);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

std::optional<double> register_wh(const MeterSample& s) {
    if (s.measurand != kEnergyRegister || !s.value) {
        return std::nullopt;
    }
    double v = *s.value;
    if (s.multiplier && *s.multiplier != 0) {
        v *= std::pow(10.0, *s.multiplier);
    }
    const std::string unit = s.unit.value_or("Wh");
    if (unit == "Wh") {
        return v;
    }
    if (unit == "kWh") {
        return v * 1000.0;
    }
    return std::nullopt;
}

TxState next_tx_state(std::optional<TxState> current, std::string_view event_type) {
    if (current == TxState::Ended || event_type == "Ended") {
        return TxState::Ended;
    }
    return TxState::Active;
}

} // namespace recarga::manager
