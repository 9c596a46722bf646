#include "api/router.hpp"

#include "api/accounts_api.hpp"
#include "api/commands_api.hpp"
#include "api/events_api.hpp"
#include "api/id_tokens_api.hpp"
#include "api/station_data_api.hpp"
#include "api/transactions_api.hpp"
#include "api/security_api.hpp"
#include "api/sites_api.hpp"
#include "api/site_power_api.hpp"
#include "api/payments_api.hpp"
#include "api/tariffs_api.hpp"
#include "api/spec_validator.hpp"
#include "config.hpp"
#include "recarga/common/embedded.hpp"
#include "store/audit_store.hpp"

#include <fstream>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>
#include <sstream>
#include <variant>

namespace recarga::embedded {
extern const recarga::common::EmbeddedFile api_spec[];
extern const std::size_t api_spec_count;
} // namespace recarga::embedded

namespace recarga::manager::api {

namespace {

using P = auth::Permission;

Response stations_list(Call& c) {
    return list_stations(c.db, c.req.query);
}
Response station_get(Call& c) {
    return get_station(c.db, c.params.at("stationId"));
}

// Security settings are written in security_route's own transaction (route row: without_transaction); the
// router audits the request on its own.
Response station_security(Call& c) {
    c.resource = "station:" + c.params.at("stationId");
    auto res = security_route([&c]() -> pqxx::connection& { return c.db; }, c.req.method, c.req.path, c.req.body);
    return res ? std::move(*res) : problem(404, "not-found", "Not found", "no such resource: " + c.req.path);
}

const std::vector<Route> kRoutes = {
    {"GET", "/api/v1/stations", P::Read, false, false, &stations_list},
    {"GET", "/api/v1/stations/{stationId}", P::Read, false, false, &station_get},
    // Commands wait for the station's answer, so they hold no transaction of the router's (without_transaction);
    // the router audits them on their own. The neutral commands come before the raw {action} passthrough.
    {"POST", "/api/v1/stations/{stationId}/commands/start-charging", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/stop-charging", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/reset", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/unlock-connector", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/change-availability", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/get-configuration", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/set-configuration", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/trigger-message", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/clear-cache", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/data-transfer", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/upload-diagnostics", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/update-firmware", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/send-local-list", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/get-local-list-version", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/reserve", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/cancel-reservation", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/set-charging-profile", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/clear-charging-profile", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/get-composite-schedule", P::Command, false, true, &neutral_command, true},
    {"POST", "/api/v1/stations/{stationId}/commands/{action}", P::Command, false, true, &raw_command, true},
    {"GET", "/api/v1/commands", P::Read, false, false, &list_commands},
    {"GET", "/api/v1/commands/{commandId}", P::Read, false, false, &get_command},
    {"PUT", "/api/v1/stations/{stationId}/security", P::Admin, false, true, &station_security, true},
    {"GET", "/api/v1/stations/{stationId}/variables", P::Read, false, false, &list_station_variables},
    {"GET", "/api/v1/stations/{stationId}/status-events", P::Read, false, false, &list_station_status_events},
    {"GET", "/api/v1/transactions", P::Read, false, false, &list_transactions},
    {"GET", "/api/v1/transactions/{id}", P::Read, false, false, &get_transaction},
    {"GET", "/api/v1/transactions/{id}/meter-values", P::Read, false, false, &list_transaction_meter_values},
    {"GET", "/api/v1/id-tokens", P::Read, false, false, &list_id_tokens},
    {"POST", "/api/v1/id-tokens", P::Command, false, true, &create_id_token},
    {"POST", "/api/v1/id-tokens/import", P::Command, false, true, &import_id_tokens},
    {"GET", "/api/v1/id-tokens/{type}/{idToken}", P::Read, false, false, &get_id_token},
    {"PATCH", "/api/v1/id-tokens/{type}/{idToken}", P::Command, false, true, &update_id_token},
    {"DELETE", "/api/v1/id-tokens/{type}/{idToken}", P::Admin, false, true, &delete_id_token},
    {"POST", "/api/v1/auth/login", std::nullopt, true, true, &login},
    {"POST", "/api/v1/auth/logout", std::nullopt, false, true, &logout},
    {"GET", "/api/v1/auth/me", std::nullopt, false, false, &get_me},
    {"GET", "/api/v1/users", P::Admin, false, false, &list_users},
    {"POST", "/api/v1/users", P::Admin, false, true, &create_user},
    {"GET", "/api/v1/users/{userId}", P::Admin, false, false, &get_user},
    {"PATCH", "/api/v1/users/{userId}", P::Admin, false, true, &update_user},
    {"DELETE", "/api/v1/users/{userId}", P::Admin, false, true, &delete_user},
    {"GET", "/api/v1/api-keys", P::Admin, false, false, &list_api_keys},
    {"POST", "/api/v1/api-keys", P::Admin, false, true, &create_api_key},
    {"GET", "/api/v1/api-keys/{keyId}", P::Admin, false, false, &get_api_key},
    {"DELETE", "/api/v1/api-keys/{keyId}", P::Admin, false, true, &revoke_api_key},
    {"GET", "/api/v1/audit", P::Admin, false, false, &list_audit},
    {"GET", "/api/v1/events", P::Read, false, false, &events_stream},
    {"GET", "/api/v1/webhooks", P::Admin, false, false, &list_webhooks},
    {"POST", "/api/v1/webhooks", P::Admin, false, true, &create_webhook},
    {"GET", "/api/v1/webhooks/{webhookId}", P::Admin, false, false, &get_webhook},
    {"DELETE", "/api/v1/webhooks/{webhookId}", P::Admin, false, true, &delete_webhook},
    // Sites and load management (api/sites_api.hpp).
    {"GET", "/api/v1/sites", P::Read, false, false, &list_sites},
    {"POST", "/api/v1/sites", P::Command, false, true, &create_site},
    {"GET", "/api/v1/sites/{siteId}", P::Read, false, false, &get_site},
    {"PATCH", "/api/v1/sites/{siteId}", P::Command, false, true, &update_site},
    {"DELETE", "/api/v1/sites/{siteId}", P::Command, false, true, &delete_site},
    {"GET", "/api/v1/sites/{siteId}/stations", P::Read, false, false, &list_site_stations},
    {"PUT", "/api/v1/sites/{siteId}/stations/{stationId}", P::Command, false, true, &put_site_station},
    {"DELETE", "/api/v1/sites/{siteId}/stations/{stationId}", P::Command, false, true, &remove_site_station},
    {"GET", "/api/v1/sites/{siteId}/allocation", P::Read, false, false, &get_site_allocation},
    {"GET", "/api/v1/sites/{siteId}/power", P::Read, false, false, &get_site_power},
    {"GET", "/api/v1/tariffs", P::Read, false, false, &list_tariffs},
    {"POST", "/api/v1/tariffs", P::Admin, false, true, &create_tariff},
    {"GET", "/api/v1/tariffs/{tariffId}", P::Read, false, false, &get_tariff},
    {"PUT", "/api/v1/tariffs/{tariffId}", P::Admin, false, true, &update_tariff},
    {"GET", "/api/v1/tariffs/{tariffId}/versions", P::Read, false, false, &list_tariff_versions},
    {"GET", "/api/v1/tariff-assignments", P::Read, false, false, &list_tariff_assignments},
    {"POST", "/api/v1/tariff-assignments", P::Admin, false, true, &create_tariff_assignment},
    {"DELETE", "/api/v1/tariff-assignments/{assignmentId}", P::Admin, false, true, &delete_tariff_assignment},
    {"GET", "/api/v1/transactions/{transactionId}/cost", P::Read, false, false, &get_transaction_cost},
    {"POST", "/api/v1/transactions/{transactionId}/refunds", P::Admin, false, true, &refund_transaction},
    {"GET", "/api/v1/wallets", P::Read, false, false, &list_wallets},
    {"POST", "/api/v1/wallets", P::Admin, false, true, &create_wallet},
    {"GET", "/api/v1/wallets/{walletId}", P::Read, false, false, &get_wallet},
    {"POST", "/api/v1/wallets/{walletId}/top-ups", P::Admin, false, true, &top_up_wallet},
    {"GET", "/api/v1/wallets/{walletId}/ledger", P::Read, false, false, &list_wallet_ledger},
    {"GET", "/api/v1/payment-methods", P::Read, false, false, &list_payment_methods},
    {"POST", "/api/v1/payment-methods", P::Admin, false, true, &create_payment_method},
    {"DELETE", "/api/v1/payment-methods/{paymentMethodId}", P::Admin, false, true, &delete_payment_method},
};

Response unauthorized(std::string_view type, std::string_view detail) {
    auto r = problem(401, type, "Unauthorized", detail);
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"recarga\"");
    return r;
}

// The caller behind the request's credentials, or the 401 to answer.
std::variant<Principal, Response> authenticate(pqxx::connection& db, const Request& req) {
    std::string token;
    if (!req.authorization.empty()) {
        constexpr std::string_view scheme = "bearer ";
        if (req.authorization.size() <= scheme.size() ||
            !std::equal(scheme.begin(), scheme.end(), req.authorization.begin(),
                        [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
            return unauthorized("unauthorized", "use Authorization: Bearer <token> or X-API-Key");
        }
        token = req.authorization.substr(scheme.size());
    }
    if (token.empty() && req.api_key.empty()) {
        return unauthorized("unauthorized", "this operation needs a bearer token or an API key");
    }
    pqxx::work tx(db);
    PgAccountStore store(tx);
    auto p = !token.empty() ? store.principal_for_session(auth::sha256_hex(token))
                            : store.principal_for_api_key(auth::sha256_hex(req.api_key));
    tx.commit();
    if (!p) {
        return unauthorized("invalid-credentials", "the token or API key is unknown, expired or revoked");
    }
    return *p;
}

AuditEntry audit_entry(const Call& c, const Response& res) {
    AuditEntry e;
    if (c.principal) {
        e.actor_kind = c.principal->kind == Principal::Kind::User ? "user" : "apiKey";
        e.actor_id = c.principal->id;
        e.actor_name = c.principal->name;
    } else {
        e.actor_kind = "anonymous";
        e.actor_name = c.attempted_actor.value_or("");
    }
    e.method = c.req.method;
    e.path = c.req.path;
    e.resource = c.resource;
    e.status = res.status;
    e.remote = c.req.remote;
    return e;
}

// Audits a request that changed nothing (refused or failed), in a transaction of its own.
void audit_alone(pqxx::connection& db, const Call& c, const Response& res) {
    try {
        pqxx::work tx(db);
        PgAuditStore(tx).append(audit_entry(c, res));
        tx.commit();
    } catch (const std::exception& e) {
        spdlog::error("audit entry for {} {} not written: {}", c.req.method, c.req.path, e.what());
    }
}

std::string_view content_type_of(std::string_view name) {
    if (name.ends_with(".js")) {
        return "text/javascript";
    }
    if (name.ends_with(".css")) {
        return "text/css";
    }
    if (name.ends_with(".png")) {
        return "image/png";
    }
    if (name.ends_with(".html")) {
        return "text/html; charset=utf-8";
    }
    if (name.ends_with(".map")) {
        return "application/json";
    }
    return "application/octet-stream";
}

// Browsable documentation: swagger-ui-dist (npm, installed by scripts/build.sh) over /api/openapi.yaml.
Response docs(const Config& config, std::string_view rest) {
    if (config.docs_dir.empty()) {
        return problem(404, "not-found", "Not found", "API documentation is not installed (--docs-dir)");
    }
    if (rest.empty() || rest == "/") {
        Response r{200, R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recarga operator API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: "/api/openapi.yaml", dom_id: "#swagger-ui"});</script>
</body></html>
)",
                   "text/html; charset=utf-8"};
        return r;
    }
    std::string name(rest.substr(1));
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
            std::string::npos ||
        name.starts_with(".")) {
        return problem(404, "not-found", "Not found", "no such documentation file");
    }
    std::ifstream in(config.docs_dir + "/" + name, std::ios::binary);
    if (!in) {
        return problem(404, "not-found", "Not found", "no such documentation file");
    }
    std::ostringstream data;
    data << in.rdbuf();
    return {200, data.str(), std::string(content_type_of(name))};
}

} // namespace

const std::vector<Route>& route_table() {
    return kRoutes;
}

bool match_path(std::string_view tmpl, std::string_view path, std::map<std::string, std::string>& params) {
    params.clear();
    while (!tmpl.empty() || !path.empty()) {
        if (tmpl.empty() || path.empty() || tmpl[0] != '/' || path[0] != '/') {
            return false;
        }
        tmpl.remove_prefix(1);
        path.remove_prefix(1);
        auto t_end = tmpl.find('/');
        auto p_end = path.find('/');
        auto t_seg = tmpl.substr(0, t_end);
        auto p_seg = path.substr(0, p_end);
        if (t_seg.size() > 2 && t_seg.front() == '{' && t_seg.back() == '}') {
            if (p_seg.empty()) {
                return false;
            }
            params[std::string(t_seg.substr(1, t_seg.size() - 2))] = std::string(p_seg);
        } else if (t_seg != p_seg) {
            return false;
        }
        tmpl.remove_prefix(t_seg.size());
        path.remove_prefix(p_seg.size());
    }
    return true;
}

bool waits_on_station(std::string_view method, std::string_view path) {
    std::map<std::string, std::string> params;
    return method == "POST" && match_path("/api/v1/stations/{stationId}/commands/{action}", path, params);
}

Response handle(pqxx::connection& db, const Config& config, const Request& req) {
    if (req.path == "/health") {
        return {200, "{\"status\":\"ok\"}"};
    }
    if (req.path == "/api/openapi.yaml" && req.method == "GET") {
        return {200, std::string(embedded::api_spec[0].content), "application/yaml"};
    }
    if ((req.path == "/api/docs" || req.path.starts_with("/api/docs/")) && req.method == "GET") {
        return docs(config, std::string_view(req.path).substr(9));
    }
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::string allowed;
    for (const auto& r : kRoutes) {
        if (match_path(r.path, req.path, params)) {
            allowed += (allowed.empty() ? "" : ", ") + std::string(r.method);
            if (r.method == req.method) {
                route = &r;
                break;
            }
        }
    }
    if (route == nullptr) {
        if (!allowed.empty()) {
            auto res = problem(405, "method-not-allowed", "Method not allowed", "allowed: " + allowed);
            res.headers.emplace_back("Allow", allowed);
            return res;
        }
        return problem(404, "not-found", "Not found", "no such resource: " + req.path);
    }
    match_path(route->path, req.path, params);

    Call call{req, db, nullptr, config, std::nullopt, params, nullptr, std::nullopt, std::nullopt};
    if (!route->is_public) {
        auto who = authenticate(db, req);
        if (auto* res = std::get_if<Response>(&who)) {
            return std::move(*res);
        }
        call.principal = std::get<Principal>(std::move(who));
        if (route->needs && !auth::allows(call.principal->permissions, *route->needs)) {
            auto res =
                problem(403, "forbidden", "Forbidden",
                        "this operation needs the " + std::string(auth::to_string(*route->needs)) + " permission");
            if (route->changes_state) {
                audit_alone(db, call, res);
            }
            return res;
        }
    }
    if (auto invalid = SpecValidator::embedded().validate(std::string(route->method), std::string(route->path), req,
                                                          params, call.body)) {
        if (route->changes_state && !route->is_public) {
            audit_alone(db, call, *invalid);
        }
        return std::move(*invalid);
    }
    if (route->changes_state && route->without_transaction) {
        Response res;
        try {
            res = route->handler(call);
        } catch (const pqxx::broken_connection&) {
            throw;
        } catch (const std::exception&) {
            audit_alone(db, call, Response{500, ""});
            throw;
        }
        audit_alone(db, call, res);
        return res;
    }
    if (!route->changes_state) {
        try {
            return route->handler(call);
        } catch (const pqxx::data_exception&) {
            // What the spec cannot say and PostgreSQL refuses (a value out of a type's range) is the caller's error.
            return problem(400, "invalid-parameter", "Invalid parameter", "a parameter has a value out of range");
        }
    }

    Response res;
    try {
        pqxx::work tx(db);
        call.tx = &tx;
        res = route->handler(call);
        if (res.status < 400) {
            PgAuditStore(tx).append(audit_entry(call, res)); // the change and its audit entry commit together
            tx.commit();
            return res;
        }
    } catch (const pqxx::unique_violation&) {
        res = problem(409, "conflict", "Conflict", "the resource exists already");
    } catch (const pqxx::data_exception&) {
        res = problem(400, "invalid-body", "Invalid body", "a value is out of range");
    } catch (const pqxx::broken_connection&) {
        throw; // http_server.cpp answers 503 and reconnects
    } catch (const std::exception&) {
        audit_alone(db, call, Response{500, ""});
        throw;
    }
    audit_alone(db, call, res);
    return res;
}

} // namespace recarga::manager::api
