// What a simulated station says, per OCPP version: the payloads it sends, how it reads the answers, and
// how it answers the CALLs a CSMS sends to it.
//
// A Dialect is the only place that knows message shapes. There is one implementation per version family,
// each in its own small file built with Boost.JSON (dialect_v16.cpp for 1.6J, dialect_v2x.cpp for 2.0.1 and
// 2.1), so that they can later switch to the generated typed structs of libs/ocpp without touching the
// engine. Incoming CSMS CALLs are routed through one table per version (action -> handler); an action not in
// the table is answered with a NotImplemented CALLERROR spelled for the version.
//
// Concurrency: dialects are stateless and immutable; one instance per version is shared by all threads.
#pragma once

#include "charging_limits.hpp"
#include "meter_model.hpp"
#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/version.hpp"

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::sim {

using Clock = std::chrono::system_clock;

// "2026-11-25T20:13:25.123Z"
std::string iso8601(Clock::time_point t);

// A CALL to send: the action name and its payload.
struct OutCall {
    std::string action;
    boost::json::object payload;
};

struct StationIdentity {
    std::string id;
    std::string vendor = "Recarga";
    std::string model = "SimCharger";
    std::string serial;
    std::string firmware = "recarga-sim-0.1";
};

// Connector states as the simulator models them; each dialect maps them to its version's enumeration.
enum class ConnectorState { Available, Preparing, Charging, Finishing, Unavailable, Faulted };

enum class StopReason { Local, Remote, EVDisconnected, Reboot, Other };

// What the station knows about one transaction.
struct TxContext {
    int evse_id = 1; // 2.x EVSE; 1.6 uses connector_id only
    int connector_id = 1;
    std::string id_token;               // idTag in 1.6
    std::string transaction_id;         // 1.6: assigned by the CSMS (integer as text); 2.x: made by the station
    int seq_no = 0;                     // 2.x TransactionEvent seqNo, incremented by each event built
    std::optional<int> remote_start_id; // 2.x RequestStartTransaction remoteStartId
    bool remote = false;                // started by a remote start request
    Clock::time_point started_at{};     // when the station started it (Relative charging profiles run from here)
};

// What the charging-profile rules need of a transaction (nullopt without one).
std::optional<RunningTransaction> running(const TxContext* tx);

enum class BootStatus { Accepted, Pending, Rejected, Unknown };

struct BootAnswer {
    BootStatus status = BootStatus::Unknown;
    int interval_s = 0;
};

// The configuration values a CSMS may read or change, and the transactions in progress, as a dialect sees
// them when answering a CSMS call.
struct StationView {
    const StationIdentity* identity = nullptr;
    int connectors = 1;
    int heartbeat_interval_s = 0;
    int meter_interval_s = 0;
    std::vector<const TxContext*> transactions; // active ones
    // The station's charging profiles: SetChargingProfile and ClearChargingProfile change them (the one piece of
    // station state a dialect writes; the engine then applies the new limits, Effect::Kind::ProfilesChanged).
    ChargingProfiles* profiles = nullptr;
    int evse_max_a = 32; // each EVSE's own rating (GetCompositeSchedule where no profile applies)
    int phases = 3;
    int voltage = 230;
};

// What the station should do after answering a CSMS CALL.
struct Effect {
    enum class Kind { None, RemoteStart, RemoteStop, Reset, Trigger, SetHeartbeatInterval, SetMeterInterval,
                      ProfilesChanged };
    Kind kind = Kind::None;
    int connector_id = 0;               // RemoteStart: 0 = any free connector
    std::string id_token;               // RemoteStart
    std::optional<int> remote_start_id; // RemoteStart (2.x)
    std::string transaction_id;         // RemoteStop
    std::string action;                 // Trigger: the action to send
    int value = 0;                      // SetHeartbeatInterval / SetMeterInterval, seconds
};

struct IncomingReply {
    boost::json::object result;          // the CALLRESULT payload, when error is empty
    std::optional<ocpp::RpcError> error; // answer with a CALLERROR instead
    std::vector<Effect> effects;
};

class Dialect {
public:
    virtual ~Dialect() = default;
    virtual ocpp::Version version() const noexcept = 0;

    virtual OutCall boot_notification(const StationIdentity& station) const = 0;
    virtual OutCall heartbeat() const = 0;
    virtual OutCall status_notification(int evse_id, int connector_id, ConnectorState state,
                                        Clock::time_point at) const = 0;
    virtual OutCall authorize(std::string_view id_token) const = 0;
    // StartTransaction (1.6) or TransactionEvent Started (2.x).
    virtual OutCall transaction_started(TxContext& tx, const MeterReading& meter, Clock::time_point at) const = 0;
    // MeterValues (1.6) or TransactionEvent Updated with a periodic meter value (2.x).
    virtual OutCall transaction_meter(TxContext& tx, const MeterReading& meter, Clock::time_point at) const = 0;
    // MeterValues outside a transaction (e.g. asked for by TriggerMessage), sample context "Trigger".
    virtual OutCall meter_values(int evse_id, int connector_id, const MeterReading& meter,
                                 Clock::time_point at) const = 0;
    // The limit in force changed during the transaction: a meter value of the new draw at once (1.6 MeterValues,
    // 2.x TransactionEvent Updated with trigger ChargingRateChanged; context Other).
    virtual OutCall transaction_limit_changed(TxContext& tx, const MeterReading& meter, Clock::time_point at) const = 0;
    // StopTransaction (1.6) or TransactionEvent Ended (2.x).
    virtual OutCall transaction_ended(TxContext& tx, const MeterReading& meter, StopReason reason,
                                      Clock::time_point at) const = 0;

    virtual BootAnswer read_boot(const boost::json::object& result) const = 0;
    virtual bool read_authorize(const boost::json::object& result) const = 0;
    // Reads the answer to transaction_started(); stores what the CSMS assigned (1.6 transactionId) in tx.
    // Returns false when the CSMS refused the id token.
    virtual bool read_transaction_started(const boost::json::object& result, TxContext& tx) const = 0;

    // Answers a CALL sent by the CSMS.
    virtual IncomingReply answer(std::string_view action, const boost::json::object& payload,
                                 const StationView& station) const = 0;
};

const Dialect& dialect_for(ocpp::Version v);

} // namespace recarga::sim
