#include "api/id_tokens_api.hpp"

#include "api/paging.hpp"
#include "api/spec_validator.hpp"
#include "domain/csv.hpp"
#include "store/id_token_admin_store.hpp"

#include <boost/json/serialize.hpp>
#include <algorithm>
#include <pqxx/pqxx>
#include <set>
#include <variant>

namespace recarga::manager::api {

namespace json = boost::json;

namespace {

Present<std::string> present_string(const json::object& o, std::string_view key) {
    Present<std::string> p;
    if (auto* v = o.if_contains(key)) {
        p.present = true;
        if (v->is_string()) {
            p.value = std::string(v->as_string());
        }
    }
    return p;
}

// The fields of an IdTokenCreate or IdTokenUpdate body, already checked against its schema.
IdTokenFields fields_of(const json::object& o) {
    IdTokenFields f;
    if (auto* s = o.if_contains("status"); s && s->is_string()) {
        f.status = std::string(s->as_string());
    }
    f.expires_at = present_string(o, "expiresAt");
    f.group_id_token = present_string(o, "groupIdToken");
    if (auto* a = o.if_contains("allowedStations")) {
        f.allowed_stations.present = true;
        if (a->is_array()) {
            std::vector<std::string> stations;
            for (const auto& s : a->as_array()) {
                stations.emplace_back(s.as_string());
            }
            f.allowed_stations.value = std::move(stations);
        }
    }
    return f;
}

std::string type_of(const json::object& o) {
    auto* t = o.if_contains("type");
    return t && t->is_string() ? std::string(t->as_string()) : std::string("ISO14443");
}

std::string token_path(const std::string& type, const std::string& id_token) {
    return "id-tokens/" + type + "/" + id_token; // both match the spec's patterns: nothing to escape
}

Response not_found(const Call& c) {
    return problem(404, "not-found", "Id token not found",
                   "no id token " + c.params.at("idToken") + " of type " + c.params.at("type"));
}

// The columns a CSV import may have.
const std::set<std::string, std::less<>> kCsvColumns = {"idToken", "type", "status", "expiresAt", "groupIdToken"};

struct ImportEntry {
    std::size_t line = 0;
    json::value value;
};

// The CSV body as JSON objects (an empty field is absent), or the problem of a file that cannot be read.
std::variant<std::vector<ImportEntry>, Response> csv_entries(const std::string& body,
                                                             std::vector<json::object>& errors) {
    auto parsed = csv::parse(body, kMaxImportEntries + 1); // the header and the entries
    if (parsed.records.size() > kMaxImportEntries + 1) {
        return problem(413, "too-many-entries", "Too many entries",
                       "an import holds at most " + std::to_string(kMaxImportEntries) + " entries");
    }
    if (parsed.records.empty()) {
        return problem(400, "invalid-body", "Invalid body", "the CSV has no header row");
    }
    const auto& header = parsed.records.front().fields;
    std::set<std::string, std::less<>> seen;
    for (const auto& col : header) {
        if (!kCsvColumns.contains(col) || !seen.insert(col).second) {
            return problem(400, "invalid-body", "Invalid body",
                           "CSV column '" + col + "' is unknown or repeated; columns: idToken, type, status, "
                           "expiresAt, groupIdToken");
        }
    }
    if (!seen.contains("idToken")) {
        return problem(400, "invalid-body", "Invalid body", "the CSV header has no idToken column");
    }
    std::vector<ImportEntry> entries;
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        const auto& rec = parsed.records[r];
        if (rec.fields.size() != header.size()) {
            errors.push_back({{"line", rec.line},
                              {"detail", "expected " + std::to_string(header.size()) + " fields, got " +
                                             std::to_string(rec.fields.size())}});
            continue;
        }
        json::object o;
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (!rec.fields[i].empty()) {
                o[header[i]] = rec.fields[i];
            }
        }
        entries.push_back({rec.line, std::move(o)});
    }
    if (parsed.error) {
        // What comes after a malformed record cannot be read reliably: it is reported and not imported.
        errors.push_back({{"line", parsed.error_line}, {"detail", *parsed.error}});
    }
    return entries;
}

} // namespace

Response list_id_tokens(Call& c) {
    IdTokenFilter f;
    const long limit = query_long(c, "limit", 50);
    f.limit = limit + 1;
    if (auto cursor = query_param(c, "cursor")) {
        f.after = decode_cursor(*cursor, 2);
        if (!f.after) {
            return invalid_cursor();
        }
    }
    f.search = query_param(c, "q");
    f.status = query_param(c, "status");
    pqxx::read_transaction tx(c.db);
    return json_page(PgIdTokenAdminStore(tx).list(f), limit);
}

Response create_id_token(Call& c) {
    const auto& body = c.body.as_object();
    const std::string id_token(body.at("idToken").as_string());
    const auto type = type_of(body);
    c.resource = token_path(type, id_token);
    auto created = PgIdTokenAdminStore(*c.tx).create(type, id_token, fields_of(body));
    if (!created) {
        return problem(409, "conflict", "Id token exists", "an id token " + id_token + " of type " + type + " exists");
    }
    Response res{201, std::move(*created)};
    res.headers.emplace_back("Location", "/api/v1/" + *c.resource);
    return res;
}

Response get_id_token(Call& c) {
    pqxx::read_transaction tx(c.db);
    auto token = PgIdTokenAdminStore(tx).get(c.params.at("type"), c.params.at("idToken"));
    return token ? Response{200, std::move(*token)} : not_found(c);
}

Response update_id_token(Call& c) {
    c.resource = token_path(c.params.at("type"), c.params.at("idToken"));
    auto token =
        PgIdTokenAdminStore(*c.tx).update(c.params.at("type"), c.params.at("idToken"), fields_of(c.body.as_object()));
    return token ? Response{200, std::move(*token)} : not_found(c);
}

Response delete_id_token(Call& c) {
    c.resource = token_path(c.params.at("type"), c.params.at("idToken"));
    return PgIdTokenAdminStore(*c.tx).remove(c.params.at("type"), c.params.at("idToken")) ? Response{204, ""}
                                                                                           : not_found(c);
}

Response import_id_tokens(Call& c) {
    c.resource = "id-tokens/import";
    std::vector<json::object> errors;
    std::vector<ImportEntry> entries;
    if (c.body.is_array()) { // JSON: the spec has bounded the array (maxItems)
        std::size_t n = 0;
        for (auto& v : c.body.as_array()) {
            entries.push_back({++n, std::move(v)});
        }
    } else { // text/csv: the spec validator let it through unparsed
        auto read = csv_entries(c.req.body, errors);
        if (auto* res = std::get_if<Response>(&read)) {
            return std::move(*res);
        }
        entries = std::get<std::vector<ImportEntry>>(std::move(read));
    }
    PgIdTokenAdminStore store(*c.tx);
    std::int64_t created = 0, updated = 0;
    for (const auto& e : entries) {
        if (auto why = SpecValidator::embedded().check_schema("IdTokenCreate", e.value)) {
            errors.push_back({{"line", e.line}, {"detail", "entry" + why->substr(4)}}); // "body: ..." -> "entry: ..."
            continue;
        }
        const auto& o = e.value.as_object();
        const auto outcome = store.upsert(type_of(o), std::string(o.at("idToken").as_string()), fields_of(o));
        ++(outcome == UpsertOutcome::Created ? created : updated);
    }
    std::sort(errors.begin(), errors.end(),
              [](const json::object& a, const json::object& b) { return a.at("line").to_number<std::int64_t>() <
                                                                       b.at("line").to_number<std::int64_t>(); });
    json::array errs(errors.begin(), errors.end());
    return {200, json::serialize(json::object{{"created", created}, {"updated", updated}, {"errors", std::move(errs)}})};
}

} // namespace recarga::manager::api
