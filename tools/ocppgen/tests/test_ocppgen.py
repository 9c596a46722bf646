"""Golden and unit tests of tools/ocppgen. Run: python3 -m unittest discover -s tools/ocppgen/tests

The fixture schemas under fixtures/schemas exercise the three layouts and the naming rules; the expected
output lives in fixtures/expected. After an intended change of the generated code, refresh it with
OCPPGEN_UPDATE_GOLDEN=1 python3 -m unittest discover -s tools/ocppgen/tests, and review the diff.
"""

import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import ocppgen  # noqa: E402

FIXTURES = os.path.join(HERE, "fixtures")
EXPECTED = os.path.join(FIXTURES, "expected")


def generate_fixtures():
    return ocppgen.generate(os.path.join(FIXTURES, "schemas"), os.path.join(FIXTURES, "data.json"))


class GoldenTest(unittest.TestCase):
    def test_output_matches_expected(self):
        files = generate_fixtures()
        if os.environ.get("OCPPGEN_UPDATE_GOLDEN"):
            ocppgen.write_tree(files, EXPECTED)
        expected = {}
        for root, _, names in os.walk(EXPECTED):
            for n in names:
                path = os.path.join(root, n)
                with open(path, encoding="utf-8") as f:
                    expected[os.path.relpath(path, EXPECTED)] = f.read()
        self.assertEqual(sorted(files), sorted(expected))
        for rel, text in files.items():
            self.assertEqual(text, expected[rel], rel)

    def test_deterministic(self):
        self.assertEqual(generate_fixtures(), generate_fixtures())


class NamingTest(unittest.TestCase):
    def setUp(self):
        self.files = generate_fixtures()

    def test_v16_inline_types_are_named_after_parent_and_field(self):
        h = self.files["include/recarga/ocpp/v16/Boot.hpp"]
        for name in ("struct BootRequestMeterValue {", "struct BootRequestMeterValueSampledValue {",
                     "enum class BootRequestMeterValueSampledValueUnit {", "enum class BootResponseStatus {",
                     "enum class BootRequestPhase {"):
            self.assertIn(name, h)

    def test_enum_values_become_identifiers(self):
        h = self.files["include/recarga/ocpp/v16/Boot.hpp"]
        self.assertIn('L1_N, // "L1-N"', h)
        self.assertIn('_3phase, // "3phase"', h)
        self.assertIn('delete_, // "delete"', h)

    def test_member_types(self):
        h = self.files["include/recarga/ocpp/v16/Boot.hpp"]
        self.assertIn("    std::string vendor;", h)
        self.assertIn("    std::optional<double> limit;", h)
        self.assertIn("    std::optional<std::int64_t> count;", h)
        self.assertIn("    std::optional<bool> flag;", h)
        self.assertIn("    std::optional<std::vector<BootRequestMeterValue>> meterValue;", h)
        self.assertIn("    double interval{};", h)
        self.assertNotIn("float", h)

    def test_same_name_different_shape_is_disambiguated(self):
        t = self.files["include/recarga/ocpp/v201/types.hpp"]
        self.assertIn("struct ThingType {\n    std::int64_t id{};", t)
        self.assertIn("struct ThingType_2 {\n    std::string id;", t)
        self.assertEqual(t.count("enum class ModeEnumType {"), 1)  # same shape: one type
        self.assertNotIn("ModeEnumType_2", t)

    def test_open_and_untyped_members(self):
        h = self.files["include/recarga/ocpp/v201/Data.hpp"]
        self.assertIn("std::optional<boost::json::object> customData;", h)
        self.assertIn("std::optional<boost::json::value> data;", h)
        self.assertIn("std::vector<ModeEnumType> modes;", h)
        self.assertIn("std::optional<ThingType_2> thing;", h)

    def test_bundle_layout_and_send_only_message(self):
        h = self.files["include/recarga/ocpp/v21/Stream.hpp"]
        self.assertIn("using Response = void;", h)
        self.assertIn("static constexpr Sender sender = Sender::ChargingStation;", h)
        a = self.files["src/actions.cpp"]
        self.assertIn('{"Stream", Sender::ChargingStation, false},', a)
        self.assertIn('{"Data", Sender::Both, true},', a)

    def test_error_codes_come_from_the_data_file(self):
        e = self.files["src/error_codes.cpp"]
        self.assertIn('{ErrorKind::FormatViolation, "FormationViolation"},', e)
        self.assertIn('{ErrorKind::FormatViolation, "FormatViolation"},', e)

    def test_banner_everywhere(self):
        for rel, text in self.files.items():
            self.assertIn(ocppgen.BANNER, text, rel)

    def test_examples_respect_limits(self):
        import json
        ex = json.loads(self.files["tests/examples_v21.json"])
        full = ex["actions"][0]["request"]["full"]
        self.assertLessEqual(full["level"], 0)
        kinds = {c["kind"] for c in ex["actions"][0]["request"]["invalid"]}
        self.assertEqual(kinds, {"OccurrenceConstraintViolation", "TypeConstraintViolation", "FormatViolation"})


class IdentifierTest(unittest.TestCase):
    def test_cpp_identifier(self):
        self.assertEqual(ocppgen.cpp_identifier("Energy.Active.Import.Register"), "Energy_Active_Import_Register")
        self.assertEqual(ocppgen.cpp_identifier("15118"), "_15118")
        self.assertEqual(ocppgen.cpp_identifier("ISO15118-2"), "ISO15118_2")
        self.assertEqual(ocppgen.cpp_identifier("class"), "class_")

    def test_colliding_enum_values_are_an_error(self):
        with self.assertRaises(ocppgen.GenError):
            ocppgen.EnumDef("E", ["a.b", "a-b"], "shared")


class UpToDateCheckTest(unittest.TestCase):
    def test_check_reports_drift(self):
        with tempfile.TemporaryDirectory() as d:
            args = ["--schemas", os.path.join(FIXTURES, "schemas"), "--data", os.path.join(FIXTURES, "data.json"),
                    "--out", d]
            self.assertEqual(ocppgen.main(args), 0)
            self.assertEqual(ocppgen.main(args + ["--check"]), 0)
            with open(os.path.join(d, "src", "actions.cpp"), "a", encoding="utf-8") as f:
                f.write("// edited by hand\n")
            self.assertEqual(ocppgen.main(args + ["--check"]), 1)


if __name__ == "__main__":
    unittest.main()
