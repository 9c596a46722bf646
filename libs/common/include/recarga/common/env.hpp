// Reading configuration from environment variables, with typed defaults. Both services take every
// setting from RECARGA_* variables (overridable on the command line); see docs/configuration.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace recarga::common {

std::string env_string(const char* name, std::string_view fallback);
std::int64_t env_int(const char* name, std::int64_t fallback);
bool env_bool(const char* name, bool fallback);

} // namespace recarga::common

namespace recarga::common {

// "<prefix>-<hostname>-<pid>": a default instance id that is unique per running process.
std::string default_instance_id(std::string_view prefix);

} // namespace recarga::common
