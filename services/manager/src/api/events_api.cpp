#include "api/events_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/transaction>

#include "api/accounts_api.hpp"
#include "domain/auth.hpp"
#include "events/live_event.hpp"
#include "webhooks/webhook_store.hpp"

namespace recarga::manager::api {

namespace json = boost::json;

Response events_stream(Call& c) {
    (void)c; // stationId (repeatable) is read by the server from the raw query; the spec validated it
    return {200, "", std::string(kEventStreamType)};
}

bool is_webhook_url(std::string_view url) {
    std::string_view rest;
    if (url.starts_with("http://")) {
        rest = url.substr(7);
    } else if (url.starts_with("https://")) {
        rest = url.substr(8);
    } else {
        return false;
    }
    if (rest.empty() || rest.front() == '/' || rest.front() == ':' || url.size() > 2000) {
        return false;
    }
    for (unsigned char ch : url) {
        if (ch <= 0x20 || ch >= 0x7f) {
            return false;
        }
    }
    return true;
}

Response list_webhooks(Call& c) {
    const long limit = page_limit(c);
    std::optional<std::string> cursor;
    if (auto it = c.req.query.find("cursor"); it != c.req.query.end()) {
        cursor = it->second;
    }
    pqxx::read_transaction tx(c.db);
    auto rows = PgWebhookStore(tx).list(cursor, limit + 1);
    return json_text_page(rows, limit, [](const auto& row) { return row.first; });
}

Response create_webhook(Call& c) {
    const auto& body = c.body.as_object();
    const std::string url(body.at("url").as_string());
    if (!is_webhook_url(url)) {
        return problem(400, "invalid-body", "Invalid body", "url must be an absolute http:// or https:// URL");
    }
    std::vector<std::string> types;
    for (const auto& t : body.at("events").as_array()) {
        if (!events::is_type(t.as_string())) {
            return problem(400, "invalid-body", "Invalid body", "unknown event type " + std::string(t.as_string()));
        }
        types.emplace_back(t.as_string());
    }
    std::string secret = auth::new_webhook_secret();
    if (const auto* s = body.if_contains("secret"); s != nullptr && s->is_string()) {
        secret = std::string(s->as_string());
    }
    auto [id, text] = PgWebhookStore(*c.tx).create(url, types, secret, c.principal ? c.principal->name : "");
    c.resource = "webhooks/" + id;
    auto out = json::parse(text).as_object();
    out["secret"] = secret; // shown this once
    Response res{201, json::serialize(out)};
    res.headers.emplace_back("Location", "/api/v1/webhooks/" + id);
    return res;
}

Response get_webhook(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto w = PgWebhookStore(tx).find(c.params.at("webhookId"));
    if (!w) {
        return problem(404, "not-found", "Webhook not found", "no webhook with id " + c.params.at("webhookId"));
    }
    return {200, std::move(*w)};
}

Response delete_webhook(Call& c) {
    const auto& id = c.params.at("webhookId");
    c.resource = "webhooks/" + id;
    if (!PgWebhookStore(*c.tx).remove(id)) {
        return problem(404, "not-found", "Webhook not found", "no webhook with id " + id);
    }
    return {204, ""};
}

} // namespace recarga::manager::api
