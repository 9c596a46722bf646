// HTTP Basic credentials of a station's upgrade request (security profiles 1 and 2): "Basic base64(id:password)".
// Pure parsing; the gateway passes the password to the manager, which decides.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace recarga::gateway {

struct BasicCredentials {
    std::string user;
    std::string password;
};

// nullopt when the header is not a well-formed Basic authorization (wrong scheme, bad base64, no colon).
std::optional<BasicCredentials> parse_basic_authorization(std::string_view header);

} // namespace recarga::gateway
