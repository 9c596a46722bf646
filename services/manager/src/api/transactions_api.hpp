// REST resources for charging transactions and their meter values (api/openapi.yaml: /api/v1/transactions),
// as JSON pages or CSV exports. Read-only; parameters arrive validated against the spec, and the handlers
// check only what the schema cannot say (cursors this server gave).
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response list_transactions(Call& c);
Response get_transaction(Call& c);
Response list_transaction_meter_values(Call& c);

} // namespace recarga::manager::api
