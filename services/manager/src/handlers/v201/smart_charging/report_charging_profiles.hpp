// OCPP 2.0.1 (and 2.1) ReportChargingProfiles, K09: charging profiles a station reports (the answer to
// GetChargingProfiles, possibly in several messages). Stored as it arrived (station_events) and, for 2.0.1, each
// profile in the neutral model (charging_profiles, source Station), replacing what the station reported earlier
// under the same profile id. A profile the model cannot read (e.g. an unparsable date) stays in station_events only.
// 2.1 profiles are kept in station_events only for now.
#pragma once

#include "domain/smart_charging/charging_profile.hpp"
#include "handlers/context.hpp"
#include "recarga/ocpp/v201/ReportChargingProfiles.hpp"
#include "store/smart_charging_store.hpp"

#include <type_traits>

namespace recarga::manager::v2x {

template <class Request, class Response>
HandlerResult<Response> report_charging_profiles(HandlerContext& ctx, const Request& req) {
    ctx.events.record(ctx.call);
    if constexpr (std::is_same_v<Request, ocpp::v201::ReportChargingProfilesRequest>) {
        if (ctx.charging_profiles != nullptr) {
            for (const auto& reported : req.chargingProfile) {
                auto profile = smart::from_v201(reported);
                if (!profile.value)
                    continue;
                ctx.charging_profiles->put({ctx.call.station,
                                            "Station",
                                            static_cast<int>(req.evseId),
                                            std::move(*profile.value),
                                            "Reported",
                                            std::string(ocpp::v201::to_string(req.chargingLimitSource)),
                                            {}});
            }
        }
    }
    Response res;
    return res;
}

} // namespace recarga::manager::v2x
