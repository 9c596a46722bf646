// Charging-profile answers shared by the 1.6 and 2.x dialects, in the neutral model of charging_limits.hpp.
#include "dialect_impl.hpp"

#include <spdlog/spdlog.h>

namespace recarga::sim {

std::optional<RunningTransaction> running(const TxContext* tx) {
    if (!tx)
        return std::nullopt;
    return RunningTransaction{tx->transaction_id, std::chrono::floor<std::chrono::seconds>(tx->started_at)};
}

namespace detail {

const TxContext* transaction_on(int evse_id, const StationView& st) {
    for (const auto* tx : st.transactions)
        if (tx->evse_id == evse_id)
            return tx;
    return nullptr;
}

namespace {

IncomingReply changed(std::string_view status) {
    auto r = reply_status(status);
    Effect e;
    e.kind = Effect::Kind::ProfilesChanged;
    r.effects.push_back(std::move(e));
    return r;
}

} // namespace

IncomingReply install_profile(const smart::Translated<smart::ChargingProfile>& profile, int evse_id,
                              const StationView& st, ocpp::Version version) {
    if (!st.profiles)
        return reply_status("Rejected");
    if (!profile.value) {
        spdlog::debug("station={} charging profile refused: {}", st.identity ? st.identity->id : "",
                      profile.problems.empty() ? "" : profile.problems.front().detail);
        return reply_status("Rejected");
    }
    const auto* tx = transaction_on(evse_id, st);
    auto tx_id = tx ? std::optional<std::string>(tx->transaction_id) : std::nullopt;
    if (auto why = refusal(*profile.value, evse_id, st.connectors, tx_id, version)) {
        spdlog::debug("station={} charging profile {} refused: {}", st.identity ? st.identity->id : "",
                      profile.value->id, *why);
        return reply_status("Rejected");
    }
    st.profiles->install(evse_id, *profile.value);
    return changed("Accepted");
}

IncomingReply clear_profiles(const ProfileCriteria& criteria, const StationView& st) {
    if (!st.profiles || st.profiles->clear(criteria) == 0)
        return reply_status("Unknown");
    return changed("Accepted");
}

smart::CompositeSchedule composite_of(int evse_id, std::int64_t duration, smart::RateUnit unit,
                                      const StationView& st) {
    const auto now = std::chrono::floor<std::chrono::seconds>(Clock::now());
    const std::int64_t max_tenths = smart::convert_tenths(static_cast<std::int64_t>(st.evse_max_a) * 10,
                                                          smart::RateUnit::A, unit, st.phases, st.voltage);
    if (!st.profiles)
        return smart::CompositeSchedule{now, duration, unit, {{0, max_tenths, st.phases}}};
    return st.profiles->composite(evse_id, now, duration, unit, running(transaction_on(evse_id, st)), max_tenths,
                                  st.phases, st.voltage);
}

} // namespace detail
} // namespace recarga::sim
