#include "store/event_store.hpp"

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

namespace recarga::manager {

void PgEventStore::record(const envelope::Envelope& call) {
    tx_.exec_params("INSERT INTO station_events (station_id, action, protocol, message_id, trace_id, payload) "
                    "VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT DO NOTHING",
                    call.station, call.action, call.protocol, call.message_id, call.trace_id,
                    boost::json::serialize(call.payload));
}

} // namespace recarga::manager
