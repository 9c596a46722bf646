// Boot policy: which registration status a station gets when it boots, and the interval that goes with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace recarga::manager {

struct BootDecision {
    std::string status;       // "Accepted", "Pending" or "Rejected"
    std::int64_t interval_s;  // heartbeat interval when Accepted, retry interval otherwise
    bool register_station;    // the station is unknown and is to be registered with `status`
};

// `known_status`: the station's stored registration status, or nullopt for an unknown station.
// `unknown_station_status`: "Accepted" or "Pending" registers unknown stations; "Rejected" refuses them.
BootDecision decide_boot(const std::optional<std::string>& known_status, const std::string& unknown_station_status,
                         std::int64_t heartbeat_interval_s, std::int64_t retry_interval_s);

} // namespace recarga::manager
