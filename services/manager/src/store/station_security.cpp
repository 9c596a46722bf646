#include "store/station_security.hpp"

#include <algorithm>
#include <vector>

#include <pqxx/result>
#include <spdlog/spdlog.h>

namespace recarga::manager {

namespace env = recarga::envelope;

std::optional<StationSecurity> load_security(pqxx::transaction_base& tx, const std::string& station) {
    auto rows = tx.exec_params("SELECT security_profile, password_hash, "
                               "coalesce(auth_blocked_until > now(), false) FROM stations WHERE id = $1",
                               station);
    if (rows.empty()) {
        return std::nullopt;
    }
    StationSecurity s;
    s.required_profile = rows[0][0].as<int>();
    if (!rows[0][1].is_null()) {
        s.password_hash = rows[0][1].as<std::string>();
    }
    s.blocked = rows[0][2].as<bool>();
    return s;
}

void store_security(pqxx::transaction_base& tx, const std::string& station, int profile,
                    const std::optional<std::string>& password_hash) {
    tx.exec_params("INSERT INTO stations (id, security_profile, password_hash) VALUES ($1, $2, $3) "
                   "ON CONFLICT (id) DO UPDATE SET security_profile = $2, "
                   "password_hash = coalesce($3, stations.password_hash), auth_failures = 0, "
                   "auth_blocked_until = NULL, updated_at = now()",
                   station, profile, password_hash);
}

env::Envelope answer_admission(pqxx::transaction_base& tx, bool unknown_allowed, const env::Envelope& admit) {
    int offered = 0;
    std::optional<std::string> password;
    const auto& p = admit.payload.get_object();
    if (auto* o = p.if_contains("profile"); o != nullptr && o->is_int64()) {
        offered = static_cast<int>(o->get_int64());
    }
    if (auto* pw = p.if_contains("password"); pw != nullptr && pw->is_string()) {
        password = std::string(pw->get_string());
    }
    int minimum = 0;
    if (auto* m = p.if_contains("minimumProfile"); m != nullptr && m->is_int64()) {
        minimum = static_cast<int>(std::clamp<std::int64_t>(m->get_int64(), 0, 3));
    }
    // Profile 3: the names of the client certificate the gateway verified against the operator's CA.
    std::vector<std::string> names;
    std::string fingerprint;
    if (auto* c = p.if_contains("certificate"); c != nullptr && c->is_object()) {
        if (auto* n = c->get_object().if_contains("names"); n != nullptr && n->is_array()) {
            for (const auto& v : n->get_array()) {
                if (v.is_string()) {
                    names.emplace_back(v.get_string());
                }
            }
        }
        if (auto* f = c->get_object().if_contains("sha256"); f != nullptr && f->is_string()) {
            fingerprint = std::string(f->get_string());
        }
    }
    // One argon2id verification per station and process: the reconnect waves after a gateway loss reuse it.
    static VerifiedPasswordCache verified;
    auto decision = decide_admission(
        load_security(tx, admit.station), unknown_allowed, offered, password,
        [&admit](const std::string& hash, const std::string& pw) { return verified.verify(admit.station, hash, pw); },
        minimum,
        certificate_names_station(names, admit.station));
    if (decision.count_failure) {
        tx.exec_params("UPDATE stations SET auth_failures = auth_failures + 1, auth_blocked_until = CASE WHEN "
                       "auth_failures + 1 >= $2 THEN now() + make_interval(secs => $3) END WHERE id = $1",
                       admit.station, kMaxAuthFailures, kAuthBlockSeconds);
    } else if (decision.reset_failures) {
        tx.exec_params("UPDATE stations SET auth_failures = 0, auth_blocked_until = NULL "
                       "WHERE id = $1 AND auth_failures <> 0",
                       admit.station);
    }
    spdlog::info("station={} gateway={} remote={} offered profile {}{}{}: {}", admit.station, admit.gateway,
                 admit.remote, offered, fingerprint.empty() ? "" : " certificate sha256=", fingerprint,
                 to_string(decision.verdict));
    env::Envelope r;
    r.kind = env::Kind::Admission;
    r.station = admit.station;
    r.gateway = admit.gateway;
    r.message_id = admit.message_id;
    r.trace_id = admit.trace_id;
    r.outcome = std::string(to_string(decision.verdict));
    r.payload = boost::json::object{{"profile", decision.profile}};
    r.at_us = env::now_us();
    return r;
}

} // namespace recarga::manager
