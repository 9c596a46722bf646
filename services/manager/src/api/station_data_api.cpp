#include "api/station_data_api.hpp"

#include "api/paging.hpp"
#include "store/station_data_store.hpp"

#include <pqxx/pqxx>

namespace recarga::manager::api {

namespace {

Response no_station(const std::string& id) {
    return problem(404, "not-found", "Station not found", "no station with id " + id);
}

} // namespace

Response list_station_variables(Call& c) {
    const auto& station = c.params.at("stationId");
    VariableFilter f;
    const long limit = query_long(c, "limit", 1000);
    f.limit = limit + 1;
    f.component = query_param(c, "component");
    if (auto cursor = query_param(c, "cursor")) {
        f.after = decode_cursor(*cursor, 7);
        if (!f.after || !parse_int(f.after->at(2)) || !parse_int(f.after->at(3))) {
            return invalid_cursor();
        }
    }
    pqxx::read_transaction tx(c.db);
    PgStationDataStore store(tx);
    if (!store.station_exists(station)) {
        return no_station(station);
    }
    return json_page(store.variables(station, f), limit);
}

Response list_station_status_events(Call& c) {
    const auto& station = c.params.at("stationId");
    StatusEventFilter f;
    const long limit = query_long(c, "limit", 50);
    f.limit = limit + 1;
    if (auto evse = query_param(c, "evseId")) {
        f.evse_id = static_cast<int>(*parse_int(*evse)); // the spec: 0 to 10000
    }
    if (auto cursor = query_param(c, "cursor")) {
        auto parts = decode_cursor(*cursor, 2);
        auto us = parts ? parse_int(parts->at(0)) : std::nullopt;
        auto id = parts ? parse_int(parts->at(1)) : std::nullopt;
        if (!us || !id) {
            return invalid_cursor();
        }
        f.before = std::make_pair(*us, *id);
    }
    pqxx::read_transaction tx(c.db);
    PgStationDataStore store(tx);
    if (!store.station_exists(station)) {
        return no_station(station);
    }
    return json_page(store.status_events(station, f), limit);
}

} // namespace recarga::manager::api
