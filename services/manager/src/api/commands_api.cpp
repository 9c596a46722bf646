#include "api/commands_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "commands/command_client.hpp"
#include "config.hpp"
#include "recarga/ocpp/actions.hpp"
#include "recarga/ocpp/validator.hpp"
#include "store/station_owner.hpp"

namespace recarga::manager::api {

namespace json = boost::json;
namespace env = recarga::envelope;

namespace {

constexpr std::string_view kPrefix = "/api/v1/stations/";
constexpr std::string_view kCommands = "/commands/";
constexpr std::int64_t kDefaultTimeoutMs = 30000;
constexpr std::int64_t kMaxTimeoutMs = 300000;

std::optional<StationOwner> read_owner(pqxx::connection& db, const std::string& station) {
    pqxx::read_transaction tx(db);
    return station_owner(tx, station);
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

std::optional<Response> command_route(const Config& config, const std::function<pqxx::connection&()>& db,
                                      std::string_view method, const std::string& path,
                                      const std::map<std::string, std::string>& query, const std::string& body) {
    if (!path.starts_with(kPrefix)) {
        return std::nullopt;
    }
    const auto rest = std::string_view(path).substr(kPrefix.size());
    const auto at = rest.find(kCommands);
    if (at == std::string_view::npos || at == 0) {
        return std::nullopt;
    }
    const std::string station(rest.substr(0, at));
    const std::string action(rest.substr(at + kCommands.size()));
    if (station.find('/') != std::string::npos || action.empty() || action.find('/') != std::string::npos) {
        return problem(404, "not-found", "Not found", "no such resource");
    }
    if (method != "POST") {
        return problem(405, "method-not-allowed", "Method not allowed", "use POST");
    }
    std::int64_t timeout_ms = kDefaultTimeoutMs;
    for (const auto& [k, v] : query) {
        if (k != "timeoutMs") {
            return problem(400, "invalid-parameter", "Invalid parameter", "unknown query parameter " + k);
        }
        try {
            std::size_t used = 0;
            timeout_ms = std::stoll(v, &used);
            if (used != v.size()) {
                throw std::invalid_argument("trailing");
            }
        } catch (const std::exception&) {
            timeout_ms = 0;
        }
        if (timeout_ms < 1 || timeout_ms > kMaxTimeoutMs) {
            return problem(400, "invalid-parameter", "Invalid parameter", "timeoutMs must be an integer from 1 to 300000");
        }
    }

    auto owner = read_owner(db(), station);
    if (!owner) {
        return problem(404, "not-found", "Station not found", "no station with id " + station);
    }
    if (!owner->connected || owner->gateway.empty()) {
        return problem(409, "station-offline", "Station offline", "station " + station + " is not connected");
    }
    const auto version = ocpp::version_from_subprotocol(owner->protocol);
    if (!version) {
        return problem(409, "station-offline", "Station offline", "station " + station + " has no known protocol");
    }
    const auto* info = ocpp::find_action(*version, action);
    if (info == nullptr) {
        return problem(404, "unknown-action", "Unknown action",
                       action + " is not an action of " + std::string(ocpp::subprotocol(*version)));
    }
    if (info->sender == ocpp::Sender::ChargingStation || !info->has_response) {
        return problem(400, "unknown-action", "Not a central system call",
                       action + " is sent by a charging station, not by the central system");
    }
    boost::system::error_code ec;
    auto payload = json::parse(body, ec);
    if (ec || !payload.is_object()) {
        return problem(400, "invalid-payload", "Invalid payload", "the body must be a JSON object (the OCPP payload)");
    }
    if (auto err = ocpp::SchemaValidator::instance().validate(*version, action, ocpp::Direction::Request, payload)) {
        return problem(400, "invalid-payload", "Invalid payload",
                       std::string(ocpp::error_code(*version, err->kind)) + ": " + err->description);
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
        cmd.action = action;
        cmd.payload = payload;
        cmd.timeout_ms = timeout_ms;
        result = client.send(std::move(cmd));
        if (result.outcome != env::outcome::kOffline) {
            break;
        }
        auto now = read_owner(db(), station);
        if (!now || !now->connected || (now->gateway == owner->gateway && now->connection == owner->connection)) {
            break;
        }
        owner = std::move(now);
    }
    spdlog::info("station={} action={} messageId={} command outcome {}", station, action, result.message_id,
                 result.outcome);
    result.station = station;
    return command_response(result);
}

} // namespace recarga::manager::api
