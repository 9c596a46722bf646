#include "api/commands_api.hpp"

#include "api/paging.hpp"
#include "commands/command_client.hpp"
#include "commands/learned_variables.hpp"
#include "commands/outbox.hpp"
#include "config.hpp"
#include "recarga/ocpp/actions.hpp"
#include "recarga/ocpp/validator.hpp"
#include "store/command_store.hpp"
#include "store/device_model_store.hpp"
#include "store/station_owner.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>
#include <thread>

namespace recarga::manager::api {

namespace json = boost::json;
namespace env = recarga::envelope;

namespace {

constexpr std::int64_t kDefaultTimeoutMs = 30000;
constexpr std::int64_t kDefaultExpiresInS = 86400;
constexpr int kMaxAsyncInFlight = 64; // background commands of this process at once; beyond: 429

std::atomic<int> async_in_flight{0};

std::optional<StationOwner> read_owner(pqxx::connection& db, const std::string& station) {
    pqxx::read_transaction tx(db);
    return station_owner(tx, station);
}

std::string version_name(ocpp::Version v) {
    return std::string(ocpp::subprotocol(v));
}

// The query of a command request (types already checked against the spec).
struct CommandQuery {
    std::int64_t timeout_ms = kDefaultTimeoutMs;
    bool async = false;
    bool queue = false;
    std::optional<std::int64_t> expires_in_s;
};

std::variant<CommandQuery, Response> parse_query(const std::map<std::string, std::string>& query) {
    CommandQuery q;
    for (const auto& [k, v] : query) {
        try {
            if (k == "timeoutMs") {
                q.timeout_ms = std::stoll(v);
            } else if (k == "async") {
                q.async = v == "true";
            } else if (k == "deliver") {
                q.queue = v == "queue";
            } else if (k == "expiresIn") {
                q.expires_in_s = std::stoll(v);
            } else {
                return problem(400, "invalid-parameter", "Invalid parameter", "unknown query parameter " + k);
            }
        } catch (const std::exception&) {
            return problem(400, "invalid-parameter", "Invalid parameter", k + " must be an integer");
        }
    }
    if (q.expires_in_s && !q.queue) {
        return problem(400, "invalid-parameter", "Invalid parameter", "expiresIn needs deliver=queue");
    }
    if (q.queue && !q.expires_in_s) {
        q.expires_in_s = kDefaultExpiresInS;
    }
    return q;
}

std::string created_by(const Call& c) {
    if (!c.principal) {
        return "";
    }
    return (c.principal->kind == Principal::Kind::User ? "user:" : "apiKey:") + c.principal->name;
}

Response record_response(pqxx::connection& db, std::int64_t id, int status) {
    pqxx::read_transaction tx(db);
    auto body = PgCommandStore(tx).get(id);
    Response r{status, body.value_or("{}")};
    r.headers.emplace_back("Location", "/api/v1/commands/" + std::to_string(id));
    return r;
}

// The command's status for its record: answered when the station answered (also with a CALLERROR).
std::string_view record_status(const env::Envelope& r) {
    return r.outcome == env::outcome::kResult || r.outcome == env::outcome::kError ? "answered" : "failed";
}

// Records a command that could not be sent (the answer is the problem body).
void record_failure(pqxx::connection& db, std::int64_t id, const Response& res) {
    pqxx::work tx(db);
    PgCommandStore(tx).finish(id, "failed", res.status, res.body);
    tx.commit();
}

Response send_command(Call& c, const std::string& command) {
    const auto& station = c.params.at("stationId");
    c.resource = "station:" + station;
    auto parsed = parse_query(c.req.query);
    if (auto* res = std::get_if<Response>(&parsed)) {
        return std::move(*res);
    }
    const auto q = std::get<CommandQuery>(parsed);
    json::value body = c.body.is_null() ? json::value(json::object{}) : c.body;

    auto owner = read_owner(c.db, station);
    if (!owner) {
        return problem(404, "not-found", "Station not found", "no station with id " + station);
    }
    const bool online = owner->connected && !owner->gateway.empty();
    const auto version = ocpp::version_from_subprotocol(owner->protocol);
    if (!version) {
        return problem(409, "station-offline", "Station offline",
                       "station " + station + " never connected, so its OCPP version is unknown");
    }
    if (!online && !q.queue) {
        return problem(409, "station-offline", "Station offline",
                       "station " + station + " is not connected (deliver=queue keeps the command for its return)");
    }
    if (q.async && !q.queue && async_in_flight.load() >= kMaxAsyncInFlight) {
        return problem(429, "too-many-commands", "Too many commands", "too many async commands in flight");
    }

    NewCommand rec;
    {
        pqxx::work tx(c.db);
        rec.id = PgCommandStore(tx).next_id();
        tx.commit();
    }
    // Checked against the version the station has now (or had last); an outbox command is translated again for
    // the version it has when it is delivered.
    auto prepared = prepare_command(command, body, *version, rec.id);
    if (auto* res = std::get_if<Response>(&prepared)) {
        return std::move(*res);
    }
    auto call = std::get<PreparedCall>(std::move(prepared));
    rec.station = station;
    rec.command = command;
    rec.action = call.action;
    rec.request = json::serialize(body);
    rec.timeout_ms = q.timeout_ms;
    rec.created_by = created_by(c);
    rec.outbox = q.queue;
    rec.expires_in_s = q.expires_in_s;
    {
        pqxx::work tx(c.db);
        PgCommandStore(tx).insert(rec, "pending");
        tx.commit();
    }
    c.resource = "command:" + std::to_string(rec.id);
    spdlog::info("station={} command={} id={} {}", station, command, rec.id,
                 q.queue ? "queued" : (q.async ? "async" : "sync"));
    if (q.queue) {
        if (online) {
            Outbox::shared(c.config).wake(station);
        }
        return record_response(c.db, rec.id, 202);
    }
    if (q.async) {
        ++async_in_flight;
        std::thread([&config = c.config, id = rec.id, station, command, call = std::move(call), v = *version,
                     timeout = q.timeout_ms] {
            try {
                pqxx::connection db(config.pg_url);
                execute_recorded(config, db, id, station, command, call, v, timeout);
            } catch (const std::exception& e) {
                spdlog::error("station={} command id={} failed in the background: {}", station, id, e.what());
            }
            --async_in_flight;
        }).detach();
        return record_response(c.db, rec.id, 202);
    }
    return *execute_recorded(c.config, c.db, rec.id, station, command, call, *version, q.timeout_ms);
}

} // namespace

Response command_response(const env::Envelope& r) {
    if (r.outcome == env::outcome::kResult) {
        json::object o{{"outcome", "result"}, {"messageId", r.message_id}, {"result", r.payload}};
        if (r.payload.is_object()) {
            if (auto* st = r.payload.get_object().if_contains("status"); st != nullptr && st->is_string()) {
                o["status"] = *st;
            }
        }
        return {200, json::serialize(o)};
    }
    if (r.outcome == env::outcome::kError) {
        json::object err{{"code", r.error_code}, {"description", r.error_description}};
        if (r.payload.is_object()) {
            err["details"] = r.payload;
        }
        return {200, json::serialize(json::object{{"outcome", "error"}, {"messageId", r.message_id}, {"error", err}})};
    }
    if (r.outcome == env::outcome::kOffline) {
        return problem(409, "station-offline", "Station offline", "station " + r.station + " is not connected");
    }
    if (r.outcome == env::outcome::kTimeout) {
        return problem(504, "timeout", "Station did not answer", r.error_description);
    }
    if (r.outcome == env::outcome::kBusy) {
        return problem(429, "station-busy", "Station busy", r.error_description);
    }
    if (r.outcome == env::outcome::kInvalid) {
        return problem(502, "invalid-station-response", "Invalid answer from the station",
                       r.error_code + ": " + r.error_description);
    }
    if (r.outcome == "unavailable") {
        return problem(503, "unavailable", "Service unavailable", r.error_description);
    }
    return problem(504, "timeout", "No answer", r.error_description);
}

Response command_response(const env::Envelope& r, commands::Neutral neutral, ocpp::Version version) {
    auto res = command_response(r);
    if (r.outcome != env::outcome::kResult) {
        return res;
    }
    auto o = json::parse(res.body).as_object();
    o.erase("status");
    if (auto st = commands::neutral_status(neutral, version, r.payload)) {
        o["status"] = *st;
    }
    res.body = json::serialize(o);
    return res;
}

std::variant<PreparedCall, Response> prepare_command(const std::string& command, const json::value& body,
                                                     ocpp::Version version, std::int64_t request_id) {
    const auto& schemas = ocpp::SchemaValidator::instance();
    if (auto neutral = commands::neutral_from_kebab(command)) {
        if (!body.is_object()) {
            return problem(400, "invalid-body", "Invalid body", "the body must be a JSON object");
        }
        auto t = commands::translate(*neutral, body.as_object(), version, {.request_id = request_id});
        if (auto* u = std::get_if<commands::Untranslatable>(&t)) {
            return problem(422, "not-translatable", "Not translatable", u->detail);
        }
        auto call = std::get<commands::OcppCall>(std::move(t));
        if (auto err = schemas.validate(version, call.action, ocpp::Direction::Request, call.payload)) {
            return problem(422, "not-translatable", "Not translatable",
                           call.action + " of " + version_name(version) +
                               " refuses the translated request: " + err->description);
        }
        return PreparedCall{std::move(call.action), std::move(call.payload)};
    }
    const auto* info = ocpp::find_action(version, command);
    if (info == nullptr) {
        return problem(404, "unknown-action", "Unknown action",
                       command + " is not an action of " + version_name(version));
    }
    if (info->sender == ocpp::Sender::ChargingStation || !info->has_response) {
        return problem(400, "unknown-action", "Not a central system call",
                       command + " is sent by a charging station, not by the central system");
    }
    if (!body.is_object()) {
        return problem(400, "invalid-payload", "Invalid payload", "the body must be a JSON object (the OCPP payload)");
    }
    if (auto err = schemas.validate(version, command, ocpp::Direction::Request, body)) {
        return problem(400, "invalid-payload", "Invalid payload",
                       std::string(ocpp::error_code(version, err->kind)) + ": " + err->description);
    }
    return PreparedCall{command, body.as_object()};
}

std::optional<Response> execute_recorded(const Config& config, pqxx::connection& db, std::int64_t id,
                                         const std::string& station, const std::string& command,
                                         const PreparedCall& call, ocpp::Version version, std::int64_t timeout_ms,
                                         bool requeue_when_offline) {
    auto owner = read_owner(db, station);
    if (!owner || !owner->connected || owner->gateway.empty()) {
        if (requeue_when_offline) {
            pqxx::work tx(db);
            PgCommandStore(tx).requeue(id);
            tx.commit();
            return std::nullopt;
        }
        auto res = problem(409, "station-offline", "Station offline", "station " + station + " is not connected");
        record_failure(db, id, res);
        return res;
    }
    {
        pqxx::work tx(db);
        PgCommandStore(tx).mark_sent(id, call.action);
        tx.commit();
    }
    auto& client = CommandClient::shared(config);
    env::Envelope result;
    // A station that moved between reading the owner and the gateway's answer is tried once more where it is now.
    for (int attempt = 0; attempt < 2; ++attempt) {
        env::Envelope cmd;
        cmd.station = station;
        cmd.gateway = owner->gateway;
        cmd.connection = owner->connection;
        cmd.protocol = owner->protocol;
        cmd.action = call.action;
        cmd.payload = call.payload;
        cmd.timeout_ms = timeout_ms;
        result = client.send(std::move(cmd));
        if (result.outcome != env::outcome::kOffline) {
            break;
        }
        auto now = read_owner(db, station);
        if (!now || !now->connected || (now->gateway == owner->gateway && now->connection == owner->connection)) {
            break;
        }
        owner = std::move(now);
    }
    spdlog::info("station={} action={} messageId={} command id={} outcome {}", station, call.action, result.message_id,
                 id, result.outcome);
    result.station = station;
    if (requeue_when_offline && result.outcome == env::outcome::kOffline) {
        pqxx::work tx(db);
        PgCommandStore(tx).requeue(id);
        tx.commit();
        return std::nullopt;
    }
    auto neutral = commands::neutral_from_kebab(command);
    auto res = neutral ? command_response(result, *neutral, version) : command_response(result);
    pqxx::work tx(db);
    PgCommandStore(tx).finish(id, record_status(result), res.status, res.body);
    if (result.outcome == env::outcome::kResult) {
        // Configuration the station reported or accepted becomes visible at /stations/{id}/variables.
        PgDeviceModelStore(tx).record_attributes(
            station, "now", commands::learned_variables(version, call.action, call.payload, result.payload));
    }
    tx.commit();
    return res;
}

Response raw_command(Call& c) {
    return send_command(c, c.params.at("action"));
}

Response neutral_command(Call& c) {
    const auto& path = c.req.path;
    return send_command(c, path.substr(path.rfind('/') + 1));
}

Response list_commands(Call& c) {
    CommandFilter f;
    f.station = query_param(c, "stationId");
    f.status = query_param(c, "status");
    f.limit = query_long(c, "limit", 50);
    if (auto cursor = query_param(c, "cursor")) {
        auto parts = decode_cursor(*cursor, 1);
        f.before_id = parts ? parse_int(parts->at(0)) : std::nullopt;
        if (!f.before_id) {
            return invalid_cursor();
        }
    }
    const auto limit = f.limit;
    ++f.limit; // one more row says whether there is a next page
    pqxx::read_transaction tx(c.db);
    return json_page(PgCommandStore(tx).list(f), limit);
}

Response get_command(Call& c) {
    auto id = parse_int(c.params.at("commandId"));
    std::optional<std::string> body;
    if (id) {
        pqxx::read_transaction tx(c.db);
        body = PgCommandStore(tx).get(*id);
    }
    if (!body) {
        return problem(404, "not-found", "Command not found", "no command with id " + c.params.at("commandId"));
    }
    return {200, std::move(*body)};
}

} // namespace recarga::manager::api
