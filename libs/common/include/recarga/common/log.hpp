// Process-wide logging set-up (spdlog). Services log one line per event, with key=value pairs that
// include the station id and trace id where there is one.
#pragma once

#include <string_view>

namespace recarga::common {

// Configures the default logger: level from `level` ("trace" .. "off"), pattern with the service name.
void init_logging(std::string_view service, std::string_view level);

} // namespace recarga::common
