#include "api_contract.hpp"

#include "api/router.hpp"
#include "api/spec_validator.hpp"

#include <gtest/gtest.h>

namespace recarga::test {

void expect_conforms(const std::string& method, const std::string& target, const HttpResult& res) {
    const auto path = target.substr(0, target.find('?'));
    std::map<std::string, std::string> params;
    for (const auto& route : manager::api::route_table()) {
        if (route.method == method && manager::api::match_path(route.path, path, params)) {
            auto error = manager::api::SpecValidator::embedded().check_response(
                method, std::string(route.path), res.status, res.body, res.content_type);
            EXPECT_FALSE(error) << method << " " << target << " -> " << res.status << ": " << *error << "\n"
                                << res.body.substr(0, 2000);
            return;
        }
    }
    if (res.status < 400 && path.starts_with("/api/v1/")) { // /health, /api/openapi.yaml, /api/docs are not API
        ADD_FAILURE() << method << " " << target << " answered " << res.status << " but is not in the spec";
    }
}

HttpResult checked_request(std::uint16_t port, const std::string& method, const std::string& target,
                           const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    auto res = http_request(port, method, target, body, headers);
    expect_conforms(method, target, res);
    return res;
}

} // namespace recarga::test
