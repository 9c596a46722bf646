// The device-model key (component, instance, EVSE, connector, variable, instance) of a 2.0.1/2.1
// ComponentType and VariableType, with "" and 0 standing for absent parts.
#pragma once

#include "store/device_model_store.hpp"

namespace recarga::manager::v2x {

template <class Component, class Variable> VariableKey variable_key(const Component& c, const Variable& v) {
    VariableKey k;
    k.component = c.name;
    k.component_instance = c.instance.value_or("");
    if (c.evse) {
        k.evse_id = static_cast<int>(c.evse->id);
        k.connector_id = static_cast<int>(c.evse->connectorId.value_or(0));
    }
    k.variable = v.name;
    k.variable_instance = v.instance.value_or("");
    return k;
}

} // namespace recarga::manager::v2x
