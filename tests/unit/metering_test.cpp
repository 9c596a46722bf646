// Meter value parsing, register readings in Wh and the transaction state merge (domain/metering).
#include "domain/metering.hpp"

#include <gtest/gtest.h>

namespace recarga::manager {
namespace {

MeterSample sample(std::string measurand, double value, std::optional<std::string> unit = std::nullopt,
                   std::optional<int> multiplier = std::nullopt) {
    MeterSample s;
    s.sampled_at = "2026-01-01T00:00:00Z";
    s.measurand = std::move(measurand);
    s.value = value;
    s.unit = std::move(unit);
    s.multiplier = multiplier;
    return s;
}

TEST(MeterValueText, DecimalNumbersParse) {
    EXPECT_EQ(parse_meter_value("1234"), 1234.0);
    EXPECT_EQ(parse_meter_value("12.5"), 12.5);
    EXPECT_EQ(parse_meter_value("-3.25"), -3.25);
    EXPECT_EQ(parse_meter_value(" 7 "), 7.0);
    EXPECT_EQ(parse_meter_value("+1e3"), 1000.0);
}

TEST(MeterValueText, AnythingElseIsNotANumber) {
    EXPECT_FALSE(parse_meter_value(""));
    EXPECT_FALSE(parse_meter_value("12kWh"));
    EXPECT_FALSE(parse_meter_value("abc"));
    EXPECT_FALSE(parse_meter_value("nan"));
    EXPECT_FALSE(parse_meter_value("inf"));
    EXPECT_FALSE(parse_meter_value("1e999"));
}

TEST(RegisterWh, WhIsTheDefaultUnit) {
    EXPECT_EQ(register_wh(sample(std::string(kEnergyRegister), 1500)), 1500.0);
    EXPECT_EQ(register_wh(sample(std::string(kEnergyRegister), 1500, "Wh")), 1500.0);
}

TEST(RegisterWh, KWhIsConverted) {
    EXPECT_EQ(register_wh(sample(std::string(kEnergyRegister), 1.5, "kWh")), 1500.0);
}

TEST(RegisterWh, MultiplierIsAPowerOfTen) {
    EXPECT_EQ(register_wh(sample(std::string(kEnergyRegister), 15, "Wh", 2)), 1500.0);
    EXPECT_DOUBLE_EQ(*register_wh(sample(std::string(kEnergyRegister), 15000, "Wh", -1)), 1500.0);
}

TEST(RegisterWh, OtherMeasurandsAndUnitsAreNoRegister) {
    EXPECT_FALSE(register_wh(sample("Power.Active.Import", 7000, "W")));
    EXPECT_FALSE(register_wh(sample(std::string(kEnergyRegister), 1, "varh")));
    MeterSample text = sample(std::string(kEnergyRegister), 0);
    text.value.reset();
    EXPECT_FALSE(register_wh(text));
}

TEST(TransactionState, StartedAndUpdatedKeepItActive) {
    EXPECT_EQ(next_tx_state(std::nullopt, "Started"), TxState::Active);
    EXPECT_EQ(next_tx_state(TxState::Active, "Updated"), TxState::Active);
}

TEST(TransactionState, EndedEnds) {
    EXPECT_EQ(next_tx_state(std::nullopt, "Ended"), TxState::Ended);
    EXPECT_EQ(next_tx_state(TxState::Active, "Ended"), TxState::Ended);
}

TEST(TransactionState, NothingReopensAnEndedTransaction) {
    EXPECT_EQ(next_tx_state(TxState::Ended, "Updated"), TxState::Ended);
    EXPECT_EQ(next_tx_state(TxState::Ended, "Started"), TxState::Ended);
}

} // namespace
} // namespace recarga::manager
