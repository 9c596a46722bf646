// REST resources for id tokens (api/openapi.yaml: /api/v1/id-tokens): list, read, create, change, delete and bulk
// import (JSON array or CSV, upsert, errors per entry). Changes commit with their audit entry (api/router.cpp)
// and take effect at the token's next use: authorization reads id_tokens without a cache.
#pragma once

#include "api/call.hpp"

#include <cstddef>

namespace recarga::manager::api {

// Entries of one import (JSON array items or CSV data lines); the spec says the same (maxItems).
inline constexpr std::size_t kMaxImportEntries = 10000;

Response list_id_tokens(Call& c);
Response create_id_token(Call& c);
Response get_id_token(Call& c);
Response update_id_token(Call& c);
Response delete_id_token(Call& c);
Response import_id_tokens(Call& c);

} // namespace recarga::manager::api
