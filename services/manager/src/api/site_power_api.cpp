#include "api/site_power_api.hpp"

#include "api/paging.hpp"
#include "domain/site_power.hpp"
#include "store/site_power_store.hpp"
#include "store/smart_charging_store.hpp"

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

namespace recarga::manager::api {

namespace json = boost::json;

Response get_site_power(Call& c) {
    const auto& id = c.params.at("siteId");
    pqxx::read_transaction tx(c.db);
    auto site = PgSiteStore(tx).get(id);
    if (!site)
        return problem(404, "not-found", "Site not found", "no site with id " + id);
    // from and to are RFC 3339 (checked by the spec); PostgreSQL reads them. Default: the last hour up to now.
    std::optional<std::int64_t> from_s;
    std::int64_t to_s = 0;
    try {
        auto row = tx.exec_params1("SELECT floor(extract(epoch FROM $1::timestamptz))::bigint, "
                                   "  ceil(extract(epoch FROM coalesce($2::timestamptz, now())))::bigint",
                                   query_param(c, "from"), query_param(c, "to"));
        if (!row[0].is_null())
            from_s = row[0].as<std::int64_t>();
        to_s = row[1].as<std::int64_t>();
    } catch (const pqxx::data_exception&) {
        return problem(400, "invalid-parameter", "Invalid parameter", "from or to is not a valid time");
    }
    auto window = power_window(from_s, to_s, query_long(c, "bucket", kDefaultPowerBucketSeconds));
    if (auto* why = std::get_if<std::string>(&window))
        return problem(400, "invalid-parameter", "Invalid parameter", *why);
    const auto& w = std::get<PowerWindow>(window);
    json::array points;
    for (const auto& p : PgSitePowerStore(tx).power(id, w, site->limit.voltage)) {
        points.push_back(json::object{{"at", p.at},
                                      {"powerW", p.watts ? json::value(*p.watts) : json::value(nullptr)},
                                      {"stations", p.stations},
                                      {"source", p.source ? json::value(*p.source) : json::value(nullptr)}});
    }
    const auto iso = tx.exec_params1("SELECT iso_utc(to_timestamp($1::bigint)), iso_utc(to_timestamp($2::bigint))",
                                     w.from_s, w.to_s);
    json::object body{{"siteId", id},
                      {"from", iso[0].c_str()},
                      {"to", iso[1].c_str()},
                      {"bucketSeconds", w.bucket_s},
                      {"limitKind", site->limit.kind == smart::SiteLimit::Kind::Power ? "Power" : "CurrentPerPhase"},
                      {"limitValue", site->limit.value},
                      {"limitW", limit_watts(site->limit)},
                      {"points", std::move(points)}};
    return {200, json::serialize(body)};
}

} // namespace recarga::manager::api
