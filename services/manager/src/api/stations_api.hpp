// REST resources for stations (api/openapi.yaml: /api/v1/stations). Pure request -> response functions over a
// database connection; the HTTP transport lives in http_server.cpp.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/connection>

namespace recarga::manager::api {

struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers = {}; // extra headers (Location, WWW-Authenticate, Allow)
};

// RFC 9457 problem body.
Response problem(int status, std::string_view type, std::string_view title, std::string_view detail);

Response list_stations(pqxx::connection& db, const std::map<std::string, std::string>& query);
Response get_station(pqxx::connection& db, const std::string& id);

} // namespace recarga::manager::api
