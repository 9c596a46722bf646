// REST resources for operator accounts (api/openapi.yaml: /api/v1/auth, /api/v1/users, /api/v1/api-keys) and
// the audit log (/api/v1/audit). Handlers get a body and parameters already validated against the spec
// (api/spec_validator.hpp) and check only what the schema cannot say (conflicts, the last admin).
#pragma once

#include "api/call.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace recarga::manager::api {

Response login(Call& c);
Response logout(Call& c);
Response get_me(Call& c);

Response list_users(Call& c);
Response create_user(Call& c);
Response get_user(Call& c);
Response update_user(Call& c);
Response delete_user(Call& c);

Response list_api_keys(Call& c);
Response create_api_key(Call& c);
Response get_api_key(Call& c);
Response revoke_api_key(Call& c);

Response list_audit(Call& c);

boost::json::object user_json(const UserRecord& u);
boost::json::object api_key_json(const ApiKeyRecord& k);
// Page size from the validated `limit` query parameter.
long page_limit(const Call& c);
// A page of items already serialized as JSON (each row's .second): {"items":[...],"nextCursor":...}. `rows` holds
// one more than `limit` when there is a next page; its cursor is the JSON string of cursor_of(rows[limit - 1]).
template <class Row, class CursorOf>
Response json_text_page(const std::vector<Row>& rows, long limit, CursorOf cursor_of) {
    std::string body = "{\"items\":[";
    const auto n = std::min<long>(static_cast<long>(rows.size()), limit);
    for (long i = 0; i < n; ++i) {
        body += (i ? "," : "") + rows[static_cast<std::size_t>(i)].second;
    }
    body += "],\"nextCursor\":";
    body += static_cast<long>(rows.size()) > limit
                ? boost::json::serialize(boost::json::value(cursor_of(rows[static_cast<std::size_t>(limit - 1)])))
                : std::string("null");
    body += '}';
    return {200, std::move(body)};
}

} // namespace recarga::manager::api
