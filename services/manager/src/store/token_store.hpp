// The id tokens aggregate: looks tokens up for authorization. Reads happen inside the caller's transaction.
// Tokens are written by the operator API (another aggregate owner) or by SQL; this interface only reads.
#pragma once

#include "../config.hpp"
#include "domain/authorization.hpp"

#include <optional>
#include <pqxx/transaction>
#include <string>

namespace recarga::manager {

class TokenStore {
public:
    virtual ~TokenStore() = default;
    // The token with this value and type; with no type (1.6, which sends only the value), any token of this
    // value (ISO14443 first, then by type name).
    virtual std::optional<TokenRecord> find(const std::string& id_token, const std::optional<std::string>& type) = 0;
    // Takes (or reuses) a hold of `amount` on the card of a card-paying token, once per `idempotency_key`;
    // nullopt when held, else why not (declined, or the processor is unreachable or not configured).
    virtual std::optional<std::string> hold_card(const std::string& id_token, const Money& amount,
                                                 const std::string& idempotency_key, const Config& config) {
        return "card payments are not available here";
    }
};

class PgTokenStore final : public TokenStore {
public:
    explicit PgTokenStore(pqxx::work& tx) : tx_(tx) {}
    std::optional<TokenRecord> find(const std::string& id_token, const std::optional<std::string>& type) override;
    std::optional<std::string> hold_card(const std::string& id_token, const Money& amount,
                                         const std::string& idempotency_key, const Config& config) override;

private:
    pqxx::work& tx_;
};

} // namespace recarga::manager
