// The one message type that passes between gateway and manager over RabbitMQ (docs/contracts/amqp.md).
//
// An AMQP message body is a batch: a JSON array of envelopes, so that a gateway or manager under load can
// carry many OCPP frames in one broker message. Every envelope names its station and the gateway connection
// it belongs to; replies copy both so that a reply for a replaced connection is dropped, not misdelivered.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace recarga::envelope {

enum class Kind {
    Call,         // gateway -> manager: a CALL the station sent
    Result,       // manager -> gateway: CALLRESULT payload for the station
    Error,        // manager -> gateway: CALLERROR for the station (code already spelled for its version)
    Connected,    // gateway -> manager: a station's WebSocket is open
    Disconnected, // gateway -> manager: a station's WebSocket closed
    Command,      // manager -> gateway: a CALL the central system sends to a station the gateway holds
    CommandResult, // gateway -> manager (replyTo queue): how a Command ended (outcome)
    Close,        // manager -> gateway: close this station connection (it connected again elsewhere)
    Admit,        // gateway -> manager: may this station connect with these credentials? (payload)
    Admission,    // manager -> gateway: the answer to Admit (outcome, payload.profile)
};

std::string_view to_string(Kind k) noexcept;
std::optional<Kind> kind_from_string(std::string_view s) noexcept;

struct Envelope {
    Kind kind = Kind::Call;
    std::string station;          // station identity from the URL
    std::string gateway;          // gateway instance id
    std::uint64_t connection = 0; // the gateway's number for this WebSocket connection
    std::string protocol;         // negotiated subprotocol: "ocpp1.6", "ocpp2.0.1", "ocpp2.1"
    std::string message_id;       // OCPP message id (Call, Result, Error)
    std::string action;           // OCPP action (Call)
    boost::json::value payload;   // OCPP payload (Call, Result); details object (Error)
    std::string error_code;       // Error
    std::string error_description; // Error; close reason (Disconnected)
    std::string trace_id;         // follows one call from gateway through broker into manager logs and rows
    std::int64_t at_us = 0;       // when the gateway received the frame or saw the event (unix microseconds)
    std::string remote;           // peer address (Connected)
    std::string reply_to;         // Command: the queue that gets the CommandResult
    std::int64_t timeout_ms = 0;  // Command: how long the station may take to answer
    std::string outcome;          // CommandResult: "result", "error", "timeout", "offline", "busy", "invalid";
                                  // Admission: "accepted", "unauthorized", "below-profile", "blocked"
};

// Outcomes of a Command (docs/contracts/amqp.md "CSMS-initiated commands").
namespace outcome {
inline constexpr std::string_view kResult = "result";   // the station's CALLRESULT (payload)
inline constexpr std::string_view kError = "error";     // the station's CALLERROR (errorCode, errorDescription)
inline constexpr std::string_view kTimeout = "timeout"; // the station did not answer in time
inline constexpr std::string_view kOffline = "offline"; // the gateway does not hold the station (any more)
inline constexpr std::string_view kBusy = "busy";       // too many commands already queued for the station
inline constexpr std::string_view kInvalid = "invalid"; // the station answered with a payload its schema refuses
} // namespace outcome

std::string encode_batch(std::span<const Envelope> batch);

struct DecodeFailure {
    std::string description;
};
// Decodes a batch. An envelope that is not well formed fails the whole batch: it cannot have come from a
// conforming peer, and the caller must reject (and log) the message rather than guess.
std::optional<std::vector<Envelope>> decode_batch(std::string_view body, DecodeFailure& failure);

std::int64_t now_us() noexcept;
std::string new_trace_id();

} // namespace recarga::envelope
