// OCPP 2.0.1 (and 2.1) NotifyReport, B07/B08: a device-model report in parts (seqNo, tbc). Stored as it arrived
// (station_events) and per component and variable attribute (device_model_variables); an older report never
// overwrites a newer value.
#pragma once

#include "handlers/context.hpp"
#include "handlers/v201/provisioning/variable_key.hpp"

#include <vector>

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> notify_report(HandlerContext& ctx, const Request& req) {
    ctx.events.record(ctx.call);
    if (req.reportData) {
        std::vector<VariableAttributeRow> rows;
        for (const auto& d : *req.reportData) {
            const auto key = variable_key(d.component, d.variable);
            for (const auto& a : d.variableAttribute) {
                VariableAttributeRow r;
                r.key = key;
                if (a.type) {
                    r.attribute_type = std::string(to_string(*a.type));
                }
                r.value = a.value;
                if (a.mutability) {
                    r.mutability = std::string(to_string(*a.mutability));
                }
                r.persistent = a.persistent;
                r.constant = a.constant;
                rows.push_back(std::move(r));
            }
        }
        ctx.device_model.record_attributes(ctx.call.station, req.generatedAt, rows);
    }
    return Response{};
}

} // namespace recarga::manager::v2x
