#include "recarga/common/log.hpp"

#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace recarga::common {

void init_logging(std::string_view service, std::string_view level) {
    auto logger = spdlog::stderr_color_mt(std::string(service));
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %^%l%$ %n %v", spdlog::pattern_time_type::utc);
    logger->set_level(spdlog::level::from_str(std::string(level)));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

} // namespace recarga::common
