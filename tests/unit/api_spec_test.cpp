// api/openapi.yaml and the server agree: every operation of the spec has a route row and back, with the same
// public/authenticated rule; and requests are validated against the spec's schemas before any handler runs.
#include "api/router.hpp"
#include "api/spec_validator.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <set>

namespace recarga::manager::api {
namespace {

namespace json = boost::json;

TEST(ApiSpec, EveryOperationHasARouteAndEveryRouteIsInTheSpec) {
    std::set<std::pair<std::string, std::string>> spec, routes;
    std::set<std::pair<std::string, std::string>> spec_public, routes_public;
    for (const auto& op : SpecValidator::embedded().operations()) {
        spec.emplace(op.method, op.path);
        if (op.is_public) {
            spec_public.emplace(op.method, op.path);
        }
        EXPECT_FALSE(op.operation_id.empty()) << op.method << " " << op.path;
    }
    for (const auto& r : route_table()) {
        routes.emplace(std::string(r.method), std::string(r.path));
        if (r.is_public) {
            routes_public.emplace(std::string(r.method), std::string(r.path));
        }
        EXPECT_NE(r.handler, nullptr);
    }
    EXPECT_EQ(spec, routes);
    EXPECT_EQ(spec_public, routes_public);
    EXPECT_GE(spec.size(), 15u);
}

TEST(ApiSpec, StateChangingMethodsAreAudited) {
    for (const auto& r : route_table()) {
        EXPECT_EQ(r.changes_state, r.method != "GET") << r.method << " " << r.path;
    }
}

TEST(PathTemplates, MatchSegmentsAndCaptureParameters) {
    std::map<std::string, std::string> p;
    EXPECT_TRUE(match_path("/api/v1/users/{userId}", "/api/v1/users/abc", p));
    EXPECT_EQ(p.at("userId"), "abc");
    EXPECT_FALSE(match_path("/api/v1/users/{userId}", "/api/v1/users/", p));
    EXPECT_FALSE(match_path("/api/v1/users/{userId}", "/api/v1/users/a/b", p));
    EXPECT_FALSE(match_path("/api/v1/users", "/api/v1/users/x", p));
    EXPECT_TRUE(match_path("/api/v1/users", "/api/v1/users", p));
    EXPECT_FALSE(match_path("/api/v1/users", "/api/v1/user", p));
}

TEST(Formats, UuidAndDateTime) {
    EXPECT_TRUE(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
    EXPECT_FALSE(is_uuid("123e4567e89b12d3a456426614174000"));
    EXPECT_FALSE(is_uuid("zzze4567-e89b-12d3-a456-426614174000"));
    EXPECT_FALSE(is_uuid("'; DROP TABLE users; --"));
    EXPECT_TRUE(is_date_time("2026-01-02T03:04:05Z"));
    EXPECT_TRUE(is_date_time("2026-01-02T03:04:05.123+01:00"));
    EXPECT_FALSE(is_date_time("2026-01-02"));
    EXPECT_FALSE(is_date_time("2026-13-02T03:04:05Z"));
    EXPECT_FALSE(is_date_time("2026-01-02T03:04:05"));
    EXPECT_FALSE(is_date_time("yesterday"));
}

class Validation : public ::testing::Test {
protected:
    std::optional<Response> check(const std::string& method, const std::string& path, Request req,
                                  std::map<std::string, std::string> params = {}) {
        req.method = method;
        if (req.content_type.empty() && !req.body.empty()) {
            req.content_type = "application/json";
        }
        return SpecValidator::embedded().validate(method, path, req, params, body);
    }
    static std::string type_of(const Response& r) { return std::string(json::parse(r.body).at("type").as_string()); }
    json::value body;
};

TEST_F(Validation, AValidBodyPassesAndIsParsed) {
    Request req;
    req.body = R"({"username":"ana","password":"secret"})";
    EXPECT_FALSE(check("POST", "/api/v1/auth/login", req));
    EXPECT_EQ(body.at("username").as_string(), "ana");
}

TEST_F(Validation, MalformedJsonIsA400Problem) {
    Request req;
    req.body = R"({"username":"ana","password":)";
    auto p = check("POST", "/api/v1/auth/login", req);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, 400);
    EXPECT_EQ(p->content_type, "application/problem+json");
    EXPECT_EQ(type_of(*p), "/api/problems/invalid-json");
}

TEST_F(Validation, SchemaViolationsAreA400ProblemNamingTheField) {
    struct Case {
        const char* body;
        const char* mentions;
    };
    for (auto c :
         {Case{R"({"username":"ana","role":"viewer"})", "password"},
          Case{R"({"username":"ana","password":"longenough","role":"root"})", "role"},
          Case{R"({"username":"ana","password":"short","role":"viewer"})", "password"},
          Case{R"({"username":"a b","password":"longenough","role":"viewer"})", "username"},
          Case{R"({"username":"ana","password":"longenough","role":"viewer","admin":true})", ""},
          Case{R"({"username":42,"password":"longenough","role":"viewer"})", "username"}, Case{R"([1,2,3])", ""}}) {
        Request req;
        req.body = c.body;
        auto p = check("POST", "/api/v1/users", req);
        ASSERT_TRUE(p) << c.body;
        EXPECT_EQ(p->status, 400) << c.body;
        EXPECT_EQ(type_of(*p), "/api/problems/invalid-body") << c.body;
        EXPECT_NE(p->body.find(c.mentions), std::string::npos) << p->body;
    }
}

TEST_F(Validation, ApiKeyScopesMustBeKnownAndUnique) {
    Request req;
    req.body = R"({"name":"billing","scopes":["read","write"]})";
    EXPECT_TRUE(check("POST", "/api/v1/api-keys", req));
    req.body = R"({"name":"billing","scopes":[]})";
    EXPECT_TRUE(check("POST", "/api/v1/api-keys", req));
    req.body = R"({"name":"billing","scopes":["read","read"]})";
    EXPECT_TRUE(check("POST", "/api/v1/api-keys", req));
    req.body = R"({"name":"billing","scopes":["read"],"expiresAt":"soon"})";
    EXPECT_TRUE(check("POST", "/api/v1/api-keys", req));
    req.body = R"({"name":"billing","scopes":["read","command"],"expiresAt":"2030-01-01T00:00:00Z"})";
    EXPECT_FALSE(check("POST", "/api/v1/api-keys", req));
}

TEST_F(Validation, EmptyOrWrongMediaTypeBodies) {
    Request req;
    auto p = check("POST", "/api/v1/auth/login", req);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, 400);
    req.body = "username=ana";
    req.content_type = "application/x-www-form-urlencoded";
    p = check("POST", "/api/v1/auth/login", req);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, 415);
    EXPECT_EQ(type_of(*p), "/api/problems/unsupported-media-type");
}

TEST_F(Validation, QueryParametersFollowTheirSchemas) {
    auto with = [&](std::map<std::string, std::string> q) {
        Request req;
        req.query = std::move(q);
        return check("GET", "/api/v1/audit", req);
    };
    EXPECT_FALSE(with({{"limit", "10"}, {"since", "2026-01-01T00:00:00Z"}, {"actor", "ana"}}));
    for (auto q : std::vector<std::map<std::string, std::string>>{{{"limit", "0"}},
                                                                  {{"limit", "501"}},
                                                                  {{"limit", "ten"}},
                                                                  {{"limit", "1e3"}},
                                                                  {{"since", "yesterday"}},
                                                                  {{"until", "2026-01-01 00:00"}},
                                                                  {{"actor", ""}},
                                                                  {{"sort", "id"}}}) {
        auto p = with(q);
        ASSERT_TRUE(p) << q.begin()->first << "=" << q.begin()->second;
        EXPECT_EQ(p->status, 400);
        EXPECT_EQ(type_of(*p), "/api/problems/invalid-parameter");
    }
}

TEST_F(Validation, PathParametersFollowTheirSchemas) {
    Request req;
    EXPECT_FALSE(check("GET", "/api/v1/users/{userId}", req, {{"userId", "123e4567-e89b-12d3-a456-426614174000"}}));
    auto p = check("GET", "/api/v1/users/{userId}", req, {{"userId", "1 OR 1=1"}});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, 400);
    p = check("GET", "/api/v1/stations/{stationId}", req, {{"stationId", std::string(49, 'A')}});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, 400);
}

TEST(ResponseContract, AnswersAreCheckedAgainstTheDeclaredSchemas) {
    const auto& spec = SpecValidator::embedded();
    EXPECT_FALSE(spec.check_response("GET", "/api/v1/auth/me", 200,
                                     R"({"kind":"user","id":"123e4567-e89b-12d3-a456-426614174000","name":"ana",)"
                                     R"("role":"viewer","permissions":["read"]})"));
    EXPECT_TRUE(spec.check_response("GET", "/api/v1/auth/me", 200, R"({"kind":"robot","name":"x","permissions":[]})"));
    EXPECT_TRUE(spec.check_response("GET", "/api/v1/auth/me", 200, R"({"kind":"user","name":"x"})"));
    EXPECT_TRUE(spec.check_response("GET", "/api/v1/auth/me", 201, R"({})"));          // status not declared
    EXPECT_TRUE(spec.check_response("GET", "/api/v1/auth/me", 500, R"({"error":1})")); // errors are problems
    EXPECT_FALSE(spec.check_response("GET", "/api/v1/auth/me", 500,
                                     R"({"type":"/api/problems/internal","title":"Internal error","status":500})"));
    EXPECT_FALSE(spec.check_response("POST", "/api/v1/auth/logout", 204, ""));
    EXPECT_TRUE(spec.check_response("POST", "/api/v1/auth/logout", 204, "{}"));
}

} // namespace
} // namespace recarga::manager::api
