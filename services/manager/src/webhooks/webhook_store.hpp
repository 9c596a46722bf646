// The webhooks aggregate (migration 0060): registrations (URL, event types, secret) and the state of their
// deliveries. The API reads and writes it in its request's transaction; the dispatcher reads the targets and
// records every delivery attempt.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/transaction_base>

namespace recarga::manager {

// What the dispatcher needs of a webhook.
struct WebhookTarget {
    std::string id;
    std::string url;
    std::string secret;
    std::vector<std::string> events;
    bool wants(std::string_view type) const;
};

class WebhookStore {
public:
    virtual ~WebhookStore() = default;
    // The new webhook as the API shows it (JSON text, without the secret).
    virtual std::pair<std::string, std::string> create(const std::string& url, const std::vector<std::string>& events,
                                                       const std::string& secret, const std::string& created_by) = 0;
    // Newest first, after the webhook `after` (a cursor); (id, JSON text) pairs.
    virtual std::vector<std::pair<std::string, std::string>> list(const std::optional<std::string>& after,
                                                                  long limit) = 0;
    virtual std::optional<std::string> find(const std::string& id) = 0;
    virtual bool remove(const std::string& id) = 0;
    virtual std::vector<WebhookTarget> targets() = 0;
    // One delivery attempt: the HTTP status (0: no answer) and error text; `ok` when the receiver took it.
    virtual void record_attempt(const std::string& id, int status, const std::string& error, bool ok, bool final) = 0;
};

class PgWebhookStore final : public WebhookStore {
public:
    explicit PgWebhookStore(pqxx::transaction_base& tx) : tx_(tx) {}
    std::pair<std::string, std::string> create(const std::string& url, const std::vector<std::string>& events,
                                               const std::string& secret, const std::string& created_by) override;
    std::vector<std::pair<std::string, std::string>> list(const std::optional<std::string>& after,
                                                          long limit) override;
    std::optional<std::string> find(const std::string& id) override;
    bool remove(const std::string& id) override;
    std::vector<WebhookTarget> targets() override;
    void record_attempt(const std::string& id, int status, const std::string& error, bool ok, bool final) override;

private:
    pqxx::transaction_base& tx_;
};

} // namespace recarga::manager
