// REST resources for live events (api/openapi.yaml: GET /api/v1/events, /api/v1/webhooks). The event stream
// itself is written by http_server.cpp: the router authenticates and authorizes the request like any other, and
// events_stream() answers 200 text/event-stream with an empty body, which tells the server to switch the
// connection to a Server-Sent Events stream (events/broadcaster.hpp). Webhooks are stored here and delivered by
// webhooks/dispatcher.hpp.
#pragma once

#include "api/call.hpp"

namespace recarga::manager::api {

inline constexpr std::string_view kEventStreamType = "text/event-stream";

Response events_stream(Call& c);

Response list_webhooks(Call& c);
Response create_webhook(Call& c);
Response get_webhook(Call& c);
Response delete_webhook(Call& c);

// True for an absolute http:// or https:// URL with a host and nothing a request line could not carry.
bool is_webhook_url(std::string_view url);

} // namespace recarga::manager::api
