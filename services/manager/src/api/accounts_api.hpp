// REST resources for operator accounts (api/openapi.yaml: /api/v1/auth, /api/v1/users, /api/v1/api-keys) and
// the audit log (/api/v1/audit). Handlers get a body and parameters already validated against the spec
// (api/spec_validator.hpp) and check only what the schema cannot say (conflicts, the last admin).
#pragma once

#include "api/call.hpp"

#include <boost/json/object.hpp>

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

} // namespace recarga::manager::api
