#include "recarga/ocpp/validator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "embedded_schemas.hpp"

namespace recarga::ocpp {

namespace json = boost::json;

namespace {

struct Compiled {
    std::string_view action;
    json::value request_doc; // valijson may refer to the source documents: keep them alive
    json::value response_doc;
    std::unique_ptr<valijson::Schema> request;
    std::unique_ptr<valijson::Schema> response;
};

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) {
        return false;
    }
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// RFC 3339 date-time (the JSON Schema "date-time" format): YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM).
bool is_rfc3339_date_time(std::string_view s) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, oh = 0, om = 0;
    if (!digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, hour) || s[13] != ':' ||
        !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second)) {
        return false;
    }
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || hour > 23 || minute > 59 || second > 60) {
        return false;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) {
        return false;
    }
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ++pos;
        }
        if (pos == start) {
            return false;
        }
    }
    if (pos + 1 == s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        return true;
    }
    return pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && digits(s, pos + 1, 2, oh) &&
           s[pos + 3] == ':' && digits(s, pos + 4, 2, om) && oh <= 23 && om <= 59;
}

// valijson 1.0 checks "format": "date-time" by constructing a std::regex on every call (~0.4 ms per
// timestamp here), which alone would cap a core at a few thousand frames/s. The in-memory copy of each schema
// therefore carries the keyword below instead, checked by this constraint with the same error text.
constexpr const char* kDateTimeKeyword = "x-recarga-date-time";

class DateTimeConstraint : public valijson::constraints::PolyConstraint {
public:
    bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        if (!target.isString() || is_rfc3339_date_time(target.getString())) {
            return true; // "format" applies to strings only
        }
        if (results != nullptr) {
            results->pushError(context, "String should be a valid date-time");
        }
        return false;
    }

private:
    valijson::constraints::Constraint* cloneInto(void* p) const override { return new (p) DateTimeConstraint(*this); }
    size_t sizeOf() const override { return sizeof(DateTimeConstraint); }
};

class DateTimeConstraintBuilder : public valijson::ConstraintBuilder {
public:
    valijson::constraints::Constraint* make(const valijson::adapters::Adapter&) const override {
        return new DateTimeConstraint();
    }
};

void replace_date_time_format(json::value& node) {
    if (auto* o = node.if_object()) {
        if (auto* f = o->if_contains("format"); f != nullptr && f->is_string() && f->get_string() == "date-time") {
            o->erase("format");
            (*o)[kDateTimeKeyword] = true;
        }
        for (auto& kv : *o) {
            replace_date_time_format(kv.value());
        }
    } else if (auto* a = node.if_array()) {
        for (auto& v : *a) {
            replace_date_time_format(v);
        }
    }
}

std::unique_ptr<valijson::Schema> compile(const detail::EmbeddedSchema& e, json::value& doc) {
    doc = json::parse(e.text);
    replace_date_time_format(doc);
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(e.draft == 4 ? valijson::SchemaParser::kDraft4 : valijson::SchemaParser::kDraft7);
    parser.addConstraintBuilder(kDateTimeKeyword, new DateTimeConstraintBuilder()); // the parser deletes it
    valijson::adapters::BoostJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *schema);
    return schema;
}

std::vector<Compiled> compile_all(std::span<const detail::EmbeddedSchema> embedded) {
    std::vector<Compiled> out;
    for (const auto& e : embedded) {
        auto it = std::find_if(out.begin(), out.end(), [&](const Compiled& c) { return c.action == e.action; });
        if (it == out.end()) {
            out.push_back(Compiled{e.action, {}, {}, nullptr, nullptr});
            it = std::prev(out.end());
        }
        if (e.direction == Direction::Request) {
            it->request = compile(e, it->request_doc);
        } else {
            it->response = compile(e, it->response_doc);
        }
    }
    std::sort(out.begin(), out.end(), [](const Compiled& a, const Compiled& b) { return a.action < b.action; });
    return out;
}

// The failure classes, most structural first: the first one found in this order is reported.
enum class Failure { Occurrence, Type, Format, Property };

ErrorKind kind_of(Failure f) {
    switch (f) {
    case Failure::Occurrence:
        return ErrorKind::OccurrenceConstraintViolation;
    case Failure::Type:
        return ErrorKind::TypeConstraintViolation;
    case Failure::Format:
        return ErrorKind::FormatViolation;
    case Failure::Property:
        return ErrorKind::PropertyConstraintViolation;
    }
    return ErrorKind::GenericError;
}

bool starts_with(const std::string& s, std::string_view prefix) { return std::string_view(s).starts_with(prefix); }

// valijson's context is {"<root>", "[member]", "[0]", ...}; OCPP descriptions use a JSON pointer.
std::string json_pointer(const std::vector<std::string>& context) {
    std::string out;
    for (const auto& part : context) {
        if (part == "<root>") {
            continue;
        }
        out += '/';
        out += part.size() >= 2 && part.front() == '[' && part.back() == ']' ? part.substr(1, part.size() - 2) : part;
    }
    return out.empty() ? "/" : out;
}

const json::value* find_at(const json::value& root, const std::vector<std::string>& context) {
    const json::value* cur = &root;
    for (const auto& part : context) {
        if (part == "<root>") {
            continue;
        }
        if (part.size() < 2 || part.front() != '[' || part.back() != ']') {
            return nullptr;
        }
        auto key = std::string_view(part).substr(1, part.size() - 2);
        if (cur->is_object()) {
            cur = cur->get_object().if_contains(key);
        } else if (cur->is_array()) {
            auto index = std::strtoull(std::string(key).c_str(), nullptr, 10);
            cur = cur->get_array().if_contains(index);
        } else {
            return nullptr;
        }
        if (cur == nullptr) {
            return nullptr;
        }
    }
    return cur;
}

// valijson 1.0 checks multipleOf with an absolute epsilon on remainder(), so it rejects e.g. 16 as a multiple of
// 0.1 (the 1.6 charging schedule limits). Re-check such a failure with a relative tolerance.
bool is_false_multiple_of(const valijson::ValidationResults::Error& e, const json::value& payload) {
    constexpr std::string_view prefix = "Value should be a multiple of ";
    if (!starts_with(e.description, prefix)) {
        return false;
    }
    const double divisor = std::strtod(e.description.c_str() + prefix.size(), nullptr);
    const json::value* v = find_at(payload, e.context);
    if (v == nullptr || !v->is_number() || divisor <= 0) {
        return false;
    }
    const double q = v->to_number<double>() / divisor;
    return std::fabs(q - std::round(q)) <= 1e-9 * std::max(1.0, std::fabs(q));
}

std::optional<Failure> classify(const std::string& d) {
    // Summaries of failures below ("Failed to validate against schema associated with property name 'x'",
    // "Failed to validate item #0 in array", ...) repeat a deeper error; the OCPP schemas use no
    // anyOf/oneOf/not, so the deeper errors say everything.
    if (starts_with(d, "Failed to validate")) {
        return std::nullopt;
    }
    if (starts_with(d, "Missing required property")) {
        return Failure::Occurrence;
    }
    if (starts_with(d, "Value type not permitted")) {
        return Failure::Type;
    }
    if (starts_with(d, "Object contains a property that could not be validated")) {
        return Failure::Format;
    }
    return Failure::Property; // enum, lengths, format, minimum/maximum, multipleOf, item counts
}

} // namespace

struct SchemaValidator::Impl {
    std::vector<Compiled> by_version[3];

    const Compiled* find(Version v, std::string_view action) const {
        const auto& list = by_version[static_cast<int>(v)];
        auto it = std::lower_bound(list.begin(), list.end(), action,
                                   [](const Compiled& c, std::string_view a) { return c.action < a; });
        return it != list.end() && it->action == action ? &*it : nullptr;
    }
};

SchemaValidator::SchemaValidator() : impl_(std::make_unique<Impl>()) {
    impl_->by_version[static_cast<int>(Version::v16)] = compile_all(detail::embedded_schemas_v16());
    impl_->by_version[static_cast<int>(Version::v201)] = compile_all(detail::embedded_schemas_v201());
    impl_->by_version[static_cast<int>(Version::v21)] = compile_all(detail::embedded_schemas_v21());
}

SchemaValidator::~SchemaValidator() = default;

const SchemaValidator& SchemaValidator::instance() {
    static const SchemaValidator validator; // initialised once, thread-safe (C++11 magic statics)
    return validator;
}

bool SchemaValidator::has_schema(Version v, std::string_view action) const {
    const auto* c = impl_->find(v, action);
    return c != nullptr && c->request != nullptr;
}

std::optional<RpcError> SchemaValidator::validate(Version v, std::string_view action, Direction d,
                                                  const json::value& payload) const {
    const auto* c = impl_->find(v, action);
    if (c == nullptr) {
        return RpcError{ErrorKind::NotImplemented, "unknown action " + std::string(action)};
    }
    const auto* schema = d == Direction::Request ? c->request.get() : c->response.get();
    if (schema == nullptr) {
        return RpcError{ErrorKind::ProtocolError, std::string(action) + " has no " +
                                                      (d == Direction::Request ? "request" : "response")};
    }
    // valijson::Validator is cheap and holds per-call state (a regex cache): one per call keeps this thread-safe.
    valijson::adapters::BoostJsonAdapter target(payload);
    if (valijson::Validator(valijson::Validator::kStrongTypes).validate(*schema, target, nullptr)) {
        return std::nullopt;
    }
    valijson::ValidationResults results;
    valijson::Validator(valijson::Validator::kStrongTypes).validate(*schema, target, &results);
    const valijson::ValidationResults::Error* best = nullptr;
    Failure best_failure = Failure::Property;
    for (const auto& e : results) {
        auto f = classify(e.description);
        if (!f || is_false_multiple_of(e, payload)) {
            continue;
        }
        if (best == nullptr || *f < best_failure) {
            best = &e;
            best_failure = *f;
        }
    }
    if (best == nullptr) {
        return std::nullopt; // only false multipleOf failures
    }
    // A missing or undeclared member is reported at the member's own path, not at its parent object's.
    auto context = best->context;
    if (best_failure == Failure::Occurrence || best_failure == Failure::Format) {
        const auto& d = best->description;
        const auto close = d.rfind('\'');
        const auto open = close == std::string::npos || close == 0 ? std::string::npos : d.rfind('\'', close - 1);
        if (open != std::string::npos) {
            context.push_back("[" + d.substr(open + 1, close - open - 1) + "]");
        }
    }
    return RpcError{kind_of(best_failure), json_pointer(context) + ": " + best->description};
}

} // namespace recarga::ocpp
