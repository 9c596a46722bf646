// The operator API's routing, as data: one row per operation of api/openapi.yaml (method, path template,
// permission needed, whether it changes state, handler). handle() authenticates the caller (bearer token or
// X-API-Key), checks the permission, validates the request against the spec, runs the handler, and writes the
// audit entry of every state-changing request in the transaction of the change. Transport-neutral: the Beast
// code stays in http_server.cpp.
#pragma once

#include "api/call.hpp"
#include "domain/auth.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace recarga::manager::api {

struct Route {
    std::string_view method;
    std::string_view path;                 // as in api/openapi.yaml
    std::optional<auth::Permission> needs; // nullopt: any authenticated caller
    bool is_public = false;                // no credentials needed (login)
    bool changes_state = false;            // audited; runs in a transaction with its audit entry
    Handler handler = nullptr;
    // With changes_state: the handler opens no transaction of the router's (it waits on something else, e.g. a
    // station's answer) and the audit entry is written on its own after it.
    bool without_transaction = false;
};

const std::vector<Route>& route_table();

// Matches a path against a template ("/api/v1/users/{userId}"); fills the parameters.
bool match_path(std::string_view tmpl, std::string_view path, std::map<std::string, std::string>& params);

// True for requests that wait on a station's answer (commands): the server runs them apart from the others.
bool waits_on_station(std::string_view method, std::string_view path);

Response handle(pqxx::connection& db, const Config& config, const Request& req);

} // namespace recarga::manager::api
