// Station events that have no aggregate of their own yet (firmware/diagnostics/log status, security events,
// device-model reports and events, charging limits, display messages, certificate requests, ...): stored as
// they arrived, one row per call, deduplicated on (station, action, message id, payload).
#pragma once

#include "recarga/envelope/envelope.hpp"

#include <pqxx/transaction>

namespace recarga::manager {

class EventStore {
public:
    virtual ~EventStore() = default;
    // Stores the call's payload; a redelivered call (same message id and payload) adds nothing.
    virtual void record(const envelope::Envelope& call) = 0;
};

class PgEventStore final : public EventStore {
public:
    explicit PgEventStore(pqxx::work& tx) : tx_(tx) {}
    void record(const envelope::Envelope& call) override;

private:
    pqxx::work& tx_;
};

} // namespace recarga::manager
