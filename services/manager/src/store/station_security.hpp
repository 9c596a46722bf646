// Security settings of stations (migration 0020): required profile, argon2id password hash and the failure
// counter of the rate limit. Reads and writes run in the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "domain/admission.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::manager {

std::optional<StationSecurity> load_security(pqxx::transaction_base& tx, const std::string& station);

// Creates the station when unknown; sets its profile and (when given) its password hash; clears the failures.
void store_security(pqxx::transaction_base& tx, const std::string& station, int profile,
                    const std::optional<std::string>& password_hash);

// Answers an Admit envelope from a gateway (docs/contracts/amqp.md "Connection admission"): decides, counts a
// failure or clears the counter, and returns the Admission envelope for the gateway.
envelope::Envelope answer_admission(pqxx::transaction_base& tx, bool unknown_allowed, const envelope::Envelope& admit);

} // namespace recarga::manager
