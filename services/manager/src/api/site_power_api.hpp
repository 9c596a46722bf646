// GET /api/v1/sites/{siteId}/power (api/openapi.yaml): the power a site's stations, and those of its groups, drew
// over a time window, in buckets, with the site's limit in watts for the chart's limit line. How the figures are
// made from the meter values: store/site_power_store.hpp; the window: domain/site_power.hpp.
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response get_site_power(Call& c);

} // namespace recarga::manager::api
