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

IncomingReply clear_profiles(const boost::json::object& payload, std::string_view id_key,
                             const boost::json::object* criteria, std::string_view evse_key, const StationView& st) {
    ProfileCriteria c;
    if (payload.contains(id_key))
        c.id = get_int(payload, id_key, 0);
    if (criteria) {
        if (criteria->contains(evse_key))
            c.evse_id = static_cast<int>(get_int(*criteria, evse_key, 0));
        if (criteria->contains("stackLevel"))
            c.stack_level = get_int(*criteria, "stackLevel", 0);
        if (const auto purpose = get_string(*criteria, "chargingProfilePurpose"); !purpose.empty()) {
            c.purpose.emplace();
            if (!smart::from_string(purpose, *c.purpose))
                return reply_status("Unknown");
        }
    }
    if (!st.profiles || st.profiles->clear(c) == 0)
        return reply_status("Unknown");
    return changed("Accepted");
}

std::optional<smart::CompositeSchedule> composite_of(const boost::json::object& payload, std::string_view evse_key,
                                                     const StationView& st) {
    const int evse = static_cast<int>(get_int(payload, evse_key, -1));
    const auto duration = get_int(payload, "duration", 0);
    if (evse < 0 || evse > st.connectors || duration <= 0)
        return std::nullopt;
    const auto unit = get_string(payload, "chargingRateUnit") == "W" ? smart::RateUnit::W : smart::RateUnit::A;
    const auto now = std::chrono::floor<std::chrono::seconds>(Clock::now());
    const std::int64_t max_tenths = smart::convert_tenths(static_cast<std::int64_t>(st.evse_max_a) * 10,
                                                          smart::RateUnit::A, unit, st.phases, st.voltage);
    if (!st.profiles)
        return smart::CompositeSchedule{now, duration, unit, {{0, max_tenths, st.phases}}};
    return st.profiles->composite(evse, now, duration, unit, running(transaction_on(evse, st)), max_tenths, st.phases,
                                  st.voltage);
}

boost::json::array periods_json(const smart::CompositeSchedule& schedule) {
    boost::json::array periods;
    for (const auto& period : schedule.periods)
        periods.push_back(boost::json::object{{"startPeriod", period.start},
                                              {"limit", smart::tenths_to_number(period.limit_tenths)},
                                              {"numberPhases", period.phases}});
    return periods;
}

} // namespace detail
} // namespace recarga::sim
