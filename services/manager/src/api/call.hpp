// What an API handler sees: the request (transport-neutral, filled by http_server.cpp), the authenticated
// caller, and the database transaction the change runs in. Handlers are plain functions Response(Call&); the
// route table in api/router.cpp maps the operations of api/openapi.yaml to them.
#pragma once

#include "api/stations_api.hpp"
#include "store/account_store.hpp"

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <string>

namespace recarga::manager {
struct Config; // config.hpp (the name is also the gateway's; tests see both include roots)
} // namespace recarga::manager

namespace recarga::manager::api {

struct Request {
    std::string method; // upper case, as on the wire
    std::string path;   // decoded path, without the query
    std::map<std::string, std::string> query;
    std::string authorization; // Authorization header
    std::string api_key;       // X-API-Key header
    std::string content_type;
    std::string body;
    std::string remote; // peer address
};

struct Call {
    const Request& req;
    pqxx::connection& db;
    pqxx::work* tx = nullptr; // the change's transaction, for operations that change state
    const Config& config;
    std::optional<Principal> principal;         // the caller (set by the router; by login on success)
    std::map<std::string, std::string> params;  // path parameters
    boost::json::value body;                    // the request body, validated against the spec
    std::optional<std::string> resource;        // what the operation touched, for the audit log
    std::optional<std::string> attempted_actor; // login: the name tried, audited when login fails
};

using Handler = Response (*)(Call&);

} // namespace recarga::manager::api
