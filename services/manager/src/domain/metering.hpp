// Meter values and transaction energy: one row per sampled value as both OCPP versions send them, the
// register reading in Wh that gives a transaction's energy, and the state a transaction moves to.
// Pure functions; the stores write what they produce.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace recarga::manager {

// One sampled value, the unit of storage in meter_values.
struct MeterSample {
    std::string sampled_at; // RFC 3339 as the station sent it
    std::string measurand;  // defaults to Energy.Active.Import.Register (both versions)
    std::string phase;      // "" when absent
    std::string location;   // "" when absent (the spec's default is Outlet; we keep what was sent)
    std::optional<std::string> unit;
    std::optional<int> multiplier; // 2.0.1 unitOfMeasure.multiplier (power of ten)
    std::optional<std::string> context;
    std::optional<std::string> format;
    std::optional<double> value;            // nullopt when not a number (e.g. 1.6 SignedData)
    std::optional<std::string> raw_value;   // the text when value is nullopt
    std::optional<std::string> signed_json; // 2.0.1 signedMeterValue as JSON
};

inline constexpr std::string_view kEnergyRegister = "Energy.Active.Import.Register";

// A 1.6 sampled value is a string; nullopt unless it is a finite decimal number.
std::optional<double> parse_meter_value(std::string_view text);

// The reading in Wh of an energy register sample, or nullopt when the sample is no energy register or its
// unit is not an energy unit (Wh, kWh; 2.0.1 multiplier applied).
std::optional<double> register_wh(const MeterSample& s);

enum class TxState { Active, Ended };

// 2.0.1 TransactionEvent: Started and Updated keep a transaction Active; Ended ends it; nothing re-opens an
// ended transaction (events may arrive out of order over two lanes or after a redelivery).
TxState next_tx_state(std::optional<TxState> current, std::string_view event_type);

} // namespace recarga::manager
