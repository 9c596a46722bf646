// Site load management end to end: a site with a grid limit and three stations (two 1.6, one 2.0.1); as sessions
// start and stop, the manager recomputes the allocation and sends TxProfiles (SetChargingProfile) through the real
// gateway and broker; the limits the stations hold never add up to more than the site's limit. Also the stores of
// migration 0080 against the real PostgreSQL.
#include "api/spec_validator.hpp"
#include "harness.hpp"
#include "recarga/ocpp/validator.hpp"
#include "store/smart_charging_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <map>
#include <pqxx/pqxx>
#include <set>

namespace recarga::test {
namespace {

namespace json = boost::json;
namespace smart = recarga::manager::smart;
using namespace std::chrono_literals;

constexpr std::int64_t kSiteLimitMa = 40000;

class SmartCharging : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-smart");
        stack->start_manager();
        stack->start_gateway();
        db->scalar("INSERT INTO id_tokens (id_token, type, status) VALUES ('TAG-SC', 'ISO14443', 'Accepted')");
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    static std::unique_ptr<Station> boot(const std::string& id, const std::string& protocol) {
        auto st = std::make_unique<Station>(stack->gateway_port, "/ocpp/" + id, protocol);
        json::object payload =
            protocol == "ocpp1.6"
                ? json::object{{"chargePointVendor", "Recarga"}, {"chargePointModel", "SIM-16"}}
                : json::object{{"reason", "PowerUp"}, {"chargingStation", {{"vendorName", "Recarga"}, {"model", "X"}}}};
        auto a = st->call("boot", "BootNotification", payload);
        EXPECT_EQ(a[0].as_int64(), 3) << json::serialize(a);
        return st;
    }
    // An operator request; its answer must conform to api/openapi.yaml (`route` is the operation's path template).
    static HttpResult api(const std::string& method, const std::string& target, const std::string& route,
                          const std::string& body = "") {
        auto res =
            http_request(stack->http_port, method, target, body, {{"Authorization", "Bearer " + stack->admin_token}});
        auto error = manager::api::SpecValidator::embedded().check_response(method, route, res.status, res.body);
        EXPECT_FALSE(error) << method << " " << target << " -> " << res.status << ": " << *error << "\n" << res.body;
        return res;
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
};

struct Held {
    std::int64_t limit_ma = -1; // the session's TxProfile
    std::string transaction_id;
    std::int64_t fallback_ma = -1; // the station's TxDefaultProfile on evse 0
};

// Answers every SetChargingProfile the stations receive until none arrives for `quiet`; records the limit each holds
// and checks each payload against its version's schema.
void drain(std::map<std::string, std::pair<Station*, std::string>>& stations, std::map<std::string, Held>& held,
           std::chrono::milliseconds quiet = 2000ms) {
    auto last = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - last < quiet) {
        for (auto& [id, sp] : stations) {
            auto call = sp.first->read_call(100ms);
            if (!call)
                continue;
            last = std::chrono::steady_clock::now();
            ASSERT_EQ((*call)[2].as_string(), "SetChargingProfile");
            const auto& payload = (*call)[3];
            const bool v16 = sp.second == "ocpp1.6";
            EXPECT_FALSE(ocpp::SchemaValidator::instance().validate(v16 ? ocpp::Version::v16 : ocpp::Version::v201,
                                                                    "SetChargingProfile", ocpp::Direction::Request,
                                                                    payload))
                << json::serialize(payload);
            const auto& profile = v16 ? payload.at("csChargingProfiles") : payload.at("chargingProfile");
            const auto& schedule = v16 ? profile.at("chargingSchedule") : profile.at("chargingSchedule").at(0);
            EXPECT_EQ(schedule.at("chargingRateUnit").as_string(), "A");
            const double amps = schedule.at("chargingSchedulePeriod").at(0).at("limit").to_number<double>();
            const auto ma = static_cast<std::int64_t>(amps * 1000 + 0.5);
            sp.first->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
            if (profile.at("chargingProfilePurpose").as_string() == "TxDefaultProfile") {
                EXPECT_EQ(payload.at(v16 ? "connectorId" : "evseId").as_int64(), 0);
                held[id].fallback_ma = ma;
                continue;
            }
            EXPECT_EQ(profile.at("chargingProfilePurpose").as_string(), "TxProfile");
            held[id].limit_ma = ma;
            held[id].transaction_id = v16 ? std::to_string(profile.at("transactionId").as_int64())
                                          : std::string(profile.at("transactionId").as_string());
        }
    }
}

std::int64_t sum_held(const std::map<std::string, Held>& held, const std::set<std::string>& charging) {
    std::int64_t sum = 0;
    for (const auto& id : charging)
        sum += held.at(id).limit_ma;
    return sum;
}

TEST_F(SmartCharging, ASiteLimitIsHeldByProfilesSentTo16And201Stations) {
    auto a = boot("SC-A16", "ocpp1.6");
    auto b = boot("SC-B201", "ocpp2.0.1");
    auto c = boot("SC-C16", "ocpp1.6");
    auto created = api("POST", "/api/v1/sites", "/api/v1/sites",
                       R"({"id":"depot","name":"Depot","limitKind":"CurrentPerPhase","limitValue":)" +
                           std::to_string(kSiteLimitMa) + "}");
    ASSERT_EQ(created.status, 201) << created.body;
    for (const auto* id : {"SC-A16", "SC-B201", "SC-C16"}) {
        auto put = api("PUT", std::string("/api/v1/sites/depot/stations/") + id,
                       "/api/v1/sites/{siteId}/stations/{stationId}", "{}");
        ASSERT_EQ(put.status, 200) << put.body;
    }
    std::map<std::string, std::pair<Station*, std::string>> stations{
        {"SC-A16", {a.get(), "ocpp1.6"}}, {"SC-B201", {b.get(), "ocpp2.0.1"}}, {"SC-C16", {c.get(), "ocpp1.6"}}};
    std::map<std::string, Held> held;
    const std::string now = db->scalar("SELECT iso_utc(now())");
    // On the site, each station gets the site's fallback (6 A by default) as its default for new sessions.
    drain(stations, held);
    for (const auto* id : {"SC-A16", "SC-B201", "SC-C16"}) {
        EXPECT_EQ(held[id].fallback_ma, 6000) << id;
        EXPECT_EQ(held[id].limit_ma, -1) << id << ": no session yet";
    }

    // First session: alone on the site, it gets all its EVSE allows (32 A).
    auto started =
        a->call("s-a", "StartTransaction",
                json::object{{"connectorId", 1}, {"idTag", "TAG-SC"}, {"meterStart", 0}, {"timestamp", now}});
    ASSERT_EQ(started[0].as_int64(), 3);
    const auto tx_a = std::to_string(started[2].at("transactionId").as_int64());
    drain(stations, held);
    ASSERT_EQ(held["SC-A16"].limit_ma, 32000);
    EXPECT_EQ(held["SC-A16"].transaction_id, tx_a);

    // A 2.0.1 session joins: both get 20 A.
    auto ev =
        b->call("s-b", "TransactionEvent",
                json::parse(R"({"eventType":"Started","timestamp":")" + now +
                            R"(","triggerReason":"Authorized","seqNo":0,"transactionInfo":{"transactionId":"TX-B"},)"
                            R"("evse":{"id":1,"connectorId":1},"idToken":{"idToken":"TAG-SC","type":"ISO14443"}})"));
    ASSERT_EQ(ev[0].as_int64(), 3) << json::serialize(ev);
    drain(stations, held);
    EXPECT_EQ(held["SC-A16"].limit_ma, 20000);
    EXPECT_EQ(held["SC-B201"].limit_ma, 20000);
    EXPECT_EQ(held["SC-B201"].transaction_id, "TX-B");

    // A third: 13.3 A each (rounded down to 0.1 A), under the 40 A limit.
    started = c->call("s-c", "StartTransaction",
                      json::object{{"connectorId", 1}, {"idTag", "TAG-SC"}, {"meterStart", 0}, {"timestamp", now}});
    ASSERT_EQ(started[0].as_int64(), 3);
    drain(stations, held);
    for (const auto* id : {"SC-A16", "SC-B201", "SC-C16"})
        EXPECT_EQ(held[id].limit_ma, 13300) << id;
    EXPECT_LE(sum_held(held, {"SC-A16", "SC-B201", "SC-C16"}), kSiteLimitMa);

    // The 2.0.1 session ends: the two left get 20 A again.
    ev = b->call("e-b", "TransactionEvent",
                 json::parse(R"({"eventType":"Ended","timestamp":")" + now +
                             R"(","triggerReason":"EVDeparted","seqNo":1,"transactionInfo":{"transactionId":"TX-B",)"
                             R"("stoppedReason":"EVDisconnected"}})"));
    ASSERT_EQ(ev[0].as_int64(), 3) << json::serialize(ev);
    drain(stations, held);
    EXPECT_EQ(held["SC-A16"].limit_ma, 20000);
    EXPECT_EQ(held["SC-C16"].limit_ma, 20000);
    EXPECT_LE(sum_held(held, {"SC-A16", "SC-C16"}), kSiteLimitMa);

    // What the manager stored and shows: the allocation in force, confirmed by the stations, and the profiles sent.
    auto alloc = api("GET", "/api/v1/sites/depot/allocation", "/api/v1/sites/{siteId}/allocation");
    ASSERT_EQ(alloc.status, 200) << alloc.body;
    auto items = json::parse(alloc.body).at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("stationId").as_string(), "SC-A16");
    EXPECT_EQ(items[0].at("transactionId").as_string(), tx_a);
    EXPECT_EQ(items[0].at("limitMa").as_int64(), 20000);
    EXPECT_EQ(items[0].at("reason").as_string(), "Shared");
    EXPECT_EQ(db->scalar("SELECT string_agg(station_id || ':' || limit_ma || ':' || status, ' ' ORDER BY station_id) "
                         "FROM site_allocations WHERE site_id = 'depot'"),
              "SC-A16:20000:Accepted SC-C16:20000:Accepted");
    EXPECT_EQ(db->scalar("SELECT string_agg(status || ' ' || purpose || ' ' || evse_id || ' ' || "
                         "(profile #>> '{schedule,periods,0,limit}'), ', ' ORDER BY purpose) FROM charging_profiles "
                         "WHERE station_id = 'SC-C16' AND source = 'Csms'"),
              "Accepted Tx 1 20, Accepted TxDefault 0 6");
}

TEST_F(SmartCharging, StoresKeepSitesStationsAndProfiles) {
    auto st = boot("SC-STORE", "ocpp2.0.1");
    pqxx::connection conn(db->url());
    {
        pqxx::work tx(conn);
        manager::PgSiteStore sites(tx);
        manager::Site site{"north", "North", std::nullopt, smart::SiteLimit::power_w(50000), 4000, "", ""};
        EXPECT_EQ(sites.create(site), manager::SiteWrite::Done);
        EXPECT_EQ(sites.create(site), manager::SiteWrite::Conflict);
        manager::Site feeder{"north-f1", "Feeder 1", "north", smart::SiteLimit::current_ma(63000), 6000, "", ""};
        EXPECT_EQ(sites.create(feeder), manager::SiteWrite::Done);
        site.parent_id = "north-f1"; // its own descendant: refused
        EXPECT_EQ(sites.update(site), manager::SiteWrite::Conflict);
        EXPECT_EQ(sites.assign({"SC-STORE", "north-f1", 16000, 6000, 1, 2}), manager::SiteWrite::Done);
        EXPECT_EQ(sites.assign({"NO-SUCH-STATION", "north-f1"}), manager::SiteWrite::NotFound);
        tx.commit();
    }
    {
        pqxx::work tx(conn);
        manager::PgSiteStore sites(tx);
        auto got = sites.get("north");
        ASSERT_TRUE(got);
        EXPECT_EQ(got->limit.kind, smart::SiteLimit::Kind::Power);
        EXPECT_EQ(got->limit.value, 50000);
        EXPECT_EQ(got->fallback_limit_ma, 4000);
        EXPECT_EQ(sites.get("north-f1")->parent_id, "north");
        EXPECT_EQ(sites.site_of("SC-STORE"), "north-f1");
        auto members = sites.stations("north-f1");
        ASSERT_EQ(members.size(), 1u);
        EXPECT_EQ(members[0].phases, 1);
        EXPECT_EQ(members[0].priority, 2);
        sites.replace_allocation("north-f1", {{"SC-STORE", 1, "T1", 16000, "EvseMax", 900001, "Pending", ""}});
        sites.set_allocation_status("north-f1", "SC-STORE", 1, "Accepted");
        auto alloc = sites.allocation("north-f1");
        ASSERT_EQ(alloc.size(), 1u);
        EXPECT_EQ(alloc[0].status, "Accepted");
        EXPECT_EQ(alloc[0].profile_id, 900001);

        manager::PgChargingProfileStore profiles(tx);
        smart::ChargingProfile p;
        p.id = 5;
        p.purpose = smart::Purpose::StationMax;
        p.kind = smart::Kind::Relative;
        p.schedule.unit = smart::RateUnit::W;
        p.schedule.periods = {{0, 110000, 3}};
        profiles.put({"SC-STORE", "Station", 0, p, "Reported", "EMS", ""});
        p.schedule.periods[0].limit_tenths = 70000; // the same id again replaces it
        profiles.put({"SC-STORE", "Station", 0, p, "Reported", "EMS", ""});
        auto stored = profiles.of_station("SC-STORE");
        ASSERT_EQ(stored.size(), 1u);
        EXPECT_EQ(stored[0].profile, p);
        EXPECT_EQ(stored[0].limit_source, "EMS");
        EXPECT_EQ(profiles.on_site("north-f1", "Station", 5).size(), 1u);
        EXPECT_TRUE(profiles.on_site("north-f1", "Csms", 5).empty());
        EXPECT_TRUE(profiles.on_site("north", "Station", 5).empty()) << "the station is on the feeder, not the site";
        profiles.forget_reported("SC-STORE", 0);
        EXPECT_TRUE(profiles.of_station("SC-STORE").empty());
        EXPECT_EQ(sites.remove("north"), manager::SiteWrite::Done);
        EXPECT_FALSE(sites.get("north-f1")) << "groups go with their site";
        EXPECT_FALSE(sites.site_of("SC-STORE"));
        tx.commit();
    }
}

TEST_F(SmartCharging, SitesApiCreatesChangesAndDeletes) {
    auto st = boot("SC-API", "ocpp1.6");
    const std::string site = R"({"id":"west","name":"West","limitKind":"Power","limitValue":22000})";
    auto r = api("POST", "/api/v1/sites", "/api/v1/sites", site);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.header("Location"), "/api/v1/sites/west");
    auto body = json::parse(r.body);
    EXPECT_EQ(body.at("voltage").as_int64(), 230);
    EXPECT_EQ(body.at("fallbackLimitMa").as_int64(), 6000);
    EXPECT_EQ(api("POST", "/api/v1/sites", "/api/v1/sites", site).status, 409);
    EXPECT_EQ(api("POST", "/api/v1/sites", "/api/v1/sites",
                  R"({"id":"w2","name":"W2","limitKind":"Power","limitValue":1,"parentId":"nowhere"})")
                  .status,
              409);
    EXPECT_EQ(api("POST", "/api/v1/sites", "/api/v1/sites", R"({"id":"bad id","name":"x","limitKind":"Power"})").status,
              400);
    r = api("POST", "/api/v1/sites", "/api/v1/sites",
            R"({"id":"west-f1","name":"Feeder","limitKind":"CurrentPerPhase","limitValue":63000,"parentId":"west"})");
    ASSERT_EQ(r.status, 201) << r.body;

    r = api("PATCH", "/api/v1/sites/west", "/api/v1/sites/{siteId}", R"({"limitValue":30000,"name":"West yard"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body).at("limitValue").as_int64(), 30000);
    EXPECT_EQ(api("PATCH", "/api/v1/sites/west", "/api/v1/sites/{siteId}", R"({"parentId":"west-f1"})").status, 409)
        << "its own descendant";
    EXPECT_EQ(api("PATCH", "/api/v1/sites/none", "/api/v1/sites/{siteId}", R"({"name":"x"})").status, 404);
    EXPECT_EQ(api("PATCH", "/api/v1/sites/west", "/api/v1/sites/{siteId}", "{}").status, 400);

    const std::string member = "/api/v1/sites/{siteId}/stations/{stationId}";
    EXPECT_EQ(api("PUT", "/api/v1/sites/west/stations/NO-SUCH", member, "{}").status, 404);
    EXPECT_EQ(api("PUT", "/api/v1/sites/west/stations/SC-API", member, R"({"minMa":20000,"evseMaxMa":16000})").status,
              400);
    r = api("PUT", "/api/v1/sites/west/stations/SC-API", member, R"({"evseMaxMa":16000,"phases":1,"priority":2})");
    ASSERT_EQ(r.status, 200) << r.body;
    // Its safe default arrives: the site's fallback as a TxDefaultProfile for the whole station.
    auto call = st->read_call(5s);
    ASSERT_TRUE(call);
    EXPECT_EQ((*call)[3].at("csChargingProfiles").at("chargingProfilePurpose").as_string(), "TxDefaultProfile");
    EXPECT_DOUBLE_EQ((*call)[3]
                         .at("csChargingProfiles")
                         .at("chargingSchedule")
                         .at("chargingSchedulePeriod")
                         .at(0)
                         .at("limit")
                         .to_number<double>(),
                     6.0);
    st->answer(std::string((*call)[1].as_string()), json::object{{"status", "Accepted"}});
    r = api("GET", "/api/v1/sites/west/stations", "/api/v1/sites/{siteId}/stations");
    ASSERT_EQ(r.status, 200) << r.body;
    auto members = json::parse(r.body).at("items").as_array();
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(members[0].at("evseMaxMa").as_int64(), 16000);
    EXPECT_EQ(members[0].at("phases").as_int64(), 1);
    EXPECT_EQ(members[0].at("minMa").as_int64(), 6000);

    r = api("GET", "/api/v1/sites?limit=1", "/api/v1/sites");
    ASSERT_EQ(r.status, 200) << r.body;
    auto page = json::parse(r.body);
    ASSERT_EQ(page.at("items").as_array().size(), 1u);
    ASSERT_TRUE(page.at("nextCursor").is_string());
    r = api("GET", "/api/v1/sites?limit=500&cursor=" + std::string(page.at("nextCursor").as_string()), "/api/v1/sites");
    EXPECT_NE(r.body.find("\"west\""), std::string::npos) << r.body;

    r = api("GET", "/api/v1/sites/west/allocation", "/api/v1/sites/{siteId}/allocation");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(json::parse(r.body).at("items").as_array().empty()) << "no session runs";
    EXPECT_EQ(api("DELETE", "/api/v1/sites/west/stations/SC-API", member).status, 204);
    EXPECT_EQ(api("DELETE", "/api/v1/sites/west/stations/SC-API", member).status, 404);
    EXPECT_EQ(api("DELETE", "/api/v1/sites/west", "/api/v1/sites/{siteId}").status, 204);
    EXPECT_EQ(api("GET", "/api/v1/sites/west-f1", "/api/v1/sites/{siteId}").status, 404);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE path = '/api/v1/sites/west' AND method = 'DELETE'"),
              "1");
}

// K09: what a station reports in ReportChargingProfiles is kept per profile id, in the neutral model.
TEST_F(SmartCharging, K09_ReportedProfilesAreKeptInSync) {
    auto st = boot("SC-REPORT", "ocpp2.0.1");
    const std::string report = R"({"requestId":7,"chargingLimitSource":"EMS","evseId":1,"tbc":false,"chargingProfile":[
        {"id":31,"stackLevel":2,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute",
         "chargingSchedule":[{"id":1,"startSchedule":"2026-11-25T10:00:00Z","chargingRateUnit":"A",
         "chargingSchedulePeriod":[{"startPeriod":0,"limit":16.5},{"startPeriod":3600,"limit":8}]}]}]})";
    for (const auto* id : {"r1", "r1-again"}) {
        auto a = st->call(id, "ReportChargingProfiles", json::parse(report));
        ASSERT_EQ(a[0].as_int64(), 3) << json::serialize(a);
    }
    EXPECT_EQ(db->scalar("SELECT count(*) || ' ' || min(evse_id) || ' ' || min(purpose) || ' ' || min(stack_level) || "
                         "' ' || min(limit_source) || ' ' || min(status) FROM charging_profiles WHERE station_id = "
                         "'SC-REPORT' AND source = 'Station' AND profile_id = 31"),
              "1 1 TxDefault 2 EMS Reported");
    EXPECT_EQ(db->scalar("SELECT profile #>> '{schedule,periods,0,limit}' FROM charging_profiles WHERE station_id = "
                         "'SC-REPORT'"),
              "16.5");
}

} // namespace
} // namespace recarga::test
