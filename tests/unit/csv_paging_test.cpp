// CSV writing and reading (exports, id token import) and the page cursors of the operator API.
#include "api/paging.hpp"
#include "api/spec_validator.hpp"
#include "domain/csv.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <map>

namespace recarga::manager {
namespace {

std::string record(const std::vector<std::optional<std::string>>& fields) {
    std::string out;
    csv::append_record(out, fields);
    return out;
}

TEST(Csv, QuotesWhatNeedsQuotingOnly) {
    EXPECT_EQ(record({"a", "b c", std::nullopt, "12.5"}), "a,b c,,12.5\r\n");
    EXPECT_EQ(record({"a,b", "say \"hi\"", "two\nlines"}), "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
}

TEST(Csv, DefusesFormulasButNotNumbers) {
    EXPECT_EQ(record({"=HYPERLINK(\"x\")"}), "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    EXPECT_EQ(record({"+1+2", "@SUM(A1)", "-cmd"}), "\"'+1+2\",\"'@SUM(A1)\",\"'-cmd\"\r\n");
    EXPECT_EQ(record({"-12.5", "1e+16", "-3"}), "-12.5,1e+16,-3\r\n");
}

TEST(Csv, ParsesWhatItWritesBack) {
    std::string doc;
    const std::vector<std::optional<std::string>> row = {"x,y", "q\"q", "line\r\nbreak", "", "=1"};
    csv::append_record(doc, {"h1", "h2", "h3", "h4", "h5"});
    csv::append_record(doc, row);
    auto parsed = csv::parse(doc, 10);
    ASSERT_FALSE(parsed.error) << *parsed.error;
    ASSERT_EQ(parsed.records.size(), 2u);
    EXPECT_EQ(parsed.records[1].line, 2u);
    EXPECT_EQ(parsed.records[1].fields, (std::vector<std::string>{"x,y", "q\"q", "line\r\nbreak", "", "'=1"}));
}

TEST(Csv, CountsLinesSkipsBlankOnesAndAcceptsLfAndBom) {
    auto parsed = csv::parse("\xEF\xBB\xBFidToken,type\n\nA,ISO14443\n\"B\nC\",Local\nD,KeyCode", 10);
    ASSERT_FALSE(parsed.error);
    ASSERT_EQ(parsed.records.size(), 4u);
    EXPECT_EQ(parsed.records[0].fields[0], "idToken");
    EXPECT_EQ(parsed.records[1].line, 3u);
    EXPECT_EQ(parsed.records[2].line, 4u);
    EXPECT_EQ(parsed.records[2].fields[0], "B\nC");
    EXPECT_EQ(parsed.records[3].line, 6u);
}

TEST(Csv, ReportsMalformedRecordsWithTheirLine) {
    auto open = csv::parse("a\n\"never closed\n", 10);
    ASSERT_TRUE(open.error);
    EXPECT_EQ(open.error_line, 2u);
    auto stray = csv::parse("a\nb\"c\n", 10);
    ASSERT_TRUE(stray.error);
    EXPECT_EQ(stray.error_line, 2u);
    auto after = csv::parse("\"a\"b\n", 10);
    ASSERT_TRUE(after.error);
}

TEST(Csv, StopsAfterTheBound) {
    std::string doc;
    for (int i = 0; i < 100; ++i) {
        doc += "x\n";
    }
    EXPECT_EQ(csv::parse(doc, 5).records.size(), 6u); // bound + 1: the caller sees there are too many
}

TEST(Cursor, RoundTripsAndRefusesForgeries) {
    const std::vector<std::string> key = {"1700000000000000", "Energy.Active.Import.Register", "", "Outlet"};
    const auto cursor = api::encode_cursor(key);
    EXPECT_EQ(cursor.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(api::decode_cursor(cursor, 4), key);
    EXPECT_FALSE(api::decode_cursor(cursor, 3));
    EXPECT_FALSE(api::decode_cursor(cursor + "0", 4));
    EXPECT_FALSE(api::decode_cursor("zz", 1));
    EXPECT_FALSE(api::decode_cursor("", 1));
    EXPECT_FALSE(api::decode_cursor("00", 1)); // NUL
    EXPECT_FALSE(api::decode_cursor("' OR 1=1 --", 1));
}

TEST(Cursor, ParsesIntegersStrictly) {
    EXPECT_EQ(api::parse_int("42"), 42);
    EXPECT_EQ(api::parse_int("-7"), -7);
    EXPECT_FALSE(api::parse_int(""));
    EXPECT_FALSE(api::parse_int("-"));
    EXPECT_FALSE(api::parse_int("1e3"));
    EXPECT_FALSE(api::parse_int("1234567890123456789")); // 19 digits
}

std::vector<JsonRow> rows_of(int n) {
    std::vector<JsonRow> rows;
    for (int i = 1; i <= n; ++i) {
        rows.push_back(JsonRow{{std::to_string(i)}, "{\"n\":" + std::to_string(i) + "}", {std::to_string(i), "a,b"}});
    }
    return rows;
}

TEST(Pages, TheExtraRowGivesTheNextCursor) {
    auto page = api::json_page(rows_of(3), 2);
    EXPECT_EQ(page.body, R"({"items":[{"n":1},{"n":2}],"nextCursor":")" + api::encode_cursor({"2"}) + "\"}");
    EXPECT_EQ(api::json_page(rows_of(2), 2).body, R"({"items":[{"n":1},{"n":2}],"nextCursor":null})");
    EXPECT_EQ(api::json_page({}, 2).body, R"({"items":[],"nextCursor":null})");
}

TEST(Pages, CsvExportIsAnAttachmentCutAtItsBound) {
    auto cut = api::csv_attachment({"n", "text"}, rows_of(3), 2, "x.csv");
    EXPECT_EQ(cut.body, "n,text\r\n1,\"a,b\"\r\n2,\"a,b\"\r\n");
    EXPECT_TRUE(cut.content_type.starts_with("text/csv"));
    std::map<std::string, std::string> headers(cut.headers.begin(), cut.headers.end());
    EXPECT_EQ(headers["Content-Disposition"], "attachment; filename=\"x.csv\"");
    EXPECT_EQ(headers["X-Next-Cursor"], api::encode_cursor({"2"}));
    auto whole = api::csv_attachment({"n", "text"}, rows_of(2), 2, "x.csv");
    for (const auto& [name, value] : whole.headers) {
        EXPECT_NE(name, "X-Next-Cursor");
    }
}

TEST(SpecSchemas, IdTokenEntriesAreCheckedOneByOne) {
    const auto& spec = api::SpecValidator::embedded();
    EXPECT_FALSE(spec.check_schema("IdTokenCreate", boost::json::parse(R"({"idToken":"04A2B3C4"})")));
    EXPECT_FALSE(spec.check_schema("IdTokenCreate",
                                   boost::json::parse(R"({"idToken":"DE*ABC*C1","type":"eMAID","status":"Blocked",
                                   "expiresAt":"2030-01-01T00:00:00Z","groupIdToken":null,"allowedStations":["CP1"]})")));
    EXPECT_TRUE(spec.check_schema("IdTokenCreate", boost::json::parse(R"({"idToken":""})")));
    EXPECT_TRUE(spec.check_schema("IdTokenCreate", boost::json::parse(R"({"idToken":"a/b"})")));
    EXPECT_TRUE(spec.check_schema("IdTokenCreate", boost::json::parse(R"({"idToken":"x","status":"Maybe"})")));
    EXPECT_TRUE(spec.check_schema("IdTokenCreate", boost::json::parse(R"({"idToken":"x","expiresAt":"tomorrow"})")));
    EXPECT_TRUE(spec.check_schema("IdTokenCreate", boost::json::parse(R"({"idToken":"x","extra":1})")));
    EXPECT_TRUE(spec.check_schema("NoSuchSchema", boost::json::parse("{}")));
}

TEST(SpecSchemas, CsvAnswersMustBeDeclared) {
    const auto& spec = api::SpecValidator::embedded();
    EXPECT_FALSE(spec.check_response("GET", "/api/v1/transactions", 200, "id\r\n", "text/csv; charset=utf-8"));
    EXPECT_TRUE(spec.check_response("GET", "/api/v1/id-tokens", 200, "id\r\n", "text/csv; charset=utf-8"));
}

TEST(SpecSchemas, BodiesWithNulAreRefusedBeforeTheSchemaSeesThem) {
    api::Request req;
    req.method = "POST";
    req.path = "/api/v1/id-tokens";
    req.content_type = "application/json";
    req.body = R"({"idToken":"X\u0000Y"})";
    boost::json::value body;
    auto res = api::SpecValidator::embedded().validate("POST", "/api/v1/id-tokens", req, {}, body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    req.body = R"({"idToken":"XY"})";
    EXPECT_FALSE(api::SpecValidator::embedded().validate("POST", "/api/v1/id-tokens", req, {}, body));
}

TEST(SpecSchemas, ImportTakesCsvOtherOperationsJsonOnly) {
    api::Request req;
    req.method = "POST";
    req.content_type = "text/csv";
    req.body = "idToken\r\nA\r\n";
    boost::json::value body;
    const auto& spec = api::SpecValidator::embedded();
    EXPECT_FALSE(spec.validate("POST", "/api/v1/id-tokens/import", req, {}, body));
    EXPECT_TRUE(body.is_null());
    auto res = spec.validate("POST", "/api/v1/id-tokens", req, {}, body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 415);
    req.body = "idToken\r\n\xff\r\n";
    res = spec.validate("POST", "/api/v1/id-tokens/import", req, {}, body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
}

} // namespace
} // namespace recarga::manager
