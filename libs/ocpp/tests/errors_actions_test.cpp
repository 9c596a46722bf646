// Generated per-version CALLERROR codes and action tables.
#include <gtest/gtest.h>

#include "recarga/ocpp/actions.hpp"
#include "recarga/ocpp/errors.hpp"
#include "recarga/ocpp/v201/messages.hpp"

namespace recarga::ocpp {
namespace {

TEST(ErrorCodes, V16KeepsItsOwnSpellings) {
    EXPECT_EQ(error_code(Version::v16, ErrorKind::FormatViolation), "FormationViolation");
    EXPECT_EQ(error_code(Version::v16, ErrorKind::OccurrenceConstraintViolation), "OccurenceConstraintViolation");
    EXPECT_EQ(error_code(Version::v16, ErrorKind::MessageTypeNotSupported), "FormationViolation");
    EXPECT_EQ(error_code(Version::v16, ErrorKind::RpcFrameworkError), "FormationViolation");
}

TEST(ErrorCodes, V2xSpellings) {
    for (auto v : {Version::v201, Version::v21}) {
        EXPECT_EQ(error_code(v, ErrorKind::FormatViolation), "FormatViolation");
        EXPECT_EQ(error_code(v, ErrorKind::OccurrenceConstraintViolation), "OccurrenceConstraintViolation");
        EXPECT_EQ(error_code(v, ErrorKind::MessageTypeNotSupported), "MessageTypeNotSupported");
        EXPECT_EQ(error_code(v, ErrorKind::RpcFrameworkError), "RpcFrameworkError");
        EXPECT_EQ(error_code(v, ErrorKind::SecurityError), "SecurityError");
    }
}

TEST(ErrorCodes, ParseBackPerVersion) {
    EXPECT_EQ(error_kind_from_code(Version::v16, "OccurenceConstraintViolation"),
              ErrorKind::OccurrenceConstraintViolation);
    EXPECT_EQ(error_kind_from_code(Version::v16, "FormationViolation"), ErrorKind::FormatViolation);
    EXPECT_FALSE(error_kind_from_code(Version::v16, "FormatViolation"));
    EXPECT_FALSE(error_kind_from_code(Version::v201, "FormationViolation"));
    EXPECT_FALSE(error_kind_from_code(Version::v201, "OccurenceConstraintViolation"));
    EXPECT_EQ(error_kind_from_code(Version::v21, "RpcFrameworkError"), ErrorKind::RpcFrameworkError);
    EXPECT_FALSE(error_kind_from_code(Version::v21, "genericerror"));
}

TEST(Actions, CountsMatchTheSchemas) {
    EXPECT_EQ(actions(Version::v16).size(), 39u);  // 28 core + 11 security whitepaper
    EXPECT_EQ(actions(Version::v201).size(), 64u);
    EXPECT_EQ(actions(Version::v21).size(), 91u);
}

TEST(Actions, SortedAndFindable) {
    for (auto v : {Version::v16, Version::v201, Version::v21}) {
        auto list = actions(v);
        for (std::size_t i = 1; i < list.size(); ++i) {
            EXPECT_LT(list[i - 1].name, list[i].name);
        }
        for (const auto& a : list) {
            EXPECT_EQ(find_action(v, a.name), &a);
        }
    }
    EXPECT_EQ(find_action(Version::v16, "Zzz"), nullptr);
    EXPECT_EQ(find_action(Version::v16, ""), nullptr);
}

TEST(Actions, Senders) {
    EXPECT_EQ(find_action(Version::v16, "BootNotification")->sender, Sender::ChargingStation);
    EXPECT_EQ(find_action(Version::v16, "RemoteStartTransaction")->sender, Sender::Csms);
    EXPECT_EQ(find_action(Version::v16, "DataTransfer")->sender, Sender::Both);
    EXPECT_EQ(find_action(Version::v16, "SignCertificate")->sender, Sender::ChargingStation);
    EXPECT_EQ(find_action(Version::v201, "TransactionEvent")->sender, Sender::ChargingStation);
    EXPECT_EQ(find_action(Version::v201, "RequestStartTransaction")->sender, Sender::Csms);
    EXPECT_EQ(find_action(Version::v21, "NotifyPeriodicEventStream")->sender, Sender::ChargingStation);
    EXPECT_FALSE(find_action(Version::v21, "NotifyPeriodicEventStream")->has_response);
    EXPECT_TRUE(find_action(Version::v21, "BootNotification")->has_response);
}

TEST(Actions, TypedDispatchAgreesWithTheTable) {
    int visited = 0;
    for (const auto& a : actions(Version::v201)) {
        bool found = v201::visit_action(a.name, [&]<class A>(A) {
            EXPECT_EQ(A::name, a.name);
            EXPECT_EQ(A::sender, a.sender);
            ++visited;
        });
        EXPECT_TRUE(found);
    }
    EXPECT_EQ(visited, 64);
    EXPECT_FALSE(v201::visit_action("BootNotificationX", [](auto) {}));
}

TEST(Enums, StringConversions) {
    v201::RegistrationStatusEnumType s{};
    EXPECT_TRUE(from_string("Pending", s));
    EXPECT_EQ(s, v201::RegistrationStatusEnumType::Pending);
    EXPECT_EQ(to_string(s), "Pending");
    EXPECT_FALSE(from_string("pending", s));
    EXPECT_EQ(s, v201::RegistrationStatusEnumType::Pending);
}

} // namespace
} // namespace recarga::ocpp
