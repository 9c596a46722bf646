// The id tokens aggregate: looks tokens up for authorization. Reads happen inside the caller's transaction.
// Tokens are written by the operator API (another aggregate owner) or by SQL; this interface only reads.
#pragma once

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
};

class PgTokenStore final : public TokenStore {
public:
    explicit PgTokenStore(pqxx::work& tx) : tx_(tx) {}
    std::optional<TokenRecord> find(const std::string& id_token, const std::optional<std::string>& type) override;

private:
    pqxx::work& tx_;
};

} // namespace recarga::manager
