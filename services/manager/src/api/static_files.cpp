#include "api/static_files.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include <spdlog/spdlog.h>

namespace recarga::manager::api {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

constexpr std::string_view kUnknownType = "application/octet-stream";

std::optional<std::string> read_file(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
        return std::nullopt;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool has_prefix_segment(std::string_view path, std::string_view prefix) {
    return path == prefix || (path.starts_with(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

} // namespace

std::string_view content_type_for(std::string_view file_name) {
    auto slash = file_name.rfind('/');
    auto base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
    auto dot = base.rfind('.');
    if (dot == std::string_view::npos) {
        return kUnknownType;
    }
    auto ext = base.substr(dot);
    for (const auto& [e, type] : kTypes) {
        if (ext.size() == e.size() && std::equal(ext.begin(), ext.end(), e.begin(), [](char a, char b) {
                return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
            })) {
            return type;
        }
    }
    return kUnknownType;
}

bool is_server_path(std::string_view path) {
    return has_prefix_segment(path, "/api") || has_prefix_segment(path, "/health") ||
           has_prefix_segment(path, "/metrics");
}

std::optional<std::string> relative_file(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return std::nullopt;
    }
    std::string rel(path.substr(1));
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) {
        return std::nullopt;
    }
    std::size_t start = 0;
    while (start <= rel.size()) {
        auto end = rel.find('/', start);
        auto segment = std::string_view(rel).substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (segment == ".." || segment == ".") {
            return std::nullopt;
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return rel;
}

std::string default_web_root() {
    if (const char* env = std::getenv("RECARGA_WEB_ROOT")) {
        return env;
    }
#ifdef RECARGA_DEFAULT_WEB_ROOT
    std::error_code ec;
    if (fs::is_regular_file(fs::path(RECARGA_DEFAULT_WEB_ROOT) / "index.html", ec)) {
        return RECARGA_DEFAULT_WEB_ROOT;
    }
#endif
    return "";
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {
    if (root_.empty()) {
        spdlog::info("web console not served (no build found; set RECARGA_WEB_ROOT or run npm run build in web/)");
    } else {
        spdlog::info("web console served at / from {}", root_);
    }
}

std::optional<Response> StaticFiles::serve(std::string_view method, std::string_view path) const {
    if (root_.empty() || method != "GET" || is_server_path(path)) {
        return std::nullopt;
    }
    auto rel = relative_file(path);
    if (!rel) {
        return problem(404, "not-found", "Not found", "no such resource");
    }
    const fs::path root(root_);
    if (!rel->empty() && rel->back() != '/') {
        if (auto body = read_file(root / *rel)) {
            return Response{200, std::move(*body), std::string(content_type_for(*rel))};
        }
        // A missing asset stays a 404 rather than becoming the HTML page.
        if (rel->starts_with("assets/") || content_type_for(*rel) != kUnknownType) {
            return std::nullopt;
        }
    }
    // Any other path is a route of the console (e.g. /stations/CP-1): its page is index.html.
    if (auto index = read_file(root / "index.html")) {
        return Response{200, std::move(*index), std::string(content_type_for("index.html"))};
    }
    return std::nullopt;
}

} // namespace recarga::manager::api
