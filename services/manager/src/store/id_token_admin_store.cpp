#include "store/id_token_admin_store.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <pqxx/pqxx>

namespace recarga::manager {

namespace {

constexpr const char* kIdTokenJson = R"(json_build_object(
    'idToken', t.id_token, 'type', t.type, 'status', t.status, 'expiresAt', iso_utc(t.expires_at),
    'groupIdToken', t.group_id_token, 'allowedStations', t.allowed_stations, 'createdAt', iso_utc(t.created_at),
    'updatedAt', iso_utc(t.updated_at))::text)";

// The allow list travels as a JSON array (libpqxx 6 has no array parameters); SQL turns it into text[].
constexpr const char* kAllowedArray =
    "CASE WHEN $7::jsonb IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text($7::jsonb)) END";

std::optional<std::string> allowed_json(const IdTokenFields& f) {
    if (!f.allowed_stations.value) {
        return std::nullopt;
    }
    boost::json::array a;
    for (const auto& s : *f.allowed_stations.value) {
        a.emplace_back(s);
    }
    return boost::json::serialize(a);
}

// A new row: what is absent takes the column's default (status Accepted, no expiry, no group, every station).
const std::string kInsert = std::string("INSERT INTO id_tokens AS t (type, id_token, status, expires_at, group_id_token, "
                                        "allowed_stations) VALUES ($1, $2, coalesce($3::text, 'Accepted'), "
                                        "CASE WHEN $4 THEN $5::timestamptz END, CASE WHEN $6 THEN $9::text END, "
                                        "CASE WHEN $8 THEN ") +
                            kAllowedArray + " END)";

// Parameters of the writes: $1 type, $2 value, $3 status, $4/$5 expiry present/value, $6/$9 group present/value,
// $8/$7 allow list present/value.
pqxx::result write(pqxx::transaction_base& tx, const std::string& sql, const std::string& type,
                   const std::string& id_token, const IdTokenFields& f) {
    return tx.exec_params(sql, type, id_token, f.status, f.expires_at.present, f.expires_at.value,
                          f.group_id_token.present, allowed_json(f), f.allowed_stations.present,
                          f.group_id_token.value);
}

} // namespace

std::vector<JsonRow> PgIdTokenAdminStore::list(const IdTokenFilter& f) {
    auto after = [&f](std::size_t i) { return f.after ? std::optional<std::string>(f.after->at(i)) : std::nullopt; };
    auto rows = tx_.exec_params(std::string("SELECT t.id_token, t.type, ") + kIdTokenJson +
                                    " FROM id_tokens t WHERE ($1::text IS NULL OR (t.id_token, t.type) > ($1, $2)) "
                                    "AND ($3::text IS NULL OR strpos(lower(t.id_token), lower($3)) > 0 "
                                    "  OR strpos(lower(coalesce(t.group_id_token, '')), lower($3)) > 0) "
                                    "AND ($4::text IS NULL OR t.status = $4) "
                                    "ORDER BY t.id_token, t.type LIMIT $5",
                                after(0), after(1), f.search, f.status, f.limit);
    std::vector<JsonRow> out;
    for (const auto& row : rows) {
        out.push_back(JsonRow{{row[0].c_str(), row[1].c_str()}, row[2].c_str(), {}});
    }
    return out;
}

std::optional<std::string> PgIdTokenAdminStore::get(const std::string& type, const std::string& id_token) {
    auto rows = tx_.exec_params(std::string("SELECT ") + kIdTokenJson +
                                    " FROM id_tokens t WHERE t.type = $1 AND t.id_token = $2",
                                type, id_token);
    return rows.empty() ? std::nullopt : std::optional<std::string>(rows[0][0].c_str());
}

std::optional<std::string> PgIdTokenAdminStore::create(const std::string& type, const std::string& id_token,
                                                       const IdTokenFields& f) {
    auto rows = write(tx_, kInsert + " ON CONFLICT (id_token, type) DO NOTHING RETURNING " + kIdTokenJson, type,
                      id_token, f);
    return rows.empty() ? std::nullopt : std::optional<std::string>(rows[0][0].c_str());
}

std::optional<std::string> PgIdTokenAdminStore::update(const std::string& type, const std::string& id_token,
                                                       const IdTokenFields& f) {
    auto rows = write(tx_,
                      std::string("UPDATE id_tokens AS t SET status = coalesce($3, t.status), "
                                  "expires_at = CASE WHEN $4 THEN $5::timestamptz ELSE t.expires_at END, "
                                  "group_id_token = CASE WHEN $6 THEN $9 ELSE t.group_id_token END, "
                                  "allowed_stations = CASE WHEN $8 THEN ") +
                          kAllowedArray +
                          " ELSE t.allowed_stations END, updated_at = now() "
                          "WHERE t.type = $1 AND t.id_token = $2 RETURNING " +
                          kIdTokenJson,
                      type, id_token, f);
    return rows.empty() ? std::nullopt : std::optional<std::string>(rows[0][0].c_str());
}

bool PgIdTokenAdminStore::remove(const std::string& type, const std::string& id_token) {
    return !tx_.exec_params("DELETE FROM id_tokens WHERE type = $1 AND id_token = $2 RETURNING 1", type, id_token)
                .empty();
}

UpsertOutcome PgIdTokenAdminStore::upsert(const std::string& type, const std::string& id_token,
                                          const IdTokenFields& f) {
    // xmax is 0 on a row this statement inserted, the updating transaction's id on one it updated.
    auto rows = write(tx_,
                      kInsert + " ON CONFLICT (id_token, type) DO UPDATE SET status = coalesce($3, t.status), "
                          "expires_at = CASE WHEN $4 THEN $5::timestamptz ELSE t.expires_at END, "
                          "group_id_token = CASE WHEN $6 THEN $9 ELSE t.group_id_token END, "
                          "allowed_stations = CASE WHEN $8 THEN EXCLUDED.allowed_stations ELSE t.allowed_stations "
                          "END, updated_at = now() RETURNING (t.xmax = 0)",
                      type, id_token, f);
    return rows[0][0].as<bool>() ? UpsertOutcome::Created : UpsertOutcome::Updated;
}

} // namespace recarga::manager
