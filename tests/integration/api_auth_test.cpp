// The operator API's accounts, permissions, audit log and error bodies, against the real manager and PostgreSQL.
#include "api/router.hpp"
#include "api/spec_validator.hpp"
#include "api_contract.hpp"
#include "harness.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

namespace recarga::test {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

class ApiAuth : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db = new TestDatabase();
        stack = new Stack(*db, "gw-api");
        stack->start_manager();
    }
    static void TearDownTestSuite() {
        delete stack;
        delete db;
    }
    // Every answer of these tests is checked against api/openapi.yaml (the operation's declared status and schema).
    static void expect_conforms(const std::string& method, const std::string& target, const HttpResult& res) {
        recarga::test::expect_conforms(method, target, res);
    }
    static HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                                   const std::string& body = "", const Headers& headers = {}) {
        auto res = recarga::test::http_request(port, method, target, body, headers);
        expect_conforms(method, target, res);
        return res;
    }
    static HttpResult http_get(std::uint16_t port, const std::string& target, const std::string& token = "") {
        auto res = recarga::test::http_get(port, target, token);
        expect_conforms("GET", target, res);
        return res;
    }
    static Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
    static HttpResult as_admin(const std::string& method, const std::string& target, const std::string& body = "") {
        return http_request(stack->http_port, method, target, body, bearer(stack->admin_token));
    }
    // Creates a user through the API; returns its id.
    static std::string create_user(const std::string& name, const std::string& role, const std::string& password) {
        auto res = as_admin("POST", "/api/v1/users",
                            json::serialize(json::object{{"username", name}, {"role", role}, {"password", password}}));
        EXPECT_EQ(res.status, 201) << res.body;
        return std::string(json::parse(res.body).at("id").as_string());
    }
    static void expect_problem(const HttpResult& res, int status, const std::string& type) {
        EXPECT_EQ(res.status, status) << res.body;
        EXPECT_EQ(res.content_type, "application/problem+json") << res.body;
        auto body = json::parse(res.body).as_object();
        EXPECT_EQ(body.at("type").as_string(), "/api/problems/" + type) << res.body;
        EXPECT_EQ(body.at("status").as_int64(), status);
        EXPECT_TRUE(body.contains("title"));
    }
    static inline TestDatabase* db = nullptr;
    static inline Stack* stack = nullptr;
};

TEST_F(ApiAuth, LoginGivesATokenThatLogoutEnds) {
    create_user("lena", "operator", "lena-password-1");
    const auto token = login(stack->http_port, "lena", "lena-password-1");
    ASSERT_FALSE(token.empty());

    auto me = http_get(stack->http_port, "/api/v1/auth/me", token);
    ASSERT_EQ(me.status, 200) << me.body;
    auto who = json::parse(me.body).as_object();
    EXPECT_EQ(who.at("kind").as_string(), "user");
    EXPECT_EQ(who.at("name").as_string(), "lena");
    EXPECT_EQ(who.at("role").as_string(), "operator");
    EXPECT_EQ(json::serialize(who.at("permissions")), R"(["read","command"])");
    // Only the token's SHA-256 is stored.
    EXPECT_EQ(db->scalar("SELECT count(*) FROM sessions WHERE token_hash = '" + token + "'"), "0");
    EXPECT_EQ(
        db->scalar("SELECT count(*) FROM sessions WHERE token_hash = encode(sha256('" + token + "'::bytea), 'hex')"),
        "1");

    auto out = http_request(stack->http_port, "POST", "/api/v1/auth/logout", "", bearer(token));
    EXPECT_EQ(out.status, 204) << out.body;
    expect_problem(http_get(stack->http_port, "/api/v1/auth/me", token), 401, "invalid-credentials");
}

TEST_F(ApiAuth, WrongPasswordIs401WithAProblemBodyAndIsAudited) {
    create_user("mara", "viewer", "mara-password-1");
    auto res = http_request(stack->http_port, "POST", "/api/v1/auth/login",
                            R"({"username":"mara","password":"not-her-password"})");
    expect_problem(res, 401, "invalid-credentials");
    res = http_request(stack->http_port, "POST", "/api/v1/auth/login", R"({"username":"nobody","password":"x"})");
    expect_problem(res, 401, "invalid-credentials");
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE actor_name = 'mara' AND path = '/api/v1/auth/login' "
                         "AND status = 401 AND outcome = 'failure'"),
              "1");
    // The password is stored as argon2id, never as itself.
    auto hash = db->scalar("SELECT password_hash FROM users WHERE username = 'mara'");
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_EQ(hash.find("mara-password-1"), std::string::npos);
}

TEST_F(ApiAuth, RepeatedFailedLoginsAreThrottledPerUserName) {
    create_user("rita", "viewer", "rita-password-1");
    for (int i = 0; i < 5; ++i) {
        expect_problem(http_request(stack->http_port, "POST", "/api/v1/auth/login",
                                    R"({"username":"rita","password":"guess-)" + std::to_string(i) + R"("})"),
                       401, "invalid-credentials");
    }
    // Even the right password is refused now, with a problem body and Retry-After.
    auto res = http_request(stack->http_port, "POST", "/api/v1/auth/login",
                            R"({"username":"RITA","password":"rita-password-1"})");
    expect_problem(res, 429, "too-many-attempts");
    EXPECT_GT(std::stoi(res.header("Retry-After")), 0);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE actor_name = 'RITA' AND status = 429"), "1");
    // Other users are not affected.
    EXPECT_FALSE(login(stack->http_port, Stack::kAdminUser, Stack::kAdminPassword).empty());
}

TEST_F(ApiAuth, EveryOperationButLoginNeedsCredentials) {
    auto res = http_get(stack->http_port, "/api/v1/stations");
    expect_problem(res, 401, "unauthorized");
    EXPECT_NE(res.header("WWW-Authenticate").find("Bearer"), std::string::npos);
    expect_problem(http_get(stack->http_port, "/api/v1/stations", "rcs_not-a-token"), 401, "invalid-credentials");
    expect_problem(http_request(stack->http_port, "GET", "/api/v1/stations", "", {{"Authorization", "Basic YTpi"}}),
                   401, "unauthorized");
    expect_problem(http_request(stack->http_port, "GET", "/api/v1/audit", "", {{"X-API-Key", "rck_wrong"}}), 401,
                   "invalid-credentials");
    EXPECT_EQ(http_get(stack->http_port, "/health").status, 200);
    EXPECT_EQ(http_get(stack->http_port, "/api/openapi.yaml").status, 200);
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/stations", stack->admin_token).status, 200);
}

TEST_F(ApiAuth, ViewerReadsButCannotCreateUsers) {
    create_user("vera", "viewer", "vera-password-1");
    const auto token = login(stack->http_port, "vera", "vera-password-1");
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(http_get(stack->http_port, "/api/v1/stations", token).status, 200);
    auto res = http_request(stack->http_port, "POST", "/api/v1/users",
                            R"({"username":"mallory","role":"admin","password":"mallory-pass"})", bearer(token));
    expect_problem(res, 403, "forbidden");
    EXPECT_EQ(db->scalar("SELECT count(*) FROM users WHERE username = 'mallory'"), "0");
    expect_problem(http_get(stack->http_port, "/api/v1/users", token), 403, "forbidden");
    expect_problem(http_get(stack->http_port, "/api/v1/audit", token), 403, "forbidden");
    // The refused attempt is in the audit log, with who tried.
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE actor_name = 'vera' AND method = 'POST' "
                         "AND path = '/api/v1/users' AND status = 403"),
              "1");
}

TEST_F(ApiAuth, ApiKeysWorkWithinTheirScopesUntilRevoked) {
    auto created = as_admin("POST", "/api/v1/api-keys", R"({"name":"billing","scopes":["read"]})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto body = json::parse(created.body).as_object();
    const std::string key(body.at("key").as_string());
    const std::string id(body.at("id").as_string());
    EXPECT_TRUE(key.starts_with(std::string(body.at("prefix").as_string())));
    EXPECT_EQ(created.header("Location"), "/api/v1/api-keys/" + id);
    // Shown once: neither the API nor the database has it afterwards.
    auto again = as_admin("GET", "/api/v1/api-keys/" + id);
    ASSERT_EQ(again.status, 200);
    EXPECT_FALSE(json::parse(again.body).as_object().contains("key"));
    EXPECT_EQ(again.body.find(key), std::string::npos);
    EXPECT_EQ(db->scalar("SELECT count(*) FROM api_keys WHERE key_hash = encode(sha256('" + key + "'::bytea), 'hex')"),
              "1");

    const Headers with_key{{"X-API-Key", key}};
    EXPECT_EQ(http_request(stack->http_port, "GET", "/api/v1/stations", "", with_key).status, 200);
    auto me = json::parse(http_request(stack->http_port, "GET", "/api/v1/auth/me", "", with_key).body).as_object();
    EXPECT_EQ(me.at("kind").as_string(), "apiKey");
    EXPECT_EQ(me.at("name").as_string(), "billing");
    expect_problem(http_request(stack->http_port, "GET", "/api/v1/users", "", with_key), 403, "forbidden");
    expect_problem(http_request(stack->http_port, "POST", "/api/v1/users",
                                R"({"username":"k","role":"admin","password":"key-made-user"})", with_key),
                   403, "forbidden");
    expect_problem(http_request(stack->http_port, "POST", "/api/v1/auth/logout", "", with_key), 400, "not-a-session");

    EXPECT_EQ(as_admin("DELETE", "/api/v1/api-keys/" + id).status, 204);
    expect_problem(http_request(stack->http_port, "GET", "/api/v1/stations", "", with_key), 401, "invalid-credentials");
    auto listed = json::parse(as_admin("GET", "/api/v1/api-keys").body).as_object();
    ASSERT_GE(listed.at("items").as_array().size(), 1u);
    EXPECT_FALSE(listed.at("items").at(0).at("revokedAt").is_null());
}

TEST_F(ApiAuth, ChangesAreAuditedWithWhoAndWhat) {
    const auto id = create_user("otto", "operator", "otto-password-1");
    EXPECT_EQ(db->scalar("SELECT outcome FROM audit_log WHERE resource = 'users/" + id + "' AND method = 'POST'"),
              "success");
    auto patched = as_admin("PATCH", "/api/v1/users/" + id, R"({"role":"viewer"})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(json::parse(patched.body).at("role").as_string(), "viewer");

    auto res = as_admin("GET", std::string("/api/v1/audit?actor=") + Stack::kAdminUser + "&limit=1");
    ASSERT_EQ(res.status, 200) << res.body;
    auto page = json::parse(res.body).as_object();
    ASSERT_EQ(page.at("items").as_array().size(), 1u);
    const auto& newest = page.at("items").at(0).as_object();
    EXPECT_EQ(newest.at("method").as_string(), "PATCH");
    EXPECT_EQ(newest.at("path").as_string(), "/api/v1/users/" + id);
    EXPECT_EQ(newest.at("resource").as_string(), "users/" + id);
    EXPECT_EQ(newest.at("status").as_int64(), 200);
    EXPECT_EQ(newest.at("outcome").as_string(), "success");
    EXPECT_EQ(newest.at("actor").at("kind").as_string(), "user");
    EXPECT_EQ(newest.at("actor").at("name").as_string(), Stack::kAdminUser);
    ASSERT_TRUE(page.at("nextCursor").is_string());

    // The next page continues with older entries: the creation of the user.
    auto next = json::parse(as_admin("GET", std::string("/api/v1/audit?actor=") + Stack::kAdminUser +
                                                "&limit=1&cursor=" + std::string(page.at("nextCursor").as_string()))
                                .body)
                    .as_object();
    ASSERT_EQ(next.at("items").as_array().size(), 1u);
    EXPECT_LT(next.at("items").at(0).at("id").as_int64(), newest.at("id").as_int64());
    EXPECT_EQ(next.at("items").at(0).at("method").as_string(), "POST");

    auto future = json::parse(as_admin("GET", "/api/v1/audit?since=2999-01-01T00:00:00Z").body).as_object();
    EXPECT_TRUE(future.at("items").as_array().empty());
    auto past = json::parse(as_admin("GET", "/api/v1/audit?until=2000-01-01T00:00:00Z").body).as_object();
    EXPECT_TRUE(past.at("items").as_array().empty());
    // Reads are not audited.
    EXPECT_EQ(db->scalar("SELECT count(*) FROM audit_log WHERE method = 'GET'"), "0");
}

TEST_F(ApiAuth, MalformedOrInvalidBodiesAre400Problems) {
    expect_problem(as_admin("POST", "/api/v1/users", "{\"username\": \"x\", "), 400, "invalid-json");
    expect_problem(http_request(stack->http_port, "POST", "/api/v1/auth/login", "not json at all"), 400,
                   "invalid-json");
    expect_problem(as_admin("POST", "/api/v1/users", R"({"username":"x","role":"root","password":"long-enough"})"), 400,
                   "invalid-body");
    expect_problem(as_admin("POST", "/api/v1/users",
                            R"({"username":"x'; DROP TABLE users; --","role":"viewer",)"
                            R"("password":"long-enough"})"),
                   400, "invalid-body");
    expect_problem(as_admin("PATCH", "/api/v1/users/not-a-uuid", R"({"role":"viewer"})"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/users?limit=0"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/audit?since=yesterday"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/audit?cursor=abc"), 400, "invalid-parameter");
    expect_problem(http_request(stack->http_port, "POST", "/api/v1/users", "username=x",
                                {{"Authorization", "Bearer " + stack->admin_token},
                                 {"Content-Type", "application/x-www-form-urlencoded"}}),
                   415, "unsupported-media-type");
    expect_problem(as_admin("POST", "/api/v1/users", std::string(2 << 20, ' ')), 413, "payload-too-large");
    EXPECT_EQ(db->scalar("SELECT count(*) FROM users WHERE username = 'x'"), "0");
    // Bytes PostgreSQL would refuse (invalid UTF-8, NUL) and values out of its ranges are the caller's error.
    expect_problem(as_admin("GET", "/api/v1/stations/%FF%FE"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/stations?q=%C0%AF"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/users?cursor=a%00b"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/audit?actor=%ED%A0%80"), 400, "invalid-parameter");
    expect_problem(as_admin("GET", "/api/v1/audit?since=2026-02-31T00:00:00Z"), 400, "invalid-parameter");
    expect_problem(
        as_admin("POST", "/api/v1/api-keys", R"({"name":"x","scopes":["read"],"expiresAt":"2026-02-31T00:00:00Z"})"),
        400, "invalid-body");
    EXPECT_EQ(as_admin("GET", "/api/v1/stations?q=%C3%A9t%C3%A9").status, 200); // valid UTF-8 passes
}

TEST_F(ApiAuth, UnknownRoutesAre404AndWrongMethods405) {
    expect_problem(as_admin("GET", "/api/v1/nothing-here"), 404, "not-found");
    expect_problem(http_get(stack->http_port, "/nope"), 404, "not-found");
    expect_problem(as_admin("GET", "/api/v1/users/123e4567-e89b-12d3-a456-426614174000"), 404, "not-found");
    auto res = as_admin("PUT", "/api/v1/users");
    expect_problem(res, 405, "method-not-allowed");
    EXPECT_EQ(res.header("Allow"), "GET, POST");
}

TEST_F(ApiAuth, UsersAreUniqueAndTheLastAdminStays) {
    create_user("dup", "viewer", "dup-password-1");
    expect_problem(
        as_admin("POST", "/api/v1/users", R"({"username":"DUP","role":"viewer","password":"dup-password-2"})"), 409,
        "conflict");
    const auto admin_id = db->scalar(std::string("SELECT id FROM users WHERE username = '") + Stack::kAdminUser + "'");
    ASSERT_FALSE(admin_id.empty());
    ASSERT_EQ(db->scalar("SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled"), "1");
    expect_problem(as_admin("DELETE", "/api/v1/users/" + admin_id), 409, "last-admin");
    expect_problem(as_admin("PATCH", "/api/v1/users/" + admin_id, R"({"role":"viewer"})"), 409, "last-admin");
    expect_problem(as_admin("PATCH", "/api/v1/users/" + admin_id, R"({"disabled":true})"), 409, "last-admin");
    EXPECT_EQ(db->scalar("SELECT role FROM users WHERE id = '" + admin_id + "'"), "admin");
}

TEST_F(ApiAuth, DisablingAUserEndsTheirSessionsAndDeletingRemovesThem) {
    const auto id = create_user("temp", "operator", "temp-password-1");
    const auto token = login(stack->http_port, "temp", "temp-password-1");
    ASSERT_EQ(http_get(stack->http_port, "/api/v1/auth/me", token).status, 200);
    ASSERT_EQ(as_admin("PATCH", "/api/v1/users/" + id, R"({"disabled":true})").status, 200);
    expect_problem(http_get(stack->http_port, "/api/v1/auth/me", token), 401, "invalid-credentials");
    EXPECT_TRUE(login(stack->http_port, "temp", "temp-password-1").empty());
    EXPECT_EQ(as_admin("DELETE", "/api/v1/users/" + id).status, 204);
    expect_problem(as_admin("GET", "/api/v1/users/" + id), 404, "not-found");
}

TEST_F(ApiAuth, DocsAreServedWithoutACdn) {
    auto page = http_get(stack->http_port, "/api/docs");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("/api/openapi.yaml"), std::string::npos);
    EXPECT_EQ(page.body.find("https://"), std::string::npos);
    auto bundle = http_get(stack->http_port, "/api/docs/swagger-ui-bundle.js");
    EXPECT_EQ(bundle.status, 200);
    EXPECT_GT(bundle.body.size(), 100000u);
    EXPECT_EQ(http_get(stack->http_port, "/api/docs/..%2f..%2fetc%2fpasswd").status, 404);
}

// A manager started without any user: a development manager generates and prints an admin once; a
// production manager generates nothing.
TEST(FirstAdmin, OnlyDevelopmentModeGeneratesOneAndPrintsItsPassword) {
    TestDatabase db;
    const auto port = free_port();
    const std::string log = "manager-first-admin.log";
    std::remove(log.c_str());
    auto start = [&](bool dev) {
        std::vector<std::string> env{"RECARGA_PG_URL=" + db.url(),
                                     "RECARGA_AMQP_URL=" + require_env("RECARGA_TEST_AMQP_URL")};
        if (dev) {
            env.push_back("RECARGA_DEV_MODE=1");
        }
        auto p = std::make_unique<Process>(
            RECARGA_MANAGER_BIN,
            std::vector<std::string>{"--http-port", std::to_string(port), "--http-listen", "127.0.0.1"}, env, log);
        EXPECT_TRUE(eventually([&] {
            try {
                return http_get(port, "/health").status == 200;
            } catch (...) {
                return false;
            }
        }));
        return p;
    };
    {
        auto production = start(false);
        production->terminate();
    }
    EXPECT_EQ(db.scalar("SELECT count(*) FROM users"), "0");
    {
        auto dev = start(true);
        std::ifstream in(log);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string marker = "development admin created: user 'admin', password '";
        auto at = text.find(marker);
        ASSERT_NE(at, std::string::npos) << text;
        const auto password = text.substr(at + marker.size(), 20);
        EXPECT_FALSE(login(port, "admin", password).empty());
        EXPECT_TRUE(login(port, "admin", "wrong-password").empty());
        dev->terminate();
    }
    {
        auto again = start(true); // a user exists now: nothing is generated
        again->terminate();
    }
    EXPECT_EQ(db.scalar("SELECT count(*) FROM users"), "1");
    EXPECT_EQ(db.scalar("SELECT role FROM users"), "admin");
}

} // namespace
} // namespace recarga::test
