// REST resources for sites and load management (api/openapi.yaml: /api/v1/sites...): sites and groups with their
// grid limit, the stations on them, and the allocation in force. Every change asks the LoadManager to share the
// site's limit again (after the change is committed, by its debounce).
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response list_sites(Call& c);
Response create_site(Call& c);
Response get_site(Call& c);
Response update_site(Call& c);
Response delete_site(Call& c);
Response list_site_stations(Call& c);
Response put_site_station(Call& c);
Response remove_site_station(Call& c);
Response get_site_allocation(Call& c);

} // namespace recarga::manager::api
