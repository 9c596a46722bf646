// Request validation against api/openapi.yaml. The document (converted to JSON at build time and embedded) is
// read once at start: for every operation, the schemas of its path and query parameters and of its JSON request
// body are compiled into valijson validators. A request is then checked before its handler runs; what fails
// becomes a 400 (or 415) problem, so handlers see only well-formed input.
#pragma once

#include "api/call.hpp"

#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recarga::manager::api {

bool is_uuid(std::string_view s);
bool is_date_time(std::string_view s); // RFC 3339 date-time

struct OperationInfo {
    std::string method; // upper case
    std::string path;   // template, e.g. /api/v1/users/{userId}
    std::string operation_id;
    bool is_public = false; // `security: []`
};

class SpecValidator {
public:
    // Throws std::runtime_error when the document or one of its schemas cannot be compiled.
    explicit SpecValidator(std::string_view spec_json);
    ~SpecValidator();
    SpecValidator(const SpecValidator&) = delete;
    SpecValidator& operator=(const SpecValidator&) = delete;

    // The validator of the embedded api/openapi.yaml, compiled on first use.
    static const SpecValidator& embedded();

    std::vector<OperationInfo> operations() const;

    // Checks the request's query and path parameters and its body against the operation (method, path template);
    // on success fills `body` (null when the operation takes none). Returns the problem otherwise.
    std::optional<Response> validate(const std::string& method, const std::string& path_template, const Request& req,
                                     const std::map<std::string, std::string>& path_params,
                                     boost::json::value& body) const;

    // Contract check of an answer: the body (JSON text, empty for none) against the schema the spec declares for
    // the operation and status; a problem status the operation does not list must still be a Problem body. A
    // text/csv answer (content_type) must be declared as such for the status. Returns what does not conform, or
    // nullopt.
    std::optional<std::string> check_response(const std::string& method, const std::string& path_template, int status,
                                              const std::string& body, const std::string& content_type = {}) const;

    // Checks a value against a schema of components/schemas (e.g. the entries of a bulk import, which are checked
    // one by one). Returns what does not conform ("body...: why"), or nullopt; an unknown name does not conform.
    std::optional<std::string> check_schema(const std::string& name, const boost::json::value& value) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace recarga::manager::api
