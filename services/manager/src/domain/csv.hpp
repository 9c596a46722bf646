// CSV (RFC 4180) as the operator API reads and writes it: exports of transactions and meter values, imports of id
// tokens. Pure functions, no I/O. Fields are quoted when they hold a comma, quote, CR or LF, or start with a
// character a spreadsheet would take for a formula (=, +, -, @, tab, CR), which is then prefixed with a quote
// mark inside the quotes (OWASP "CSV injection"); a plain decimal number (e.g. -12.5, 1e+16) is written as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager::csv {

// Appends one field, quoted (and defused) when needed.
void append_field(std::string& out, std::string_view value);
// Appends a record: fields joined by commas, ended by CRLF. nullopt is an empty field.
void append_record(std::string& out, const std::vector<std::optional<std::string>>& fields);

struct Record {
    std::size_t line = 0; // line of the file where the record starts, from 1
    std::vector<std::string> fields;
};

struct ParseResult {
    std::vector<Record> records;
    std::optional<std::string> error; // the first malformed record (unterminated quote, text after a quote)
    std::size_t error_line = 0;
};

// Parses a whole document (CRLF or LF line ends, quoted fields with "" escapes, a BOM at the start ignored).
// Blank lines are skipped. Stops at `max_records` + 1 records so that the caller can refuse an oversized file.
ParseResult parse(std::string_view text, std::size_t max_records);

} // namespace recarga::manager::csv
