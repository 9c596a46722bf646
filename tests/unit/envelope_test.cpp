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

TEST(Envelope, MalformedBatchesAreRejected) {
    DecodeFailure f;
    EXPECT_FALSE(decode_batch("{}", f));
    EXPECT_FALSE(decode_batch("not json", f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"nope","station":"a","gateway":"g"}])", f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"call","station":"a","gateway":"g","messageId":"1"}])", f));
    EXPECT_FALSE(decode_batch(R"([{"kind":"call","station":1,"gateway":"g"}])", f));
}

TEST(Envelope, DriverFacingActionsTakeThePriorityLane) {
    EXPECT_EQ(lane_for_action("Authorize"), kLanePriority);
    EXPECT_EQ(lane_for_action("TransactionEvent"), kLanePriority);
    EXPECT_EQ(lane_for_action("MeterValues"), kLaneBulk);
    EXPECT_EQ(lane_for_action("Heartbeat"), kLaneBulk);
}

} // namespace
} // namespace recarga::envelope
