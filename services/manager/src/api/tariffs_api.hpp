// Tariffs (versioned), their assignments, and the cost of a transaction: the handlers of the tariffs and
// tariff-assignments operations of api/openapi.yaml and of GET /api/v1/transactions/{transactionId}/cost.
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response list_tariffs(Call& c);
Response create_tariff(Call& c);
Response get_tariff(Call& c);
Response update_tariff(Call& c);
Response list_tariff_versions(Call& c);

Response list_tariff_assignments(Call& c);
Response create_tariff_assignment(Call& c);
Response delete_tariff_assignment(Call& c);

Response get_transaction_cost(Call& c);

} // namespace recarga::manager::api
