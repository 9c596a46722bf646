// 1.6 meterValue/transactionData elements flattened into one MeterSample per sampled value (MeterValues and
// StopTransaction have generated types of their own with the same shape).
#pragma once

#include "domain/metering.hpp"

#include <string>
#include <vector>

namespace recarga::manager::v16 {

template <class MeterValue> void append_samples(const MeterValue& mv, std::vector<MeterSample>& out) {
    for (const auto& sv : mv.sampledValue) {
        MeterSample s;
        s.sampled_at = mv.timestamp;
        s.measurand = sv.measurand ? std::string(to_string(*sv.measurand)) : std::string(kEnergyRegister);
        s.phase = sv.phase ? std::string(to_string(*sv.phase)) : std::string();
        s.location = sv.location ? std::string(to_string(*sv.location)) : std::string();
        if (sv.unit) {
            s.unit = std::string(to_string(*sv.unit));
        }
        if (sv.context) {
            s.context = std::string(to_string(*sv.context));
        }
        if (sv.format) {
            s.format = std::string(to_string(*sv.format));
        }
        // SignedData is a signed blob (hex/base64), never a number even when it looks like one.
        if (s.format != "SignedData") {
            s.value = parse_meter_value(sv.value);
        }
        if (!s.value) {
            s.raw_value = sv.value;
        }
        out.push_back(std::move(s));
    }
}

} // namespace recarga::manager::v16
