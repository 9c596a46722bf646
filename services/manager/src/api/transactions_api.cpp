#include "api/transactions_api.hpp"

#include "api/paging.hpp"
#include "store/transaction_read_store.hpp"

#include <pqxx/pqxx>

namespace recarga::manager::api {

Response list_transactions(Call& c) {
    TransactionFilter f;
    const long limit = rows_to_show(c, 50);
    f.limit = limit + 1;
    if (auto cursor = query_param(c, "cursor")) {
        auto parts = decode_cursor(*cursor, 1);
        auto id = parts ? parse_int(parts->at(0)) : std::nullopt;
        if (!id) {
            return invalid_cursor();
        }
        f.before_id = *id;
    }
    f.station_id = query_param(c, "stationId");
    f.id_token = query_param(c, "idToken");
    if (auto status = query_param(c, "status")) {
        f.active = *status == "active";
    }
    f.started_from = query_param(c, "from");
    f.started_to = query_param(c, "to");
    pqxx::read_transaction tx(c.db);
    auto rows = PgTransactionReadStore(tx).list(f);
    return page_or_csv(c, kTransactionCsvHeader, rows, limit, "transactions.csv");
}

Response get_transaction(Call& c) {
    const auto& id = c.params.at("id");
    pqxx::read_transaction tx(c.db);
    auto json = PgTransactionReadStore(tx).get(*parse_int(id)); // the spec's pattern: 1 to 18 digits
    if (!json) {
        return problem(404, "not-found", "Transaction not found", "no transaction with id " + id);
    }
    return {200, std::move(*json)};
}

Response list_transaction_meter_values(Call& c) {
    const auto& id = c.params.at("id");
    MeterValueFilter f;
    const long limit = rows_to_show(c, 1000);
    f.limit = limit + 1;
    if (auto cursor = query_param(c, "cursor")) {
        auto parts = decode_cursor(*cursor, 4);
        auto us = parts ? parse_int(parts->at(0)) : std::nullopt;
        if (!us) {
            return invalid_cursor();
        }
        f.after_us = *us;
        f.after_key.assign(parts->begin() + 1, parts->end());
    }
    f.from = query_param(c, "from");
    f.to = query_param(c, "to");
    f.measurand = query_param(c, "measurand");
    pqxx::read_transaction tx(c.db);
    auto rows = PgTransactionReadStore(tx).meter_values(*parse_int(id), f);
    if (!rows) {
        return problem(404, "not-found", "Transaction not found", "no transaction with id " + id);
    }
    return page_or_csv(c, kMeterValueCsvHeader, *rows, limit, "transaction-" + id + "-meter-values.csv");
}

} // namespace recarga::manager::api
