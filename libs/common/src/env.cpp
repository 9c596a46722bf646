#include "recarga/common/env.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace recarga::common {

std::string env_string(const char* name, std::string_view fallback) {
    const char* v = std::getenv(name);
    return v != nullptr ? std::string(v) : std::string(fallback);
}

std::int64_t env_int(const char* name, std::int64_t fallback) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        return fallback;
    }
    try {
        std::size_t used = 0;
        auto n = std::stoll(v, &used);
        if (used != std::string(v).size()) {
            throw std::invalid_argument("trailing characters");
        }
        return n;
    } catch (const std::exception&) {
        throw std::runtime_error(std::string("environment variable ") + name + " must be an integer, got '" + v + "'");
    }
}

bool env_bool(const char* name, bool fallback) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        return fallback;
    }
    std::string s(v);
    if (s == "1" || s == "true" || s == "yes" || s == "on") {
        return true;
    }
    if (s == "0" || s == "false" || s == "no" || s == "off") {
        return false;
    }
    throw std::runtime_error(std::string("environment variable ") + name + " must be a boolean, got '" + s + "'");
}

} // namespace recarga::common

#include <unistd.h>

namespace recarga::common {

std::string default_instance_id(std::string_view prefix) {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) {
        std::strcpy(host, "localhost");
    }
    return std::string(prefix) + "-" + host + "-" + std::to_string(getpid());
}

} // namespace recarga::common
