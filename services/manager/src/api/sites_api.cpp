#include "api/sites_api.hpp"

#include "load/load_manager.hpp"
#include "store/smart_charging_store.hpp"

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

namespace recarga::manager::api {

namespace json = boost::json;

namespace {

Response ok(int status, const json::value& v) {
    return {status, json::serialize(v)};
}

Response site_not_found(const std::string& id) {
    return problem(404, "not-found", "Site not found", "no site with id " + id);
}

json::value opt_json(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

std::string_view kind_name(smart::SiteLimit::Kind k) {
    return k == smart::SiteLimit::Kind::Power ? "Power" : "CurrentPerPhase";
}

smart::SiteLimit::Kind kind_of(std::string_view name) {
    return name == "Power" ? smart::SiteLimit::Kind::Power : smart::SiteLimit::Kind::CurrentPerPhase;
}

json::object site_json(const Site& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"parentId", opt_json(s.parent_id)},
            {"limitKind", kind_name(s.limit.kind)},
            {"limitValue", s.limit.value},
            {"voltage", s.limit.voltage},
            {"fallbackLimitMa", s.fallback_limit_ma},
            {"createdAt", s.created_at},
            {"updatedAt", s.updated_at}};
}

json::object member_json(const SiteStation& s) {
    return {{"siteId", s.site_id}, {"stationId", s.station_id}, {"evseMaxMa", s.evse_max_ma},
            {"minMa", s.min_ma},   {"phases", s.phases},        {"priority", s.priority}};
}

// Members of a validated body (the spec validator has checked types and ranges).
std::optional<std::int64_t> opt_int(const json::object& o, std::string_view key) {
    auto* v = o.if_contains(key);
    return v && v->is_int64() ? std::optional<std::int64_t>(v->get_int64()) : std::nullopt;
}

void share_again(Call& c, const std::string& site) {
    LoadManager::shared(c.config).site_changed(site);
}

} // namespace

Response list_sites(Call& c) {
    auto limit_param = c.req.query.find("limit");
    const long limit = limit_param == c.req.query.end() ? 50 : std::stol(limit_param->second); // 1..500 checked
    std::optional<std::string> cursor;
    if (auto it = c.req.query.find("cursor"); it != c.req.query.end())
        cursor = it->second;
    pqxx::read_transaction tx(c.db);
    auto rows = PgSiteStore(tx).list(cursor, limit + 1);
    json::array items;
    for (std::size_t i = 0; i < rows.size() && static_cast<long>(i) < limit; ++i)
        items.push_back(site_json(rows[i]));
    json::value next = nullptr;
    if (static_cast<long>(rows.size()) > limit)
        next = json::value(rows[static_cast<std::size_t>(limit - 1)].id);
    return ok(200, json::object{{"items", std::move(items)}, {"nextCursor", next}});
}

Response create_site(Call& c) {
    const auto& body = c.body.as_object();
    Site s;
    s.id = std::string(body.at("id").as_string());
    s.name = std::string(body.at("name").as_string());
    if (auto* p = body.if_contains("parentId"); p && p->is_string())
        s.parent_id = std::string(p->as_string());
    s.limit.kind = kind_of(body.at("limitKind").as_string());
    s.limit.value = body.at("limitValue").as_int64();
    s.limit.voltage = static_cast<int>(opt_int(body, "voltage").value_or(230));
    s.fallback_limit_ma = opt_int(body, "fallbackLimitMa").value_or(6000);
    c.resource = "sites/" + s.id;
    PgSiteStore store(*c.tx);
    if (store.create(s) != SiteWrite::Done) {
        return problem(409, "conflict", "Site not created",
                       "a site " + s.id + " exists" + (s.parent_id ? ", or no site " + *s.parent_id : ""));
    }
    auto res = ok(201, site_json(*store.get(s.id)));
    res.headers.emplace_back("Location", "/api/v1/sites/" + s.id);
    return res;
}

Response get_site(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto site = PgSiteStore(tx).get(c.params.at("siteId"));
    return site ? ok(200, site_json(*site)) : site_not_found(c.params.at("siteId"));
}

Response update_site(Call& c) {
    const auto& id = c.params.at("siteId");
    const auto& body = c.body.as_object();
    c.resource = "sites/" + id;
    PgSiteStore store(*c.tx);
    auto site = store.get(id);
    if (!site)
        return site_not_found(id);
    if (auto* v = body.if_contains("name"))
        site->name = std::string(v->as_string());
    if (auto* v = body.if_contains("parentId"))
        site->parent_id = v->is_string() ? std::optional<std::string>(std::string(v->as_string())) : std::nullopt;
    if (auto* v = body.if_contains("limitKind"))
        site->limit.kind = kind_of(v->as_string());
    if (auto v = opt_int(body, "limitValue"))
        site->limit.value = *v;
    if (auto v = opt_int(body, "voltage"))
        site->limit.voltage = static_cast<int>(*v);
    if (auto v = opt_int(body, "fallbackLimitMa"))
        site->fallback_limit_ma = *v;
    if (store.update(*site) != SiteWrite::Done) {
        return problem(409, "conflict", "Site not changed",
                       "the parent does not exist or is the site itself or below it");
    }
    share_again(c, id);
    return ok(200, site_json(*store.get(id)));
}

Response delete_site(Call& c) {
    const auto& id = c.params.at("siteId");
    c.resource = "sites/" + id;
    if (PgSiteStore(*c.tx).remove(id) != SiteWrite::Done)
        return site_not_found(id);
    return {204, ""};
}

Response list_site_stations(Call& c) {
    const auto& id = c.params.at("siteId");
    pqxx::read_transaction tx(c.db);
    PgSiteStore store(tx);
    if (!store.get(id))
        return site_not_found(id);
    json::array items;
    for (const auto& m : store.stations(id))
        items.push_back(member_json(m));
    return ok(200, json::object{{"items", std::move(items)}, {"nextCursor", nullptr}});
}

Response put_site_station(Call& c) {
    const auto& site = c.params.at("siteId");
    const auto& station = c.params.at("stationId");
    const auto& body = c.body.as_object();
    c.resource = "sites/" + site + "/stations/" + station;
    SiteStation m{station, site};
    m.evse_max_ma = opt_int(body, "evseMaxMa").value_or(m.evse_max_ma);
    m.min_ma = opt_int(body, "minMa").value_or(m.min_ma);
    m.phases = static_cast<int>(opt_int(body, "phases").value_or(m.phases));
    m.priority = static_cast<int>(opt_int(body, "priority").value_or(m.priority));
    if (m.min_ma > m.evse_max_ma) {
        return problem(400, "invalid-body", "Invalid body", "minMa must not be above evseMaxMa");
    }
    PgSiteStore store(*c.tx);
    if (store.assign(m) != SiteWrite::Done) {
        return problem(404, "not-found", "Not found", "no site " + site + " or no station " + station);
    }
    share_again(c, site);
    return ok(200, member_json(m));
}

Response remove_site_station(Call& c) {
    const auto& site = c.params.at("siteId");
    const auto& station = c.params.at("stationId");
    c.resource = "sites/" + site + "/stations/" + station;
    if (PgSiteStore(*c.tx).unassign(site, station) != SiteWrite::Done) {
        return problem(404, "not-found", "Not found", "station " + station + " is not on site " + site);
    }
    share_again(c, site);
    return {204, ""};
}

Response get_site_allocation(Call& c) {
    const auto& id = c.params.at("siteId");
    pqxx::read_transaction tx(c.db);
    PgSiteStore store(tx);
    auto site = store.get(id);
    if (!site)
        return site_not_found(id);
    json::array items;
    for (const auto& a : store.allocation(id)) {
        items.push_back(json::object{{"stationId", a.station_id},
                                     {"evseId", a.evse_id},
                                     {"transactionId", a.transaction_id},
                                     {"limitMa", a.limit_ma},
                                     {"reason", a.reason},
                                     {"status", a.status},
                                     {"profileId", a.profile_id ? json::value(*a.profile_id) : json::value(nullptr)},
                                     {"computedAt", a.computed_at}});
    }
    return ok(200, json::object{{"siteId", id},
                                {"limitKind", kind_name(site->limit.kind)},
                                {"limitValue", site->limit.value},
                                {"items", std::move(items)}});
}

} // namespace recarga::manager::api
