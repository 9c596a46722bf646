// Where a station's WebSocket is now: the gateway and connection that hold it (the owner record that
// connected/disconnected events keep current, docs/adr/0002-command-routing.md). Commands are routed by it,
// and a connect on another gateway closes the stale socket it names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/transaction_base>

#include "recarga/envelope/envelope.hpp"

namespace recarga::manager {

struct StationOwner {
    bool connected = false;
    std::string gateway;          // empty when the station never connected
    std::uint64_t connection = 0;
    std::string protocol;         // negotiated subprotocol of the last connection
    std::int64_t changed_at_us = 0;
};

std::optional<StationOwner> station_owner(pqxx::transaction_base& tx, const std::string& station);

// The Close envelope for the old owner when `connected` (an event from a gateway) supersedes a connection that
// another gateway still holds; nullopt when there is nothing to close. Pure: decided from the owner record.
std::optional<envelope::Envelope> close_for_stale_owner(const std::optional<StationOwner>& owner,
                                                        const envelope::Envelope& connected);

} // namespace recarga::manager
