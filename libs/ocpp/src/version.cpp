#include "recarga/ocpp/version.hpp"

#include <array>

namespace recarga::ocpp {

std::string_view subprotocol(Version v) noexcept {
    switch (v) {
    case Version::v16:
        return "ocpp1.6";
    case Version::v201:
        return "ocpp2.0.1";
    case Version::v21:
        return "ocpp2.1";
    }
    return "";
}

std::optional<Version> version_from_subprotocol(std::string_view token) noexcept {
    for (auto v : {Version::v16, Version::v201, Version::v21}) {
        if (subprotocol(v) == token) {
            return v;
        }
    }
    return std::nullopt;
}

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}
} // namespace

std::optional<Version> negotiate_subprotocol(std::string_view offered, bool v16, bool v201, bool v21) noexcept {
    bool seen[3] = {false, false, false};
    while (!offered.empty()) {
        auto comma = offered.find(',');
        auto token = trim(offered.substr(0, comma));
        if (auto v = version_from_subprotocol(token)) {
            seen[static_cast<int>(*v)] = true;
        }
        offered = comma == std::string_view::npos ? std::string_view{} : offered.substr(comma + 1);
    }
    if (seen[2] && v21) {
        return Version::v21;
    }
    if (seen[1] && v201) {
        return Version::v201;
    }
    if (seen[0] && v16) {
        return Version::v16;
    }
    return std::nullopt;
}

} // namespace recarga::ocpp
