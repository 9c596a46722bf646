// Test helpers: the example payloads that tools/ocppgen derives from the schemas (generated/tests), and a
// typed round trip through the generated codecs of each version.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "recarga/ocpp/version.hpp"
#include "recarga/ocpp/validator.hpp"

namespace recarga::ocpp::test {

inline std::string version_dir_name(Version v) {
    switch (v) {
    case Version::v16:
        return "v16";
    case Version::v201:
        return "v201";
    case Version::v21:
        return "v21";
    }
    return "";
}

// examples_<ver>.json: {"actions": [{"action": ..., "request": {"minimal", "full", "invalid": [...]}, ...}]}
inline const boost::json::object& examples(Version v) {
    static boost::json::value docs[3];
    auto& doc = docs[static_cast<int>(v)];
    if (doc.is_null()) {
        std::ifstream in(std::string(RECARGA_OCPP_EXAMPLES_DIR) + "/examples_" + version_dir_name(v) + ".json");
        if (!in) {
            throw std::runtime_error("cannot open examples for " + version_dir_name(v));
        }
        std::stringstream ss;
        ss << in.rdbuf();
        doc = boost::json::parse(ss.str());
    }
    return doc.get_object();
}

struct ActionCase {
    Version version;
    std::string action;
};

inline std::vector<ActionCase> all_action_cases() {
    std::vector<ActionCase> out;
    for (auto v : {Version::v16, Version::v201, Version::v21}) {
        for (const auto& a : examples(v).at("actions").as_array()) {
            out.push_back({v, std::string(a.at("action").as_string())});
        }
    }
    return out;
}

inline const boost::json::object& example_of(const ActionCase& c) {
    for (const auto& a : examples(c.version).at("actions").as_array()) {
        if (a.at("action").as_string() == c.action) {
            return a.as_object();
        }
    }
    throw std::runtime_error("no example for " + c.action);
}

// Decodes `payload` into the generated type of (version, action, direction) and encodes it again. Returns
// false when the action is unknown to visit_action(). Throws DecodeError like the generated code.
bool typed_round_trip(Version v, const std::string& action, Direction d, const boost::json::value& payload,
                      boost::json::value& out);

} // namespace recarga::ocpp::test
