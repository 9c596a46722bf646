#include "api/tariffs_api.hpp"

#include "api/accounts_api.hpp"
#include "api/object_page.hpp"
#include "api/paging.hpp"
#include "billing/billing_loop.hpp"
#include "billing/tariff_json.hpp"
#include "store/tariff_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <pqxx/pqxx>

namespace recarga::manager::api {

namespace json = boost::json;

namespace {

Response ok(int status, const json::value& v) {
    return {status, json::serialize(v)};
}

json::value opt_json(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value opt_json(const std::optional<int>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value opt_decimal(const std::optional<Decimal>& d) {
    return d ? json::value(d->to_string()) : json::value(nullptr);
}

json::object tariff_json(const TariffRecord& r) {
    const auto& t = r.tariff;
    return {{"id", t.id},
            {"version", t.version},
            {"name", r.name},
            {"currency", t.currency.code},
            {"vatPercent", t.vat_percent.to_string()},
            {"flatFee", t.flat_fee.to_string()},
            {"minimum", opt_decimal(t.minimum)},
            {"maximum", opt_decimal(t.maximum)},
            {"utcOffsetMinutes", t.utc_offset_minutes},
            {"timeZone", t.time_zone.empty() ? json::value(nullptr) : json::value(t.time_zone)},
            {"elements", billing::elements_to_json(t.elements)},
            {"createdAt", r.created_at},
            {"createdBy", opt_json(r.created_by)}};
}

json::object assignment_json(const TariffAssignment& a) {
    return {{"id", std::to_string(a.id)},
            {"tariffId", a.tariff_id},
            {"stationId", opt_json(a.station_id)},
            {"evseId", opt_json(a.evse_id)},
            {"idTokenGroup", opt_json(a.id_token_group)},
            {"createdAt", a.created_at}};
}

std::optional<long long> parse_id(const std::string& text) {
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v < 1) {
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> actor(const Call& c) {
    return c.principal ? std::optional<std::string>(c.principal->name) : std::nullopt;
}

// Writes a tariff version from the request body: create (POST, id in the body) or update (PUT, id in the path).
Response write_tariff(Call& c, std::string id, bool create) {
    const auto& body = c.body.as_object();
    auto parsed = billing::tariff_from_body(body, id, 1);
    if (auto* why = std::get_if<std::string>(&parsed)) {
        return problem(422, "invalid-tariff", "Invalid tariff", *why);
    }
    const auto* name = body.if_contains("name");
    PgTariffStore store(*c.tx);
    if (const auto& zone = std::get<Tariff>(parsed).time_zone; !zone.empty() && !store.known_time_zone(zone)) {
        return problem(422, "invalid-tariff", "Invalid tariff", "unknown time zone " + zone);
    }
    auto version = store.insert(std::get<Tariff>(parsed),
                                name != nullptr && name->is_string() ? std::string(name->get_string()) : std::string(),
                                actor(c), create);
    c.resource = "tariffs/" + id;
    if (!version) {
        return create ? problem(409, "conflict", "Tariff exists", "a tariff " + id + " exists; PUT a new version")
                      : problem(404, "not-found", "Tariff not found", "no tariff " + id);
    }
    auto res = ok(create ? 201 : 200, tariff_json(*store.get(id, *version)));
    if (create) {
        res.headers.emplace_back("Location", "/api/v1/tariffs/" + id);
    }
    return res;
}

} // namespace

Response list_tariffs(Call& c) {
    const long limit = page_limit(c);
    pqxx::read_transaction tx(c.db);
    auto rows = PgTariffStore(tx).list_latest(query_param(c, "cursor"), limit + 1);
    return object_page(
        rows, limit, [](const TariffRecord& r) { return r.tariff.id; }, &tariff_json);
}

Response create_tariff(Call& c) {
    return write_tariff(c, std::string(c.body.as_object().at("id").as_string()), true);
}

Response update_tariff(Call& c) {
    return write_tariff(c, c.params.at("tariffId"), false);
}

Response get_tariff(Call& c) {
    std::optional<int> version;
    if (auto v = c.req.query.find("version"); v != c.req.query.end()) {
        version = std::stoi(v->second); // the spec validator has checked it is an integer >= 1
    }
    pqxx::read_transaction tx(c.db);
    auto t = PgTariffStore(tx).get(c.params.at("tariffId"), version);
    if (!t) {
        return problem(404, "not-found", "Tariff not found", "no such tariff or version");
    }
    return ok(200, tariff_json(*t));
}

Response list_tariff_versions(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto rows = PgTariffStore(tx).versions(c.params.at("tariffId"));
    if (rows.empty()) {
        return problem(404, "not-found", "Tariff not found", "no tariff " + c.params.at("tariffId"));
    }
    json::array items;
    for (const auto& r : rows) {
        items.push_back(tariff_json(r));
    }
    return ok(200, json::object{{"items", std::move(items)}, {"nextCursor", nullptr}});
}

Response list_tariff_assignments(Call& c) {
    auto station = c.req.query.find("stationId");
    pqxx::read_transaction tx(c.db);
    auto rows = PgTariffStore(tx).assignments(
        station == c.req.query.end() ? std::nullopt : std::optional<std::string>(station->second));
    json::array items;
    for (const auto& a : rows) {
        items.push_back(assignment_json(a));
    }
    return ok(200, json::object{{"items", std::move(items)}, {"nextCursor", nullptr}});
}

Response create_tariff_assignment(Call& c) {
    const auto& body = c.body.as_object();
    TariffAssignment a;
    a.tariff_id = std::string(body.at("tariffId").as_string());
    if (const auto* s = body.if_contains("stationId"); s != nullptr && s->is_string()) {
        a.station_id = std::string(s->get_string());
    }
    if (const auto* e = body.if_contains("evseId"); e != nullptr && e->is_int64()) {
        a.evse_id = static_cast<int>(e->get_int64());
    }
    if (const auto* g = body.if_contains("idTokenGroup"); g != nullptr && g->is_string()) {
        a.id_token_group = std::string(g->get_string());
    }
    if (a.evse_id && !a.station_id) {
        return problem(422, "invalid-assignment", "Invalid assignment", "an evseId needs its stationId");
    }
    PgTariffStore store(*c.tx);
    if (!store.get(a.tariff_id, std::nullopt)) {
        return problem(422, "invalid-assignment", "Invalid assignment", "no tariff " + a.tariff_id);
    }
    if (a.station_id && c.tx->exec_params("SELECT 1 FROM stations WHERE id = $1", *a.station_id).empty()) {
        return problem(422, "invalid-assignment", "Invalid assignment", "no station " + *a.station_id);
    }
    auto created = store.assign(a);
    c.resource = "tariff-assignments/" + std::to_string(created.id);
    return ok(201, assignment_json(created));
}

Response delete_tariff_assignment(Call& c) {
    auto id = parse_id(c.params.at("assignmentId"));
    c.resource = "tariff-assignments/" + c.params.at("assignmentId");
    if (!id || !PgTariffStore(*c.tx).unassign(*id)) {
        return problem(404, "not-found", "Assignment not found", "no assignment " + c.params.at("assignmentId"));
    }
    return {204, ""};
}

Response get_transaction_cost(Call& c) {
    auto id = parse_id(c.params.at("transactionId"));
    if (!id) {
        return problem(404, "not-found", "Transaction not found", "no transaction " + c.params.at("transactionId"));
    }
    pqxx::read_transaction tx(c.db);
    auto row =
        tx.exec_params("SELECT pricing_state, tariff_id, tariff_version, cost_breakdown::text, state, payment_state, "
                       "payment_error, payment_attempts "
                       "FROM transactions WHERE id = $1",
                       *id);
    if (row.empty()) {
        return problem(404, "not-found", "Transaction not found", "no transaction " + c.params.at("transactionId"));
    }
    const auto& r = row[0];
    json::object out{{"transactionId", std::to_string(*id)},
                     {"pricingState", r[0].is_null() ? "pending" : r[0].c_str()},
                     {"tariffId", r[1].is_null() ? json::value(nullptr) : json::value(r[1].c_str())},
                     {"tariffVersion", r[2].is_null() ? json::value(nullptr) : json::value(r[2].as<int>())},
                     {"final", !r[3].is_null()},
                     {"cost", nullptr},
                     {"payment",
                      {{"state", r[5].is_null() ? "pending" : r[5].c_str()},
                       {"error", r[6].is_null() ? json::value(nullptr) : json::value(r[6].c_str())},
                       {"attempts", r[7].as<int>()}}}};
    // The card hold of the transaction, if it has one (billing/card_processor.hpp).
    auto hold = tx.exec_params("SELECT reference, amount::text, currency, state, captured::text FROM payment_holds "
                               "WHERE transaction_pk = $1",
                               *id);
    json::value hold_json = nullptr;
    if (!hold.empty()) {
        const auto c = currency(hold[0][2].c_str()).value_or(Currency{hold[0][2].as<std::string>(), 2});
        auto amount = [&](const pqxx::field& f) {
            return f.is_null() ? json::value(nullptr)
                               : json::value(format_amount(
                                     {to_minor_units(Decimal::parse(f.c_str()).value_or(Decimal{}), c), c}));
        };
        hold_json = json::object{{"reference", hold[0][0].c_str()}, {"amount", amount(hold[0][1])},
                                 {"currency", c.code},               {"state", hold[0][3].c_str()},
                                 {"captured", amount(hold[0][4])}};
    }
    out["payment"].as_object()["hold"] = std::move(hold_json);
    if (!r[3].is_null()) {
        out["cost"] = json::parse(r[3].c_str()); // the final price, as written once by the billing loop
    } else if (auto running = billing::current_cost(tx, *id)) {
        out["cost"] = billing::breakdown_to_json(*running);
    }
    return ok(200, out);
}

} // namespace recarga::manager::api
