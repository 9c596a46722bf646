#include "store/station_owner.hpp"

#include <pqxx/result>

namespace recarga::manager {

std::optional<StationOwner> station_owner(pqxx::transaction_base& tx, const std::string& station) {
    auto rows = tx.exec_params("SELECT connected, coalesce(gateway_id, ''), coalesce(connection_id, 0), "
                               "coalesce(protocol, ''), "
                               "coalesce((extract(epoch FROM connection_changed_at) * 1000000)::bigint, 0) "
                               "FROM stations WHERE id = $1",
                               station);
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& r = rows[0];
    return StationOwner{r[0].as<bool>(), r[1].as<std::string>(), static_cast<std::uint64_t>(r[2].as<std::int64_t>()),
                        r[3].as<std::string>(), r[4].as<std::int64_t>()};
}

std::optional<envelope::Envelope> close_for_stale_owner(const std::optional<StationOwner>& owner,
                                                        const envelope::Envelope& connected) {
    if (!owner || !owner->connected || owner->gateway.empty() || owner->gateway == connected.gateway) {
        return std::nullopt; // nothing open elsewhere; the same gateway replaces its own connections
    }
    if (owner->changed_at_us > connected.at_us) {
        return std::nullopt; // this event is older than the connection on record
    }
    envelope::Envelope close;
    close.kind = envelope::Kind::Close;
    close.station = connected.station;
    close.gateway = owner->gateway;
    close.connection = owner->connection;
    close.error_description = "connected again on gateway " + connected.gateway;
    close.trace_id = connected.trace_id;
    close.at_us = envelope::now_us();
    return close;
}

} // namespace recarga::manager
