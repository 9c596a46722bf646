#include "api/security_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/transaction>

#include "domain/admission.hpp"
#include "store/station_security.hpp"

namespace recarga::manager::api {

namespace json = boost::json;

namespace {
constexpr std::string_view kPrefix = "/api/v1/stations/";
constexpr std::string_view kSuffix = "/security";
} // namespace

std::optional<Response> security_route(const std::function<pqxx::connection&()>& db, std::string_view method,
                                       const std::string& path, const std::string& body) {
    if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix) || path.size() <= kPrefix.size() + kSuffix.size()) {
        return std::nullopt;
    }
    const auto station = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    if (station.find('/') != std::string::npos) {
        return std::nullopt;
    }
    if (method != "PUT") {
        return problem(405, "method-not-allowed", "Method not allowed", "use PUT");
    }
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !v.is_object()) {
        return problem(400, "invalid-body", "Invalid body", "the body must be a JSON object");
    }
    const auto& o = v.get_object();
    for (const auto& kv : o) {
        if (kv.key() != "securityProfile" && kv.key() != "password") {
            return problem(400, "invalid-body", "Invalid body", "unknown member " + std::string(kv.key()));
        }
    }
    const auto* profile = o.if_contains("securityProfile");
    if (profile == nullptr || !profile->is_int64() || profile->get_int64() < 0 || profile->get_int64() > 3) {
        return problem(400, "invalid-body", "Invalid body", "securityProfile must be an integer from 0 to 3");
    }
    std::optional<std::string> hash;
    if (const auto* pw = o.if_contains("password"); pw != nullptr) {
        // OCPP: BasicAuthPassword is 16 to 40 characters.
        if (!pw->is_string() || pw->get_string().size() < 16 || pw->get_string().size() > 40) {
            return problem(400, "invalid-body", "Invalid body", "password must be a string of 16 to 40 characters");
        }
        hash = hash_password(std::string(pw->get_string()));
    }
    const int p = static_cast<int>(profile->get_int64());
    pqxx::work tx(db());
    if ((p == 1 || p == 2) && !hash) {
        auto current = load_security(tx, station);
        if (!current || !current->password_hash) {
            return problem(400, "invalid-body", "Invalid body", "profiles 1 and 2 need a password");
        }
    }
    store_security(tx, station, p, hash);
    tx.commit();
    return Response{200, json::serialize(json::object{{"id", station}, {"securityProfile", p},
                                                      {"hasPassword", hash.has_value() || p == 1 || p == 2}})};
}

} // namespace recarga::manager::api
