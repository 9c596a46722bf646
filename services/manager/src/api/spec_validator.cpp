#include "api/spec_validator.hpp"

#include "recarga/common/embedded.hpp"

#include <boost/json/parse.hpp>
#include <cctype>
#include <cstdint>
#include <new>
#include <set>
#include <stdexcept>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace recarga::embedded {
extern const recarga::common::EmbeddedFile api_spec_json[];
extern const std::size_t api_spec_json_count;
} // namespace recarga::embedded

namespace recarga::manager::api {

namespace json = boost::json;

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) {
        return false;
    }
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

int num(std::string_view s, std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

} // namespace

bool is_uuid(std::string_view s) {
    if (s.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') {
                return false;
            }
        } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

bool is_date_time(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    if (!(digits(s, 0, 4) && s.size() > 19 && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' && digits(s, 8, 2) &&
          (s[10] == 'T' || s[10] == 't') && digits(s, 11, 2) && s[13] == ':' && digits(s, 14, 2) && s[16] == ':' &&
          digits(s, 17, 2))) {
        return false;
    }
    const int month = num(s, 5, 2), day = num(s, 8, 2), hour = num(s, 11, 2), minute = num(s, 14, 2),
              second = num(s, 17, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return false;
    }
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const auto start = pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
            ++pos;
        }
        if (pos == start || pos - start > 9) {
            return false;
        }
    }
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        return pos + 1 == s.size();
    }
    return pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && digits(s, pos + 1, 2) && s[pos + 3] == ':' &&
           digits(s, pos + 4, 2) && num(s, pos + 1, 2) <= 23 && num(s, pos + 4, 2) <= 59;
}

namespace {

// valijson's own "format" check builds a std::regex per call and knows no uuid: formats the server relies on
// (uuid, date-time; both reach PostgreSQL casts) are checked by this constraint instead.
constexpr const char* kFormatKeyword = "x-recarga-format";

class FormatConstraint : public valijson::constraints::PolyConstraint {
public:
    explicit FormatConstraint(std::string format) : format_(std::move(format)) {}
    bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        if (!target.isString()) {
            return true;
        }
        const auto s = target.getString();
        const bool ok = format_ == "uuid" ? is_uuid(s) : is_date_time(s);
        if (!ok && results != nullptr) {
            results->pushError(context, "String should be a valid " + format_);
        }
        return ok;
    }

private:
    valijson::constraints::Constraint* cloneInto(void* p) const override { return new (p) FormatConstraint(*this); }
    size_t sizeOf() const override { return sizeof(FormatConstraint); }
    std::string format_;
};

class FormatConstraintBuilder : public valijson::ConstraintBuilder {
public:
    valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
        return new FormatConstraint(value.isString() ? value.getString() : "date-time");
    }
};

void replace_formats(json::value& node) {
    if (auto* o = node.if_object()) {
        if (auto* f = o->if_contains("format");
            f != nullptr && f->is_string() && (f->get_string() == "date-time" || f->get_string() == "uuid")) {
            json::value fmt = *f;
            o->erase("format");
            (*o)[kFormatKeyword] = fmt;
        }
        for (auto& kv : *o) {
            replace_formats(kv.value());
        }
    } else if (auto* a = node.if_array()) {
        for (auto& v : *a) {
            replace_formats(v);
        }
    }
}

struct CompiledSchema {
    json::value doc; // the schema with the spec's components beside it, so that #/components/... refs resolve
    valijson::Schema schema;
    std::string type; // the schema's "type" when it is a plain string (parameters: how to read their text)
};

std::unique_ptr<CompiledSchema> compile(const json::value& schema, const json::object& components) {
    auto c = std::make_unique<CompiledSchema>();
    json::object doc = schema.is_object() ? schema.as_object() : json::object{};
    doc["components"] = components;
    c->doc = std::move(doc);
    replace_formats(c->doc);
    if (auto* t = schema.as_object().if_contains("type"); t && t->is_string()) {
        c->type = std::string(t->as_string());
    }
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.addConstraintBuilder(kFormatKeyword, new FormatConstraintBuilder()); // the parser deletes it
    valijson::adapters::BoostJsonAdapter adapter(c->doc);
    parser.populateSchema(adapter, c->schema);
    return c;
}

std::string first_error(valijson::ValidationResults& results) {
    valijson::ValidationResults::Error error;
    std::string where, what;
    // The deepest error says most; valijson reports outer errors ("failed to validate property") first.
    while (results.popError(error)) {
        std::string path;
        for (const auto& part : error.context) {
            path += part;
        }
        if (path.size() >= where.size()) {
            where = path;
            what = error.description;
        }
    }
    if (where.starts_with("<root>")) {
        where = where.substr(6);
    }
    return (where.empty() ? "body" : "body" + where) + ": " + what;
}

bool validate_with(const CompiledSchema& s, const json::value& v, valijson::ValidationResults* results) {
    valijson::Validator validator;
    valijson::adapters::BoostJsonAdapter target(v);
    return validator.validate(s.schema, target, results);
}

// Parameters reach PostgreSQL as text: it refuses NUL and invalid UTF-8, so they are refused here, as 400.
bool is_clean_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c == 0) {
            return false;
        } else if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= s.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        static constexpr std::uint32_t min_of[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_of[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false; // overlong, out of range or a surrogate
        }
        i += extra + 1;
    }
    return true;
}

// Whether a JSON value holds a NUL character in a string or key: PostgreSQL cannot store one, libpq would cut the
// text at it (after the schema saw the whole string) and HTTP headers cannot carry it.
bool has_nul(const json::value& v) {
    if (auto* s = v.if_string()) {
        return s->find('\0') != json::string::npos;
    }
    if (auto* o = v.if_object()) {
        for (const auto& kv : *o) {
            if (kv.key().find('\0') != std::string_view::npos || has_nul(kv.value())) {
                return true;
            }
        }
    } else if (auto* a = v.if_array()) {
        for (const auto& e : *a) {
            if (has_nul(e)) {
                return true;
            }
        }
    }
    return false;
}

// A parameter's text as the JSON value its schema expects; nullopt when it cannot be one.
std::optional<json::value> typed(const std::string& type, const std::string& text) {
    if (type == "integer") {
        if (text.empty() || text.size() > 18 ||
            (text.find_first_not_of("0123456789") != std::string::npos &&
             !(text[0] == '-' && text.size() > 1 && text.find_first_not_of("0123456789", 1) == std::string::npos))) {
            return std::nullopt;
        }
        return json::value(std::stoll(text));
    }
    if (type == "array") { // a repeatable parameter (form, exploded): each occurrence is checked as one item
        return json::value(json::array{json::value(text)});
    }
    if (type == "boolean") {
        if (text == "true" || text == "false") {
            return json::value(text == "true");
        }
        return std::nullopt;
    }
    return json::value(text);
}

} // namespace

struct SpecValidator::Impl {
    struct Param {
        std::string name;
        bool required = false;
        std::unique_ptr<CompiledSchema> schema;
    };
    struct Operation {
        OperationInfo info;
        std::vector<Param> query;
        std::vector<Param> path;
        std::unique_ptr<CompiledSchema> body;
        bool body_required = false;
        bool body_accepts_csv = false; // the body may also be text/csv, which the handler parses
        std::map<int, std::unique_ptr<CompiledSchema>> responses; // null schema: no content
        std::set<int> csv_responses;                              // statuses that may answer text/csv
    };
    std::map<std::string, std::unique_ptr<CompiledSchema>> components; // components/schemas by name
    std::unique_ptr<CompiledSchema> problem_schema;
    json::value spec;
    std::vector<Operation> operations;

    const json::value& resolve(const json::value& v) const {
        if (auto* o = v.if_object()) {
            if (auto* ref = o->if_contains("$ref"); ref && ref->is_string()) {
                std::string pointer(ref->as_string());
                if (!pointer.starts_with("#")) {
                    throw std::runtime_error("external $ref in api/openapi.yaml: " + pointer);
                }
                return spec.at_pointer(pointer.substr(1));
            }
        }
        return v;
    }
};

SpecValidator::SpecValidator(std::string_view spec_json) : impl_(std::make_unique<Impl>()) {
    auto& i = *impl_;
    i.spec = json::parse(spec_json);
    const auto& components = i.spec.at("components").as_object();
    // Operations need credentials when the document requires a security scheme, unless they say `security: []`.
    const auto* global_security = i.spec.as_object().if_contains("security");
    const bool global_public =
        global_security == nullptr || !global_security->is_array() || global_security->as_array().empty();
    for (const auto& [path, item_v] : i.spec.at("paths").as_object()) {
        const auto& item = item_v.as_object();
        for (const auto& [method, op_v] : item) {
            if (method == "parameters" || !op_v.is_object()) {
                continue;
            }
            const auto& op = op_v.as_object();
            Impl::Operation o;
            o.info.method = std::string(method);
            for (auto& ch : o.info.method) {
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            }
            o.info.path = std::string(path);
            if (auto* id = op.if_contains("operationId")) {
                o.info.operation_id = std::string(id->as_string());
            }
            o.info.is_public = global_public;
            if (auto* sec = op.if_contains("security"); sec && sec->is_array() && sec->as_array().empty()) {
                o.info.is_public = true;
            }
            auto add_params = [&](const json::value* list) {
                if (list == nullptr) {
                    return;
                }
                for (const auto& pv : list->as_array()) {
                    const auto& p = i.resolve(pv).as_object();
                    Impl::Param param;
                    param.name = std::string(p.at("name").as_string());
                    param.required = p.contains("required") && p.at("required").as_bool();
                    param.schema =
                        compile(p.contains("schema") ? p.at("schema") : json::value(json::object{}), components);
                    const auto in = p.at("in").as_string();
                    (in == "path" ? o.path : o.query).push_back(std::move(param));
                }
            };
            add_params(item.if_contains("parameters"));
            add_params(op.if_contains("parameters"));
            if (auto* rb = op.if_contains("requestBody")) {
                const auto& body = i.resolve(*rb).as_object();
                o.body_required = body.contains("required") && body.at("required").as_bool();
                o.body = compile(body.at("content").at("application/json").at("schema"), components);
                o.body_accepts_csv = body.at("content").as_object().contains("text/csv");
            }
            if (auto* responses = op.if_contains("responses")) {
                for (const auto& [code, rv] : responses->as_object()) {
                    const auto& r = i.resolve(rv).as_object();
                    std::unique_ptr<CompiledSchema> schema;
                    if (auto* content = r.if_contains("content")) {
                        for (const auto& [media, mv] : content->as_object()) {
                            if (media == "application/json" || media == "application/problem+json") {
                                schema = compile(mv.at("schema"), components);
                            } else if (media == "text/csv") {
                                o.csv_responses.insert(std::atoi(std::string(code).c_str()));
                            }
                        }
                    }
                    o.responses[std::atoi(std::string(code).c_str())] = std::move(schema);
                }
            }
            i.operations.push_back(std::move(o));
        }
    }
    i.problem_schema = compile(json::object{{"$ref", "#/components/schemas/Problem"}}, components);
    if (auto* schemas = components.if_contains("schemas")) {
        for (const auto& [name, _] : schemas->as_object()) {
            i.components[std::string(name)] =
                compile(json::object{{"$ref", "#/components/schemas/" + std::string(name)}}, components);
        }
    }
}

std::optional<std::string> SpecValidator::check_schema(const std::string& name, const json::value& value) const {
    auto it = impl_->components.find(name);
    if (it == impl_->components.end()) {
        return "no schema " + name + " in the spec";
    }
    valijson::ValidationResults results;
    if (!validate_with(*it->second, value, &results)) {
        return first_error(results);
    }
    return std::nullopt;
}

SpecValidator::~SpecValidator() = default;

std::optional<std::string> SpecValidator::check_response(const std::string& method, const std::string& path_template,
                                                         int status, const std::string& body,
                                                         const std::string& content_type) const {
    const auto& i = *impl_;
    const Impl::Operation* op = nullptr;
    for (const auto& o : i.operations) {
        if (o.info.method == method && o.info.path == path_template) {
            op = &o;
        }
    }
    if (op == nullptr) {
        return "no operation " + method + " " + path_template + " in the spec";
    }
    if (content_type.starts_with("text/csv")) {
        return op->csv_responses.contains(status) ? std::nullopt
                                                  : std::optional<std::string>("status " + std::to_string(status) +
                                                                               " declares no text/csv content");
    }
    const CompiledSchema* schema = nullptr;
    if (auto it = op->responses.find(status); it != op->responses.end()) {
        schema = it->second.get();
        if (schema == nullptr) {
            return body.empty() ? std::nullopt
                                : std::optional<std::string>("status " + std::to_string(status) +
                                                             " declares no content, got some");
        }
    } else if (status >= 400) {
        schema = i.problem_schema.get();
    } else {
        return "status " + std::to_string(status) + " is not declared for " + method + " " + path_template;
    }
    boost::system::error_code ec;
    auto parsed = json::parse(body, ec);
    if (ec) {
        return "the body is not JSON";
    }
    valijson::ValidationResults results;
    if (!validate_with(*schema, parsed, &results)) {
        return first_error(results);
    }
    return std::nullopt;
}

const SpecValidator& SpecValidator::embedded() {
    static const SpecValidator v(embedded::api_spec_json[0].content);
    return v;
}

std::vector<OperationInfo> SpecValidator::operations() const {
    std::vector<OperationInfo> out;
    for (const auto& o : impl_->operations) {
        out.push_back(o.info);
    }
    return out;
}

std::optional<Response> SpecValidator::validate(const std::string& method, const std::string& path_template,
                                                const Request& req,
                                                const std::map<std::string, std::string>& path_params,
                                                json::value& body) const {
    const Impl::Operation* op = nullptr;
    for (const auto& o : impl_->operations) {
        if (o.info.method == method && o.info.path == path_template) {
            op = &o;
            break;
        }
    }
    if (op == nullptr) {
        return problem(404, "not-found", "Not found", "no such operation: " + method + " " + path_template);
    }
    auto check = [](const Impl::Param& p, const std::string& text, const char* where) -> std::optional<Response> {
        if (!is_clean_utf8(text)) {
            return problem(400, "invalid-parameter", "Invalid parameter",
                           std::string(where) + " parameter " + p.name + " is not valid UTF-8 text");
        }
        auto v = typed(p.schema->type, text);
        valijson::ValidationResults results;
        if (!v || !validate_with(*p.schema, *v, &results)) {
            std::string why = v ? first_error(results) : "not a " + p.schema->type;
            if (why.starts_with("body: ")) {
                why = why.substr(6);
            }
            return problem(400, "invalid-parameter", "Invalid parameter",
                           std::string(where) + " parameter " + p.name + " is invalid: " + why);
        }
        return std::nullopt;
    };
    for (const auto& [name, value] : req.query) {
        auto it = std::find_if(op->query.begin(), op->query.end(), [&](const auto& p) { return p.name == name; });
        if (it == op->query.end()) {
            return problem(400, "invalid-parameter", "Invalid parameter", "unknown query parameter " + name);
        }
        if (auto p = check(*it, value, "query")) {
            return p;
        }
    }
    for (const auto& p : op->query) {
        if (p.required && !req.query.contains(p.name)) {
            return problem(400, "invalid-parameter", "Invalid parameter", "query parameter " + p.name + " is required");
        }
    }
    for (const auto& p : op->path) {
        auto it = path_params.find(p.name);
        if (auto prob = check(p, it == path_params.end() ? std::string() : it->second, "path")) {
            return prob;
        }
    }
    body = nullptr;
    if (!op->body) {
        return std::nullopt;
    }
    if (req.body.empty()) {
        if (op->body_required) {
            return problem(400, "invalid-body", "Invalid body", "this operation needs a JSON body");
        }
        return std::nullopt;
    }
    std::string_view ct = req.content_type;
    ct = ct.substr(0, ct.find(';'));
    while (!ct.empty() && ct.back() == ' ') {
        ct.remove_suffix(1);
    }
    if (ct == "text/csv" && op->body_accepts_csv) {
        if (!is_clean_utf8(req.body)) {
            return problem(400, "invalid-body", "Invalid body", "the CSV body is not valid UTF-8 text");
        }
        return std::nullopt; // parsed by the handler
    }
    if (ct != "application/json") {
        return problem(415, "unsupported-media-type", "Unsupported media type", "send the body as application/json");
    }
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 32;
    auto parsed = json::parse(req.body, ec, {}, options);
    if (ec) {
        return problem(400, "invalid-json", "Malformed JSON", "the body is not JSON: " + ec.message());
    }
    if (has_nul(parsed)) {
        return problem(400, "invalid-body", "Invalid body", "text in the body must not contain NUL characters");
    }
    valijson::ValidationResults results;
    if (!validate_with(*op->body, parsed, &results)) {
        return problem(400, "invalid-body", "Invalid body", first_error(results));
    }
    body = std::move(parsed);
    return std::nullopt;
}

} // namespace recarga::manager::api
