#include "domain/registration.hpp"

namespace recarga::manager {

BootDecision decide_boot(const std::optional<std::string>& known_status, const std::string& unknown_station_status,
                         std::int64_t heartbeat_interval_s, std::int64_t retry_interval_s) {
    BootDecision d;
    d.register_station = !known_status && unknown_station_status != "Rejected";
    d.status = known_status ? *known_status : unknown_station_status;
    if (d.status != "Accepted" && d.status != "Pending") {
        d.status = "Rejected";
    }
    d.interval_s = d.status == "Accepted" ? heartbeat_interval_s : retry_interval_s;
    return d;
}

} // namespace recarga::manager
