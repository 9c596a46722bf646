// Serves the web console's production build (web/dist) at "/": static files with their content types, and
// index.html for every other GET path, so that the console's client-side routes load on a reload. It never
// answers for the server's own paths (/api, /health, /metrics): those stay with the API router.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/stations_api.hpp"

namespace recarga::manager::api {

// Content type by file name extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);

// True for the server's own paths, which the console must never shadow.
bool is_server_path(std::string_view path);

// The file a decoded URL path names, relative to the web root ("" for "/"); nullopt when the path could
// leave the root or is otherwise unsafe ("..", NUL, backslash).
std::optional<std::string> relative_file(std::string_view path);

// RECARGA_WEB_ROOT when set (set but empty: the console is not served), else the source tree's web/dist when
// it holds a build, else "" (not served).
std::string default_web_root();

class StaticFiles {
public:
    explicit StaticFiles(std::string root);
    // The answer to GET <path>; nullopt when the router should answer instead (other methods, the server's own
    // paths, no web root, a missing asset).
    std::optional<Response> serve(std::string_view method, std::string_view path) const;
    const std::string& root() const { return root_; }

private:
    std::string root_;
};

} // namespace recarga::manager::api
