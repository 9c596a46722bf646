// Write side of the id tokens aggregate, for the operator API: list, read, create, change, delete and upsert
// (bulk import). There is no cache in front of id_tokens (store/token_store.hpp reads the table on every
// Authorize, start and TransactionEvent), so a change is seen by the next message that commits after it.
// Writes run in the caller's transaction.
#pragma once

#include "store/json_rows.hpp"

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace recarga::manager {

// Fields of a create, change or import entry; a field not `present` is left as it is (or its default when new).
template <class T> struct Present {
    bool present = false;
    std::optional<T> value; // null when present but null
};

struct IdTokenFields {
    std::optional<std::string> status;
    Present<std::string> expires_at; // RFC 3339, validated by the caller
    Present<std::string> group_id_token;
    Present<std::vector<std::string>> allowed_stations;
};

struct IdTokenFilter {
    std::optional<std::vector<std::string>> after; // cursor: {id_token, type}
    std::optional<std::string> search;
    std::optional<std::string> status;
    long limit = 50;
};

enum class UpsertOutcome { Created, Updated };

class IdTokenAdminStore {
public:
    virtual ~IdTokenAdminStore() = default;
    // Keys: {idToken, type}.
    virtual std::vector<JsonRow> list(const IdTokenFilter& filter) = 0;
    virtual std::optional<std::string> get(const std::string& type, const std::string& id_token) = 0;
    // nullopt when a token of this value and type exists.
    virtual std::optional<std::string> create(const std::string& type, const std::string& id_token,
                                              const IdTokenFields& fields) = 0;
    // nullopt when there is no such token.
    virtual std::optional<std::string> update(const std::string& type, const std::string& id_token,
                                              const IdTokenFields& fields) = 0;
    virtual bool remove(const std::string& type, const std::string& id_token) = 0;
    virtual UpsertOutcome upsert(const std::string& type, const std::string& id_token, const IdTokenFields& fields) = 0;
};

class PgIdTokenAdminStore final : public IdTokenAdminStore {
public:
    explicit PgIdTokenAdminStore(pqxx::transaction_base& tx) : tx_(tx) {}
    std::vector<JsonRow> list(const IdTokenFilter& filter) override;
    std::optional<std::string> get(const std::string& type, const std::string& id_token) override;
    std::optional<std::string> create(const std::string& type, const std::string& id_token,
                                      const IdTokenFields& fields) override;
    std::optional<std::string> update(const std::string& type, const std::string& id_token,
                                      const IdTokenFields& fields) override;
    bool remove(const std::string& type, const std::string& id_token) override;
    UpsertOutcome upsert(const std::string& type, const std::string& id_token, const IdTokenFields& fields) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
