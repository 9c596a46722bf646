// What a station's answer to a configuration command tells about its settings, as device-model rows the
// variables API serves (GET /api/v1/stations/{id}/variables):
//  * 1.6 GetConfiguration: every configurationKey, under the component "Configuration", ReadOnly or ReadWrite;
//  * 1.6 ChangeConfiguration answered Accepted or RebootRequired: the key's new value;
//  * 2.0.1/2.1 GetVariables: every result Accepted, with its attribute type and value;
//  * 2.0.1/2.1 SetVariables: every result Accepted or RebootRequired, with the value the request set.
// Other actions, and answers that do not decode, teach nothing (an empty list). Pure functions.
#pragma once

#include "recarga/ocpp/version.hpp"
#include "store/device_model_store.hpp"

#include <boost/json/value.hpp>

#include <string_view>
#include <vector>

namespace recarga::manager::commands {

// The component under which 1.6 configuration keys are kept (1.6 has no components).
inline constexpr std::string_view kV16ConfigurationComponent = "Configuration";

std::vector<VariableAttributeRow> learned_variables(ocpp::Version version, std::string_view action,
                                                    const boost::json::value& request,
                                                    const boost::json::value& answer);

} // namespace recarga::manager::commands
