#include "domain/csv.hpp"

namespace recarga::manager::csv {

namespace {

// -?digits[.digits][e[+-]digits]
bool is_number(std::string_view v) {
    std::size_t i = 0;
    auto digits = [&] {
        const auto start = i;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
            ++i;
        }
        return i > start;
    };
    if (i < v.size() && v[i] == '-') {
        ++i;
    }
    if (!digits()) {
        return false;
    }
    if (i < v.size() && v[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '+' || v[i] == '-')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
    }
    return i == v.size();
}

} // namespace

void append_field(std::string& out, std::string_view value) {
    if (is_number(value)) {
        out += value;
        return;
    }
    const bool formula = !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                                            value[0] == '@' || value[0] == '\t' || value[0] == '\r');
    const bool quote = formula || value.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        out += value;
        return;
    }
    out += '"';
    if (formula) {
        out += '\'';
    }
    for (char c : value) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

void append_record(std::string& out, const std::vector<std::optional<std::string>>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        if (fields[i]) {
            append_field(out, *fields[i]);
        }
    }
    out += "\r\n";
}

ParseResult parse(std::string_view text, std::size_t max_records) {
    ParseResult result;
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::size_t i = 0;
    std::size_t line = 1;
    while (i < text.size() && result.records.size() <= max_records) {
        Record rec;
        rec.line = line;
        std::string field;
        bool end_of_record = false;
        bool blank = true;
        while (!end_of_record) {
            if (i < text.size() && text[i] == '"') {
                blank = false;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (text[i] == '\n') {
                        ++line;
                    }
                    field += text[i++];
                }
                if (!closed) {
                    result.error = "a quoted field is not closed";
                    result.error_line = rec.line;
                    return result;
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    result.error = "text after a closing quote";
                    result.error_line = line;
                    return result;
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"') {
                        result.error = "a quote inside an unquoted field";
                        result.error_line = line;
                        return result;
                    }
                    field += text[i++];
                }
            }
            if (!field.empty()) {
                blank = false;
            }
            rec.fields.push_back(std::move(field));
            field.clear();
            if (i < text.size() && text[i] == ',') {
                blank = false;
                ++i;
                continue;
            }
            if (i < text.size() && text[i] == '\r') {
                ++i;
            }
            if (i < text.size() && text[i] == '\n') {
                ++i;
            }
            ++line;
            end_of_record = true;
        }
        if (!blank) {
            result.records.push_back(std::move(rec));
        }
    }
    return result;
}

} // namespace recarga::manager::csv
