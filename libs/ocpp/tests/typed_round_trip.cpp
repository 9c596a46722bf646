#include "recarga/ocpp/codec.hpp"
#include "recarga/ocpp/v16/messages.hpp"
#include "recarga/ocpp/v201/messages.hpp"
#include "recarga/ocpp/v21/messages.hpp"
#include "test_support.hpp"

namespace recarga::ocpp::test {

namespace {
template <class Visit>
bool round_trip_with(Visit visit, const std::string& action, Direction d, const boost::json::value& payload,
                     boost::json::value& out) {
    return visit(action, [&]<class A>(A) {
        if (d == Direction::Request) {
            out = to_json(decode<typename A::Request>(payload));
        } else if constexpr (A::has_response) {
            out = to_json(decode<typename A::Response>(payload));
        }
    });
}
} // namespace

bool typed_round_trip(Version v, const std::string& action, Direction d, const boost::json::value& payload,
                      boost::json::value& out) {
    switch (v) {
    case Version::v16:
        return round_trip_with([](auto name, auto&& f) { return v16::visit_action(name, f); }, action, d, payload,
                               out);
    case Version::v201:
        return round_trip_with([](auto name, auto&& f) { return v201::visit_action(name, f); }, action, d, payload,
                               out);
    case Version::v21:
        return round_trip_with([](auto name, auto&& f) { return v21::visit_action(name, f); }, action, d, payload,
                               out);
    }
    return false;
}

} // namespace recarga::ocpp::test
