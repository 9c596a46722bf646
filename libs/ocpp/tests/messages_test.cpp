// For every action of every version: the example payloads derived from the schemas validate, survive a typed
// round trip through from_json/to_json unchanged, and broken variants are rejected with the right ErrorKind,
// the right per-version CALLERROR code and the JSON path of the fault.
#include <string>

#include <gtest/gtest.h>

#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/validator.hpp"
#include "test_support.hpp"

namespace recarga::ocpp {
namespace {

using test::ActionCase;

// The CALLERROR spelling each kind must have on the wire, written out here independently of the generated table.
std::string expected_code(Version v, ErrorKind k) {
    const bool v16 = v == Version::v16;
    switch (k) {
    case ErrorKind::OccurrenceConstraintViolation:
        return v16 ? "OccurenceConstraintViolation" : "OccurrenceConstraintViolation";
    case ErrorKind::FormatViolation:
        return v16 ? "FormationViolation" : "FormatViolation";
    case ErrorKind::TypeConstraintViolation:
        return "TypeConstraintViolation";
    case ErrorKind::PropertyConstraintViolation:
        return "PropertyConstraintViolation";
    default:
        return "?";
    }
}

ErrorKind kind_from_name(std::string_view name) {
    if (name == "OccurrenceConstraintViolation") {
        return ErrorKind::OccurrenceConstraintViolation;
    }
    if (name == "TypeConstraintViolation") {
        return ErrorKind::TypeConstraintViolation;
    }
    if (name == "PropertyConstraintViolation") {
        return ErrorKind::PropertyConstraintViolation;
    }
    if (name == "FormatViolation") {
        return ErrorKind::FormatViolation;
    }
    throw std::runtime_error("unknown kind in examples: " + std::string(name));
}

class ActionTest : public ::testing::TestWithParam<ActionCase> {
protected:
    template <class F> void for_each_direction(F f) {
        const auto& ex = test::example_of(GetParam());
        for (auto d : {Direction::Request, Direction::Response}) {
            const char* key = d == Direction::Request ? "request" : "response";
            if (const auto* e = ex.if_contains(key)) {
                SCOPED_TRACE(key);
                f(d, e->as_object());
            }
        }
    }
};

TEST_P(ActionTest, ExamplesConformToTheSchema) {
    const auto& c = GetParam();
    for_each_direction([&](Direction d, const boost::json::object& e) {
        for (const char* which : {"minimal", "full"}) {
            auto err = SchemaValidator::instance().validate(c.version, c.action, d, e.at(which));
            EXPECT_FALSE(err.has_value()) << which << ": " << (err ? err->description : "");
        }
    });
}

TEST_P(ActionTest, RoundTripsUnchanged) {
    const auto& c = GetParam();
    for_each_direction([&](Direction d, const boost::json::object& e) {
        for (const char* which : {"minimal", "full"}) {
            boost::json::value out;
            ASSERT_TRUE(test::typed_round_trip(c.version, c.action, d, e.at(which), out));
            EXPECT_EQ(boost::json::serialize(out), boost::json::serialize(e.at(which))) << which;
        }
    });
}

TEST_P(ActionTest, InvalidPayloadsAreRejectedWithTheRightError) {
    const auto& c = GetParam();
    int cases = 0;
    for_each_direction([&](Direction d, const boost::json::object& e) {
        for (const auto& inv : e.at("invalid").as_array()) {
            ++cases;
            const auto& what = inv.at("what").as_string();
            SCOPED_TRACE(std::string(what));
            const auto kind = kind_from_name(inv.at("kind").as_string());
            const std::string path(inv.at("path").as_string());
            auto err = SchemaValidator::instance().validate(c.version, c.action, d, inv.at("payload"));
            ASSERT_TRUE(err.has_value());
            EXPECT_EQ(err->kind, kind) << err->description;
            EXPECT_EQ(error_code(c.version, err->kind), expected_code(c.version, kind));
            EXPECT_NE(err->description.find("/" + path), std::string::npos) << err->description;

            if (kind == ErrorKind::FormatViolation) {
                continue; // the typed decoder ignores undeclared members; the validator is the gate
            }
            boost::json::value out;
            try {
                test::typed_round_trip(c.version, c.action, d, inv.at("payload"), out);
                ADD_FAILURE() << "decoder accepted an invalid payload";
            } catch (const DecodeError& de) {
                EXPECT_EQ(de.kind(), kind) << de.what();
                EXPECT_EQ(de.path(), path);
            }
        }
    });
    EXPECT_GT(cases, 0) << "every message has at least one invalid variant";
}

std::string case_name(const ::testing::TestParamInfo<ActionCase>& info) {
    return test::version_dir_name(info.param.version) + "_" + info.param.action;
}

INSTANTIATE_TEST_SUITE_P(AllVersions, ActionTest, ::testing::ValuesIn(test::all_action_cases()), case_name);

} // namespace
} // namespace recarga::ocpp
