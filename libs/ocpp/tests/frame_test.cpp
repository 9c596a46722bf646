// OCPP-J framing edge cases (parse_frame) and CALLERROR serialisation per version.
#include <string>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "recarga/ocpp/frame.hpp"

namespace recarga::ocpp {
namespace {

FrameError parse_error(std::string_view text, Version v = Version::v201) {
    auto r = parse_frame(text, v);
    EXPECT_FALSE(r.has_value()) << text;
    return r.has_value() ? FrameError{ErrorKind::GenericError, "", "parsed"} : r.error();
}

TEST(ParseFrame, ValidCall) {
    auto r = parse_frame(R"([2,"19223201","BootNotification",{"chargePointVendor":"v","chargePointModel":"m"}])",
                         Version::v16);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->type, MessageType::Call);
    EXPECT_EQ(r->message_id, "19223201");
    EXPECT_EQ(r->action, "BootNotification");
    EXPECT_TRUE(r->payload.is_object());
}

TEST(ParseFrame, ValidCallResultAndCallError) {
    auto r = parse_frame(R"([3,"id",{"currentTime":"2026-01-01T00:00:00Z"}])", Version::v201);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->type, MessageType::CallResult);
    auto e = parse_frame(R"([4,"id","NotImplemented","no",{}])", Version::v201);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->type, MessageType::CallError);
    EXPECT_EQ(e->error_code, "NotImplemented");
}

TEST(ParseFrame, EmptyFrame) { EXPECT_EQ(parse_error("").kind, ErrorKind::RpcFrameworkError); }

TEST(ParseFrame, WrongArrayLength) {
    EXPECT_EQ(parse_error(R"([2,"id","Heartbeat"])").kind, ErrorKind::RpcFrameworkError);
    auto e = parse_error(R"([2,"id","Heartbeat",{},{}])");
    EXPECT_EQ(e.kind, ErrorKind::RpcFrameworkError);
    EXPECT_EQ(e.message_id, "id"); // readable id: the answer can be a CALLERROR to it
    EXPECT_EQ(parse_error(R"([3,"id",{},1])").kind, ErrorKind::RpcFrameworkError);
    EXPECT_EQ(parse_error(R"([4,"id","GenericError",{}])").kind, ErrorKind::RpcFrameworkError);
    EXPECT_EQ(parse_error("[]").kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, NonStringMessageId) {
    auto e = parse_error(R"([2,12345,"Heartbeat",{}])");
    EXPECT_EQ(e.kind, ErrorKind::RpcFrameworkError);
    EXPECT_EQ(e.message_id, "-1");
    EXPECT_EQ(parse_error(R"([2,"","Heartbeat",{}])").message_id, "-1");
}

TEST(ParseFrame, MessageIdLongerThan36Characters) {
    const std::string id36(36, 'a');
    EXPECT_TRUE(parse_frame("[2,\"" + id36 + "\",\"Heartbeat\",{}]", Version::v16).has_value());
    auto e = parse_error("[2,\"" + id36 + "b\",\"Heartbeat\",{}]");
    EXPECT_EQ(e.kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, UnknownMessageType) {
    auto e = parse_error(R"([7,"id","Heartbeat",{}])");
    EXPECT_EQ(e.kind, ErrorKind::MessageTypeNotSupported);
    EXPECT_EQ(e.message_id, "id");
    EXPECT_EQ(parse_error(R"(["2","id","Heartbeat",{}])").kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, SendAndCallResultErrorOnlyIn21) {
    const std::string send = R"([6,"id","NotifyPeriodicEventStream",{"id":1,"pending":0,"basetime":"x","data":[]}])";
    const std::string cre = R"([5,"id","InternalError","boom",{}])";
    for (auto v : {Version::v16, Version::v201}) {
        EXPECT_EQ(parse_error(send, v).kind, ErrorKind::MessageTypeNotSupported);
        EXPECT_EQ(parse_error(cre, v).kind, ErrorKind::MessageTypeNotSupported);
    }
    auto s = parse_frame(send, Version::v21);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->type, MessageType::Send);
    auto c = parse_frame(cre, Version::v21);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->type, MessageType::CallResultError);
}

TEST(ParseFrame, TrailingGarbage) {
    EXPECT_EQ(parse_error(R"([2,"id","Heartbeat",{}] x)").kind, ErrorKind::RpcFrameworkError);
    EXPECT_EQ(parse_error(R"([2,"id","Heartbeat",{}][])").kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, DeepNestingIsRefused) {
    std::string deep = R"([2,"id","DataTransfer",{"vendorId":"v","data":)";
    deep += std::string(200, '[') + std::string(200, ']') + "}]";
    EXPECT_EQ(parse_error(deep).kind, ErrorKind::RpcFrameworkError);
    std::string very_deep(5000, '['); // below the frame size limit
    EXPECT_EQ(parse_error(very_deep).kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, HugeNumbers) {
    // A number beyond double range is not valid for OCPP; it must not crash, and if the JSON parser accepts it
    // the payload still has to be schema-validated, so only "no crash and a definite answer" is required here.
    auto big_int = parse_frame(R"([2,"id","Heartbeat",{"x":123456789012345678901234567890}])", Version::v201);
    EXPECT_TRUE(big_int.has_value() || big_int.error().kind == ErrorKind::RpcFrameworkError);
    auto big_exp = parse_frame(R"([2,"id","Heartbeat",{"x":1e99999}])", Version::v201);
    EXPECT_TRUE(big_exp.has_value() || big_exp.error().kind == ErrorKind::RpcFrameworkError);
    // A huge messageTypeId is an unknown type, not a crash or a wrapped-around valid type.
    auto e = parse_error(R"([18446744073709551618,"id","Heartbeat",{}])");
    EXPECT_NE(e.kind, ErrorKind::GenericError);
    auto wrap = parse_error(R"([18446744073709551615,"id","Heartbeat",{}])");
    EXPECT_EQ(wrap.kind, ErrorKind::MessageTypeNotSupported);
}

TEST(ParseFrame, InvalidUtf8) {
    std::string bad = "[2,\"id\",\"Heartbeat\",{\"x\":\"\xC3\x28\"}]";
    EXPECT_EQ(parse_error(bad).kind, ErrorKind::RpcFrameworkError);
    std::string overlong = "[2,\"id\",\"Heartbeat\",{\"x\":\"\xC0\xAF\"}]";
    EXPECT_EQ(parse_error(overlong).kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, NotAnArrayOrNotJson) {
    EXPECT_EQ(parse_error(R"({"a":1})").kind, ErrorKind::RpcFrameworkError);
    EXPECT_EQ(parse_error("[2,\"id\"").kind, ErrorKind::RpcFrameworkError);
}

TEST(ParseFrame, PayloadMustBeAnObject) {
    EXPECT_EQ(parse_error(R"([2,"id","Heartbeat",[]])").kind, ErrorKind::FormatViolation);
    EXPECT_EQ(parse_error(R"([3,"id","x"])").kind, ErrorKind::FormatViolation);
}

TEST(ParseFrame, OversizeFrame) {
    std::string big = R"([2,"id","DataTransfer",{"vendorId":")" + std::string(2000, 'x') + "\"}]";
    auto r = parse_frame(big, Version::v16, FrameLimits{1024});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::FormatViolation);
}

TEST(SerializeCallError, UsesTheVersionsSpelling) {
    RpcError err{ErrorKind::OccurrenceConstraintViolation, "missing"};
    EXPECT_EQ(serialize_call_error(Version::v16, "1", err), R"([4,"1","OccurenceConstraintViolation","missing",{}])");
    EXPECT_EQ(serialize_call_error(Version::v201, "1", err),
              R"([4,"1","OccurrenceConstraintViolation","missing",{}])");
}

} // namespace
} // namespace recarga::ocpp
