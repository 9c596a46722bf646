// OCPP protocol versions spoken by Recarga and their WebSocket subprotocol names.
#pragma once

#include <optional>
#include <string_view>

namespace recarga::ocpp {

enum class Version { v16, v201, v21 };

// The Sec-WebSocket-Protocol token of a version ("ocpp1.6", "ocpp2.0.1", "ocpp2.1").
std::string_view subprotocol(Version v) noexcept;
std::optional<Version> version_from_subprotocol(std::string_view token) noexcept;

// Picks the version to speak from a client's Sec-WebSocket-Protocol header value (a comma separated
// list). The newest version the server supports wins; `enabled` filters what this deployment accepts.
std::optional<Version> negotiate_subprotocol(std::string_view offered, bool v16, bool v201, bool v21) noexcept;

} // namespace recarga::ocpp
