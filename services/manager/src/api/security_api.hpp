// REST resource for a station's security settings (api/openapi.yaml: PUT /api/v1/stations/{stationId}/security):
// the security profile it must connect with and its HTTP Basic password, stored as an argon2id hash.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <pqxx/connection>

#include "api/stations_api.hpp"

namespace recarga::manager::api {

// Handles `path` when it is a security resource; nullopt otherwise.
std::optional<Response> security_route(const std::function<pqxx::connection&()>& db, std::string_view method,
                                       const std::string& path, const std::string& body);

} // namespace recarga::manager::api
