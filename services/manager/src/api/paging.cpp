#include "api/paging.hpp"

#include "domain/csv.hpp"

#include <algorithm>

namespace recarga::manager::api {

namespace {

constexpr char kSeparator = '\x1f'; // the unit separator never occurs in keys (refused by the validator)

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

} // namespace

std::string encode_cursor(const std::vector<std::string>& parts) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            joined += kSeparator;
        }
        joined += parts[i];
    }
    std::string out;
    out.reserve(joined.size() * 2);
    for (unsigned char c : joined) {
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::optional<std::vector<std::string>> decode_cursor(std::string_view cursor, std::size_t parts) {
    if (cursor.empty() || cursor.size() % 2 != 0) {
        return std::nullopt;
    }
    std::vector<std::string> out(1);
    for (std::size_t i = 0; i < cursor.size(); i += 2) {
        const int hi = hex_value(cursor[i]), lo = hex_value(cursor[i + 1]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        const char c = static_cast<char>(hi * 16 + lo);
        if (c == kSeparator) {
            out.emplace_back();
        } else if (c == '\0') {
            return std::nullopt;
        } else {
            out.back() += c;
        }
    }
    if (out.size() != parts) {
        return std::nullopt;
    }
    return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
    const bool negative = text.starts_with('-');
    const auto digits = negative ? text.substr(1) : text;
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    for (char c : digits) {
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

Response invalid_cursor() {
    return problem(400, "invalid-parameter", "Invalid parameter", "cursor is not one this server gave");
}

std::optional<std::string> query_param(const Call& c, const std::string& name) {
    auto it = c.req.query.find(name);
    return it == c.req.query.end() ? std::nullopt : std::optional<std::string>(it->second);
}

long query_long(const Call& c, const std::string& name, long fallback) {
    auto v = query_param(c, name);
    auto n = v ? parse_int(*v) : std::nullopt;
    return n ? static_cast<long>(*n) : fallback;
}

bool wants_csv(const Call& c) {
    return query_param(c, "format") == "csv";
}

long rows_to_show(const Call& c, long fallback) {
    return wants_csv(c) ? kCsvMaxRows : query_long(c, "limit", fallback);
}

Response page_or_csv(const Call& c, const std::vector<std::string>& header, const std::vector<JsonRow>& rows,
                     long limit, const std::string& filename) {
    return wants_csv(c) ? csv_attachment(header, rows, limit, filename) : json_page(rows, limit);
}

Response json_page(const std::vector<JsonRow>& rows, long limit) {
    std::string body = "{\"items\":[";
    const auto n = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(limit));
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) {
            body += ',';
        }
        body += rows[i].json;
    }
    body += "],\"nextCursor\":";
    // Cursors are hex: they need no JSON escaping.
    body += rows.size() > n ? "\"" + encode_cursor(rows[n - 1].key) + "\"" : std::string("null");
    body += '}';
    return {200, std::move(body)};
}

Response csv_attachment(const std::vector<std::string>& header, const std::vector<JsonRow>& rows, long limit,
                        const std::string& filename) {
    std::string body;
    std::vector<std::optional<std::string>> head(header.begin(), header.end());
    csv::append_record(body, head);
    const auto n = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(limit));
    for (std::size_t i = 0; i < n; ++i) {
        csv::append_record(body, rows[i].fields);
    }
    Response res{200, std::move(body), "text/csv; charset=utf-8"};
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    if (rows.size() > n && n > 0) {
        res.headers.emplace_back("X-Next-Cursor", encode_cursor(rows[n - 1].key));
    }
    return res;
}

} // namespace recarga::manager::api
