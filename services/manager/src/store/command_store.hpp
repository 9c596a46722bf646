// Command records (db/migrations/0050_commands.sql): every command sent or queued through the API, who sent it,
// the request, the OCPP action it became, its state and the answer; and each station's durable outbox (the
// records with outbox = true still pending), taken one at a time with FOR UPDATE SKIP LOCKED. Runs in the
// caller's transaction.
#pragma once

#include "store/json_rows.hpp"

#include <cstdint>
#include <optional>
#include <pqxx/transaction_base>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace recarga::manager {

struct NewCommand {
    std::int64_t id = 0; // from next_id()
    std::string station;
    std::string command;               // neutral name or raw OCPP action
    std::optional<std::string> action; // the OCPP action, when known
    std::string request;               // JSON text of the caller's body
    std::int64_t timeout_ms = 30000;
    std::optional<std::string> created_by;
    bool outbox = false;
    std::optional<std::int64_t> expires_in_s; // outbox only
};

struct QueuedCommand {
    std::int64_t id = 0;
    std::string command;
    std::string request; // JSON text
    std::int64_t timeout_ms = 30000;
};

struct CommandFilter {
    std::optional<std::string> station;
    std::optional<std::string> status;
    std::optional<std::int64_t> before_id; // cursor
    long limit = 50;
};

class CommandStore {
public:
    virtual ~CommandStore() = default;
    virtual std::int64_t next_id() = 0;
    virtual void insert(const NewCommand& c, std::string_view status) = 0;
    virtual void mark_sent(std::int64_t id, const std::string& action) = 0;
    // Final state: answered (the station answered, also with a CALLERROR) or failed; the HTTP status and body the
    // synchronous call answers with.
    virtual void finish(std::int64_t id, std::string_view status, int http_status, const std::string& answer) = 0;
    virtual void requeue(std::int64_t id) = 0; // back to the outbox: it never reached the station
    // The record as the API shows it (api/openapi.yaml Command), or nullopt.
    virtual std::optional<std::string> get(std::int64_t id) = 0;
    // Newest first; each row's key is its id (the page cursor).
    virtual std::vector<JsonRow> list(const CommandFilter& f) = 0;
    // Outbox: marks the station's expired commands expired (their number); takes the oldest pending one, locked,
    // skipping rows another transaction holds, and marks it sent; whether any is pending.
    virtual long expire_outbox(const std::string& station) = 0;
    virtual std::optional<QueuedCommand> take_next(const std::string& station) = 0;
    virtual bool has_pending(const std::string& station) = 0;
};

class PgCommandStore final : public CommandStore {
public:
    explicit PgCommandStore(pqxx::transaction_base& tx) : tx_(tx) {}
    std::int64_t next_id() override;
    void insert(const NewCommand& c, std::string_view status) override;
    void mark_sent(std::int64_t id, const std::string& action) override;
    void finish(std::int64_t id, std::string_view status, int http_status, const std::string& answer) override;
    void requeue(std::int64_t id) override;
    std::optional<std::string> get(std::int64_t id) override;
    std::vector<JsonRow> list(const CommandFilter& f) override;
    long expire_outbox(const std::string& station) override;
    std::optional<QueuedCommand> take_next(const std::string& station) override;
    bool has_pending(const std::string& station) override;
    // Which of `stations` have a pending outbox command, in one statement.
    std::set<std::string> pending_among(const std::vector<std::string>& stations);

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
