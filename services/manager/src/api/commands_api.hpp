// REST resource for CSMS-initiated commands (api/openapi.yaml: POST /api/v1/stations/{stationId}/commands/{action}).
// Validates the OCPP payload against the station's version, sends it through CommandClient to the gateway
// that holds the station and turns the station's answer (or its absence) into the HTTP response.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <pqxx/connection>

#include "api/stations_api.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::manager {
struct Config;
} // namespace recarga::manager

namespace recarga::manager::api {

// Handles `path` when it is a command resource (nullopt otherwise, so the router tries its other routes).
std::optional<Response> command_route(const Config& config, const std::function<pqxx::connection&()>& db,
                                      std::string_view method, const std::string& path,
                                      const std::map<std::string, std::string>& query, const std::string& body);

// The HTTP response for a command's result envelope (pure; unit-tested).
Response command_response(const envelope::Envelope& result);

} // namespace recarga::manager::api
