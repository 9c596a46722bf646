#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "recarga/envelope/contract.hpp"
#include "recarga/envelope/envelope.hpp"

namespace recarga::envelope {
namespace {

TEST(Envelope, BatchRoundTrips) {
    Envelope call;
    call.kind = Kind::Call;
    call.station = "CP-1";
    call.gateway = "gw-1";
    call.connection = 42;
    call.protocol = "ocpp1.6";
    call.message_id = "m1";
    call.action = "Heartbeat";
    call.payload = boost::json::object{};
    call.trace_id = "abc";
    call.at_us = 123;
    Envelope err;
    err.kind = Kind::Error;
    err.station = "CP-2";
    err.gateway = "gw-1";
    err.message_id = "m2";
    err.error_code = "NotImplemented";
    err.error_description = "no";
    std::vector<Envelope> batch{call, err};
    DecodeFailure f;
    auto back = decode_batch(encode_batch(batch), f);
    ASSERT_TRUE(back) << f.description;
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].kind, Kind::Call);
    EXPECT_EQ((*back)[0].connection, 42u);
    EXPECT_EQ((*back)[0].action, "Heartbeat");
    EXPECT_EQ((*back)[0].trace_id, "abc");
    EXPECT_EQ((*back)[0].at_us, 123);
    EXPECT_EQ((*back)[1].kind, Kind::Error);
    EXPECT_EQ((*back)[1].error_code, "NotImplemented");
}

TEST(Envelope, StringsAndPayloadsNeedingEscapesRoundTrip) {
    Envelope call;
    call.kind = Kind::Call;
    call.station = "CP \"quoted\" \\ back/slash \x01 ctl é";
    call.gateway = "gw\n1";
    call.connection = 18446744073709551615ull;
    call.protocol = "ocpp2.0.1";
    call.message_id = "m\t1";
    call.action = "DataTransfer";
    call.payload = boost::json::parse(R"({"vendorId":"v\"1","data":"line\nnext \u0000 €","n":[1,2.5,-3,true,null,{}]})");
    call.error_description = "";
    call.timeout_ms = 7;
    call.at_us = -5;
    DecodeFailure f;
    const auto text = encode_batch(std::span(&call, 1));
    EXPECT_TRUE(boost::json::parse(text).is_array()) << text;
    auto back = decode_batch(text, f);
    ASSERT_TRUE(back) << f.description;
    ASSERT_EQ(back->size(), 1u);
    const auto& b = (*back)[0];
    EXPECT_EQ(b.station, call.station);
    EXPECT_EQ(b.gateway, call.gateway);
    EXPECT_EQ(b.connection, call.connection);
    EXPECT_EQ(b.message_id, call.message_id);
    EXPECT_EQ(b.payload, call.payload);
    EXPECT_EQ(b.timeout_ms, 7);
    EXPECT_EQ(b.at_us, -5);
    EXPECT_TRUE(b.error_description.empty());
    EXPECT_EQ(encode_batch({}), "[]");
}

TEST(Envelope, MalformedBatchesAreRejected) {
    DecodeFailure f;
    EXPECT_FALSE(decode_batch("{}", f));
    EXPECT_FALSE(decode_batch("not json", f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"nope","station":"a","gateway":"g"}])", f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"call","station":"a","gateway":"g","messageId":"1"}])", f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"call","station":1,"gateway":"g"}])", f));
}

TEST(Envelope, CommandAndItsResultRoundTrip) {
    Envelope cmd;
    cmd.kind = Kind::Command;
    cmd.station = "CP-1";
    cmd.gateway = "gw-1";
    cmd.message_id = "c1";
    cmd.action = "Reset";
    cmd.payload = boost::json::object{{"type", "Soft"}};
    cmd.reply_to = "recarga.manager.commands.m1";
    cmd.timeout_ms = 5000;
    Envelope res;
    res.kind = Kind::CommandResult;
    res.station = "CP-1";
    res.gateway = "gw-1";
    res.message_id = "c1";
    res.outcome = std::string(outcome::kTimeout);
    Envelope close;
    close.kind = Kind::Close;
    close.station = "CP-1";
    close.gateway = "gw-1";
    close.connection = 7;
    std::vector<Envelope> batch{cmd, res, close};
    DecodeFailure f;
    auto back = decode_batch(encode_batch(batch), f);
    ASSERT_TRUE(back) << f.description;
    ASSERT_EQ(back->size(), 3u);
    EXPECT_EQ((*back)[0].kind, Kind::Command);
    EXPECT_EQ((*back)[0].reply_to, "recarga.manager.commands.m1");
    EXPECT_EQ((*back)[0].timeout_ms, 5000);
    EXPECT_EQ((*back)[1].kind, Kind::CommandResult);
    EXPECT_EQ((*back)[1].outcome, "timeout");
    EXPECT_EQ((*back)[2].kind, Kind::Close);
    EXPECT_EQ((*back)[2].connection, 7u);
}

TEST(Envelope, CommandWithoutReplyQueueOrTimeoutIsRejected) {
    DecodeFailure f;
    EXPECT_FALSE(decode_batch(R"([{"kind":"command","station":"a","gateway":"g","messageId":"1","action":"Reset",)"
                              R"("payload":{},"timeoutMs":1000}])",
                              f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"command","station":"a","gateway":"g","messageId":"1","action":"Reset",)"
                              R"("payload":{},"replyTo":"q"}])",
                              f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"command_result","station":"a","gateway":"g","messageId":"1"}])", f));
}

TEST(Envelope, DriverFacingActionsTakeThePriorityLane) {
    EXPECT_EQ(lane_for_action("Authorize"), kLanePriority);
    EXPECT_EQ(lane_for_action("TransactionEvent"), kLanePriority);
    EXPECT_EQ(lane_for_action("MeterValues"), kLaneBulk);
    EXPECT_EQ(lane_for_action("Heartbeat"), kLaneBulk);
}

} // namespace
} // namespace recarga::envelope
