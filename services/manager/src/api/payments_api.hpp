// Prepaid wallets, their ledger, top-ups and refunds: the handlers of the wallets operations of
// api/openapi.yaml and of POST /api/v1/transactions/{transactionId}/refunds.
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response list_wallets(Call& c);
Response create_wallet(Call& c);
Response get_wallet(Call& c);
Response top_up_wallet(Call& c);
Response list_wallet_ledger(Call& c);
Response refund_transaction(Call& c);

} // namespace recarga::manager::api
