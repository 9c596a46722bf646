// REST resources for what a station reported about itself (api/openapi.yaml: /api/v1/stations/{stationId}/
// variables and /status-events): its 2.0.1 device-model variables and its connector status history.
// Read-only; parameters arrive validated against the spec.
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response list_station_variables(Call& c);
Response list_station_status_events(Call& c);

} // namespace recarga::manager::api
