#include "webhooks/webhook_store.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <pqxx/result>

namespace recarga::manager {

namespace {

// The API's Webhook (api/openapi.yaml), built by PostgreSQL.
constexpr const char* kJson =
    "json_build_object('id', id::text, 'url', url, 'events', to_json(events), 'createdAt', iso_utc(created_at), "
    "'createdBy', created_by, 'delivery', json_build_object('lastAttemptAt', iso_utc(last_attempt_at), "
    "'lastSuccessAt', iso_utc(last_success_at), 'lastStatus', last_status, 'lastError', last_error, "
    "'consecutiveFailures', consecutive_failures, 'delivered', delivered, 'failed', failed))::text";

} // namespace

bool WebhookTarget::wants(std::string_view type) const {
    return std::find(events.begin(), events.end(), type) != events.end();
}

std::pair<std::string, std::string> PgWebhookStore::create(const std::string& url,
                                                           const std::vector<std::string>& events,
                                                           const std::string& secret, const std::string& created_by) {
    // The event types go as a JSON array (validated against the API's enum), turned into text[] by PostgreSQL.
    auto r = tx_.exec_params(std::string("INSERT INTO webhooks (url, events, secret, created_by) SELECT $1, "
                                         "array(SELECT json_array_elements_text($2::json)), $3, $4 RETURNING id::text, ") +
                                 kJson,
                             url, boost::json::serialize(boost::json::value_from(events)), secret, created_by);
    return {r[0][0].as<std::string>(), r[0][1].as<std::string>()};
}

std::vector<std::pair<std::string, std::string>> PgWebhookStore::list(const std::optional<std::string>& after,
                                                                      long limit) {
    auto r = tx_.exec_params(std::string("SELECT id::text, ") + kJson +
                                 " FROM webhooks WHERE ($1::uuid IS NULL OR (created_at, id) < "
                                 "(SELECT created_at, id FROM webhooks WHERE id = $1::uuid)) "
                                 "ORDER BY created_at DESC, id DESC LIMIT $2",
                             after, limit);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : r) {
        out.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
    }
    return out;
}

std::optional<std::string> PgWebhookStore::find(const std::string& id) {
    auto r = tx_.exec_params(std::string("SELECT ") + kJson + " FROM webhooks WHERE id = $1::uuid", id);
    if (r.empty()) {
        return std::nullopt;
    }
    return r[0][0].as<std::string>();
}

bool PgWebhookStore::remove(const std::string& id) {
    return tx_.exec_params("DELETE FROM webhooks WHERE id = $1::uuid", id).affected_rows() > 0;
}

std::vector<WebhookTarget> PgWebhookStore::targets() {
    auto r = tx_.exec("SELECT id::text, url, secret, array_to_string(events, ',') FROM webhooks");
    std::vector<WebhookTarget> out;
    for (const auto& row : r) {
        WebhookTarget t{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(), {}};
        std::string list = row[3].as<std::string>();
        for (std::size_t start = 0; start <= list.size();) {
            auto end = list.find(',', start);
            if (end == std::string::npos) {
                end = list.size();
            }
            if (end > start) {
                t.events.push_back(list.substr(start, end - start));
            }
            start = end + 1;
        }
        out.push_back(std::move(t));
    }
    return out;
}

void PgWebhookStore::record_attempt(const std::string& id, int status, const std::string& error, bool ok, bool final) {
    tx_.exec_params("UPDATE webhooks SET last_attempt_at = now(), last_status = NULLIF($2, 0), "
                    "last_error = NULLIF($3, ''), "
                    "last_success_at = CASE WHEN $4 THEN now() ELSE last_success_at END, "
                    "consecutive_failures = CASE WHEN $4 THEN 0 ELSE consecutive_failures + 1 END, "
                    "delivered = delivered + CASE WHEN $4 THEN 1 ELSE 0 END, "
                    "failed = failed + CASE WHEN NOT $4 AND $5 THEN 1 ELSE 0 END WHERE id = $1::uuid",
                    id, status, error, ok, final);
}

} // namespace recarga::manager
