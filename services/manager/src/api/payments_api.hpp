// Prepaid wallets, their ledger, top-ups and refunds: the handlers of the wallets operations of
// api/openapi.yaml and of POST /api/v1/transactions/{transactionId}/refunds, and the payment methods (card or
// wallet) of tokens and token groups.
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

Response list_wallets(Call& c);
Response create_wallet(Call& c);
Response get_wallet(Call& c);
Response top_up_wallet(Call& c);
Response list_wallet_ledger(Call& c);
Response refund_transaction(Call& c);
// Which tokens pay by card (with the processor's customer reference) or by wallet.
Response list_payment_methods(Call& c);
Response create_payment_method(Call& c);
Response delete_payment_method(Call& c);

} // namespace recarga::manager::api
