// Station identities taken from the connection URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace recarga::gateway {

// Extracts and validates the station id from a request target "<prefix><id>". The id is percent-decoded;
// it must be 1..48 characters from [A-Za-z0-9] and "-_.~:@+*" (OCPP 2.0.1 limits the identity to 48
// characters of printable ASCII; we keep the characters every station vendor uses and reject the rest).
std::optional<std::string> station_id_from_target(std::string_view target, std::string_view prefix);

} // namespace recarga::gateway
