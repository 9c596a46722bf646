// The audit log: one entry per state-changing API request (who, when, what, outcome). Appends run in the
// caller's transaction, so an entry commits with the change it describes.
#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace recarga::manager {

struct AuditEntry {
    std::string actor_kind; // user, apiKey, anonymous
    std::optional<std::string> actor_id;
    std::string actor_name;
    std::string method;
    std::string path;
    std::optional<std::string> resource;
    int status = 0;
    std::optional<std::string> remote;
};

struct AuditFilter {
    std::optional<long long> before_id; // cursor: entries with a smaller id
    std::optional<std::string> actor;
    std::optional<std::string> since; // RFC 3339, validated by the caller
    std::optional<std::string> until;
    long limit = 50;
};

class AuditStore {
public:
    virtual ~AuditStore() = default;
    virtual void append(const AuditEntry& entry) = 0;
    // Entries newest first as JSON objects (api/openapi.yaml AuditEntry), with their ids.
    virtual std::vector<std::pair<long long, std::string>> list(const AuditFilter& filter) = 0;
};

class PgAuditStore final : public AuditStore {
public:
    explicit PgAuditStore(pqxx::transaction_base& tx) : tx_(tx) {}
    void append(const AuditEntry& entry) override;
    std::vector<std::pair<long long, std::string>> list(const AuditFilter& filter) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
