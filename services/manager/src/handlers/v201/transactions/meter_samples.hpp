// 2.0.1 and 2.1 MeterValueType elements flattened into one MeterSample per sampled value (TransactionEvent and
// MeterValues share the type; both versions have the same shape).
#pragma once

#include "domain/metering.hpp"

#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

namespace recarga::manager::v201 {

template <class MeterValue> void append_samples(const MeterValue& mv, std::vector<MeterSample>& out) {
    for (const auto& sv : mv.sampledValue) {
        MeterSample s;
        s.sampled_at = mv.timestamp;
        s.measurand = sv.measurand ? std::string(to_string(*sv.measurand)) : std::string(kEnergyRegister);
        s.phase = sv.phase ? std::string(to_string(*sv.phase)) : std::string();
        s.location = sv.location ? std::string(to_string(*sv.location)) : std::string();
        if (sv.unitOfMeasure) {
            s.unit = sv.unitOfMeasure->unit;
            if (sv.unitOfMeasure->multiplier) {
                s.multiplier = static_cast<int>(*sv.unitOfMeasure->multiplier);
            }
        }
        if (sv.context) {
            s.context = std::string(to_string(*sv.context));
        }
        s.value = sv.value;
        if (sv.signedMeterValue) {
            s.signed_json = boost::json::serialize(to_json(*sv.signedMeterValue));
        }
        out.push_back(std::move(s));
    }
}

} // namespace recarga::manager::v201
