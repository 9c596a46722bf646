// Contract checks of the operator API's answers in integration tests: every answer is checked against
// api/openapi.yaml (the operation's declared statuses, its JSON schema or its declared text/csv content), with the
// same validator the manager uses for requests. Links recarga_manager_core.
#pragma once

#include "harness.hpp"

#include <string>
#include <utility>
#include <vector>

namespace recarga::test {

// Adds a test failure when `res` does not conform to the operation of `method` and `target`'s path.
void expect_conforms(const std::string& method, const std::string& target, const HttpResult& res);

// http_request of harness.hpp whose answer is checked by expect_conforms.
HttpResult checked_request(std::uint16_t port, const std::string& method, const std::string& target,
                           const std::string& body = "",
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

} // namespace recarga::test
