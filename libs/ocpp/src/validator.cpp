#include "recarga/ocpp/validator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <valijson/adapters/boost_json_adapter.hpp>
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

std::unique_ptr<valijson::Schema> compile(const detail::EmbeddedSchema& e, json::value& doc) {
    doc = json::parse(e.text);
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(e.draft == 4 ? valijson::SchemaParser::kDraft4 : valijson::SchemaParser::kDraft7);
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
