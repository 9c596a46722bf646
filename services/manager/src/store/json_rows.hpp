// A row of an API read model as the stores return it: the JSON object PostgreSQL built (one round trip, no
// re-encoding), the row's sort key (for the page cursor) and, for lists that export as CSV, its fields as text.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace recarga::manager {

struct JsonRow {
    std::vector<std::string> key;
    std::string json;
    std::vector<std::optional<std::string>> fields; // CSV columns (empty for lists without an export)
};

} // namespace recarga::manager
