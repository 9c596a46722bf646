#include "commands/learned_variables.hpp"

#include "handlers/v201/provisioning/variable_key.hpp"
#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/v16/ChangeConfiguration.hpp"
#include "recarga/ocpp/v16/GetConfiguration.hpp"
#include "recarga/ocpp/v201/GetVariables.hpp"
#include "recarga/ocpp/v201/SetVariables.hpp"
#include "recarga/ocpp/v21/GetVariables.hpp"
#include "recarga/ocpp/v21/SetVariables.hpp"

namespace recarga::manager::commands {

namespace {

VariableAttributeRow v16_row(std::string key, std::optional<std::string> value, std::optional<bool> readonly) {
    VariableAttributeRow row;
    row.key.component = std::string(kV16ConfigurationComponent);
    row.key.variable = std::move(key);
    row.value = std::move(value);
    if (readonly) {
        row.mutability = *readonly ? "ReadOnly" : "ReadWrite";
    }
    return row;
}

std::vector<VariableAttributeRow> v16(std::string_view action, const boost::json::value& request,
                                      const boost::json::value& answer) {
    namespace v = ocpp::v16;
    std::vector<VariableAttributeRow> rows;
    if (action == "GetConfiguration") {
        auto keys = ocpp::decode<v::GetConfigurationResponse>(answer).configurationKey;
        for (auto& k : keys ? *keys : decltype(keys)::value_type{}) {
            rows.push_back(v16_row(std::move(k.key), std::move(k.value), k.readonly));
        }
    } else if (action == "ChangeConfiguration") {
        const auto status = ocpp::decode<v::ChangeConfigurationResponse>(answer).status;
        if (status == v::ChangeConfigurationResponseStatus::Accepted ||
            status == v::ChangeConfigurationResponseStatus::RebootRequired) {
            auto req = ocpp::decode<v::ChangeConfigurationRequest>(request);
            rows.push_back(v16_row(std::move(req.key), std::move(req.value), std::nullopt));
        }
    }
    return rows;
}

// 2.0.1 and 2.1 share these messages' shape; the template arguments are the version's action types.
template <class GetVariables, class SetVariables>
std::vector<VariableAttributeRow> v2x(std::string_view action, const boost::json::value& request,
                                      const boost::json::value& answer) {
    std::vector<VariableAttributeRow> rows;
    if (action == "GetVariables") {
        for (const auto& r : ocpp::decode<typename GetVariables::Response>(answer).getVariableResult) {
            if (r.attributeStatus != decltype(r.attributeStatus)::Accepted || !r.attributeValue) {
                continue;
            }
            VariableAttributeRow row;
            row.key = v2x::variable_key(r.component, r.variable);
            row.attribute_type = r.attributeType ? std::string(to_string(*r.attributeType)) : "Actual";
            row.value = r.attributeValue;
            rows.push_back(std::move(row));
        }
    } else if (action == "SetVariables") {
        const auto req = ocpp::decode<typename SetVariables::Request>(request);
        for (const auto& r : ocpp::decode<typename SetVariables::Response>(answer).setVariableResult) {
            using Status = decltype(r.attributeStatus);
            if (r.attributeStatus != Status::Accepted && r.attributeStatus != Status::RebootRequired) {
                continue;
            }
            // The result names the attribute; its value is the one the request set for the same attribute.
            for (const auto& d : req.setVariableData) {
                if (d.component == r.component && d.variable == r.variable && d.attributeType == r.attributeType) {
                    VariableAttributeRow row;
                    row.key = v2x::variable_key(d.component, d.variable);
                    row.attribute_type = d.attributeType ? std::string(to_string(*d.attributeType)) : "Actual";
                    row.value = d.attributeValue;
                    rows.push_back(std::move(row));
                    break;
                }
            }
        }
    }
    return rows;
}

} // namespace

std::vector<VariableAttributeRow> learned_variables(ocpp::Version version, std::string_view action,
                                                    const boost::json::value& request,
                                                    const boost::json::value& answer) {
    try {
        switch (version) {
        case ocpp::Version::v16:
            return v16(action, request, answer);
        case ocpp::Version::v201:
            return v2x<ocpp::v201::GetVariables, ocpp::v201::SetVariables>(action, request, answer);
        case ocpp::Version::v21:
            return v2x<ocpp::v21::GetVariables, ocpp::v21::SetVariables>(action, request, answer);
        }
    } catch (const ocpp::DecodeError&) {
        // The gateway validated the answer against its schema; one that still does not decode teaches nothing.
    }
    return {};
}

} // namespace recarga::manager::commands
