// Pages of the operator API's read models: opaque cursors (the sort key of a page's last row, its text parts
// hex encoded so that the cursor travels in a URL unchanged; decode_cursor refuses what this server did not give:
// odd length, not hex, a NUL, another number of parts; the caller checks numbers with parse_int), the JSON page
// {items, nextCursor} and the CSV attachment of an export.
#pragma once

#include "api/call.hpp"
#include "store/json_rows.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager::api {

std::string encode_cursor(const std::vector<std::string>& parts);
std::optional<std::vector<std::string>> decode_cursor(std::string_view cursor, std::size_t parts);
// A decimal integer of at most 18 digits (an optional leading minus), else nullopt.
std::optional<std::int64_t> parse_int(std::string_view text);

// The 400 problem of a cursor this server did not give.
Response invalid_cursor();

// A query parameter of the request (already validated against the spec), or nullopt.
std::optional<std::string> query_param(const Call& c, const std::string& name);
// The integer query parameter `name` (checked by the spec), or `fallback`.
long query_long(const Call& c, const std::string& name, long fallback);
// Whether the caller asked for format=csv.
bool wants_csv(const Call& c);
// Rows of one CSV export; a longer result continues with X-Next-Cursor.
inline constexpr long kCsvMaxRows = 100000;
// How many rows to show: the `limit` of a JSON page (or `fallback`), or kCsvMaxRows for a CSV export.
long rows_to_show(const Call& c, long fallback);
// The JSON page, or with format=csv the CSV attachment of the rows (`header` names its columns).
Response page_or_csv(const Call& c, const std::vector<std::string>& header, const std::vector<JsonRow>& rows,
                     long limit, const std::string& filename);

// {items, nextCursor}: `rows` holds up to limit + 1 rows; the extra one only says that there is a next page,
// whose cursor is the key of the last row shown.
Response json_page(const std::vector<JsonRow>& rows, long limit);
// A CSV attachment: the header, then the fields of up to `limit` rows; with more rows, X-Next-Cursor carries the
// cursor of the rest.
Response csv_attachment(const std::vector<std::string>& header, const std::vector<JsonRow>& rows, long limit,
                        const std::string& filename);

} // namespace recarga::manager::api
