// What every OCPP handler gets: the call it answers, the stores it may use, settings and the clock.
//
// A handler takes this context and a typed request and returns a typed response or an RpcError. It runs
// inside the batch's database transaction: what it writes commits before the station sees the answer.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "../config.hpp" // relative: the unit tests also see the gateway's config.hpp
#include "recarga/envelope/envelope.hpp"
#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/version.hpp"
#include "store/device_model_store.hpp"
#include "store/event_store.hpp"
#include "store/station_store.hpp"
#include "store/token_store.hpp"
#include "store/transaction_store.hpp"

namespace recarga::manager {

class ChargingProfileStore; // store/smart_charging_store.hpp

struct HandlerContext {
    const envelope::Envelope& call;
    ocpp::Version version;
    StationStore& stations;
    const Config& config;
    std::chrono::system_clock::time_point now;
    TokenStore& tokens;
    TransactionStore& transactions;
    EventStore& events;
    DeviceModelStore& device_model;
    // The station's registration status before this call (nullopt: unknown), read once by the worker.
    std::optional<std::string> registration_status;
    ChargingProfileStore* charging_profiles = nullptr; // smart charging (K09); null where no store is wired
};

template <class Response> using HandlerResult = std::variant<Response, ocpp::RpcError>;

// RFC 3339 UTC with milliseconds, as OCPP expects for dateTime fields.
std::string format_time(std::chrono::system_clock::time_point t);

} // namespace recarga::manager
