// The stations aggregate: registration, boot information, connection state, connectors and their status.
// Writes happen inside the caller's transaction, so a batch of calls commits (and is answered) together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction>

#include "recarga/envelope/envelope.hpp"

namespace recarga::manager {

struct BootInfo {
    std::string protocol;
    std::string vendor;
    std::string model;
    std::optional<std::string> serial_number;
    std::optional<std::string> firmware_version;
    std::optional<std::string> iccid;
    std::optional<std::string> imsi;
    std::optional<std::string> meter_type;
    std::optional<std::string> meter_serial_number;
    std::optional<std::string> reason; // 2.0.1 BootReasonEnumType
};

struct ConnectorStatus {
    int evse_id = 0;
    int connector_id = 0;
    std::string status;
    std::optional<std::string> error_code;
    std::optional<std::string> info;
    std::optional<std::string> vendor_id;
    std::optional<std::string> vendor_error_code;
    std::optional<std::string> timestamp; // as the station sent it (RFC 3339); the receive time when absent
};

class StationStore {
public:
    virtual ~StationStore() = default;
    // The registration status of a known station, or nullopt.
    virtual std::optional<std::string> registration_status(const std::string& station) = 0;
    // Creates the station with the given registration status unless it exists.
    virtual void register_station(const std::string& station, const std::string& status) = 0;
    virtual void record_boot(const std::string& station, const BootInfo& boot, const std::string& trace_id) = 0;
    virtual void touch(const std::string& station, const std::string& trace_id) = 0;
    virtual void record_status(const std::string& station, const ConnectorStatus& status,
                               const std::string& message_id, const std::string& trace_id) = 0;
    // A gateway's connect/disconnect event. A disconnect of a connection that was already replaced changes nothing.
    virtual void record_connection(const envelope::Envelope& event) = 0;
};

class PgStationStore final : public StationStore {
public:
    explicit PgStationStore(pqxx::work& tx) : tx_(tx) {}
    std::optional<std::string> registration_status(const std::string& station) override;
    // The registration statuses of several stations in one statement (a batch's); unknown ones are absent.
    std::map<std::string, std::string> registration_statuses(const std::vector<std::string>& stations);
    void register_station(const std::string& station, const std::string& status) override;
    void record_boot(const std::string& station, const BootInfo& boot, const std::string& trace_id) override;
    void touch(const std::string& station, const std::string& trace_id) override;
    void record_status(const std::string& station, const ConnectorStatus& status, const std::string& message_id,
                       const std::string& trace_id) override;
    void record_connection(const envelope::Envelope& event) override;

private:
    pqxx::work& tx_;
};

} // namespace recarga::manager
