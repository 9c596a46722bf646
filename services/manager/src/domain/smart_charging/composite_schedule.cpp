#include "domain/smart_charging/composite_schedule.hpp"

#include <algorithm>

namespace recarga::manager::smart {
namespace {

using std::chrono::seconds;

std::int64_t cycle_seconds(Recurrency r) {
    return r == Recurrency::Daily ? 86400 : 7 * 86400;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// The instant the schedule's current run started, as of `t`.
std::optional<TimePoint> run_start(const ChargingProfile& p, TimePoint t, std::optional<TimePoint> tx_start) {
    switch (p.kind) {
    case Kind::Absolute:
        return p.schedule.start;
    case Kind::Relative:
        return tx_start;
    case Kind::Recurring:
        if (!p.schedule.start || !p.recurrency)
            return std::nullopt;
        const std::int64_t cycle = cycle_seconds(*p.recurrency);
        const std::int64_t k = floor_div((t - *p.schedule.start).count(), cycle);
        return *p.schedule.start + seconds(k * cycle);
    }
    return std::nullopt;
}

struct Candidate {
    std::int64_t limit_tenths; // in the requested unit
    int phases;
};

// The applicable limit of the highest stack level among `profiles` matching `accept`, at `t`.
template <class Accept>
std::optional<Candidate> best(const std::vector<InstalledProfile>& profiles, Accept accept, TimePoint t,
                              std::optional<TimePoint> tx_start, const CompositeRequest& r) {
    const InstalledProfile* winner = nullptr;
    PeriodAt winner_period;
    for (const auto& ip : profiles) {
        if (!accept(ip))
            continue;
        if (winner && ip.profile.stack_level <= winner->profile.stack_level)
            continue;
        if (auto at = limit_at(ip.profile, t, tx_start)) {
            winner = &ip;
            winner_period = *at;
        }
    }
    if (!winner)
        return std::nullopt;
    const int phases = winner_period.phases.value_or(r.default_phases);
    return Candidate{
        convert_tenths(winner_period.limit_tenths, winner->profile.schedule.unit, r.unit, phases, r.voltage), phases};
}

Candidate evaluate(const std::vector<InstalledProfile>& profiles, const CompositeRequest& r, TimePoint t) {
    // Relative profiles run from the transaction's start, or from the window's when no transaction runs.
    const TimePoint relative_start = r.transaction_start.value_or(r.start);
    auto purpose_on = [](Purpose purpose, int evse) {
        return [=](const InstalledProfile& ip) { return ip.profile.purpose == purpose && ip.evse_id == evse; };
    };
    std::optional<Candidate> limit = best(profiles, purpose_on(Purpose::StationMax, 0), t, relative_start, r);
    if (r.evse_id > 0) {
        std::optional<Candidate> tx;
        if (r.transaction_start && t >= *r.transaction_start) {
            auto tx_profile = [&](const InstalledProfile& ip) {
                return ip.profile.purpose == Purpose::Tx && ip.evse_id == r.evse_id &&
                       (!ip.profile.transaction_id || ip.profile.transaction_id == r.transaction_id);
            };
            tx = best(profiles, tx_profile, t, relative_start, r);
        }
        if (!tx)
            tx = best(profiles, purpose_on(Purpose::TxDefault, r.evse_id), t, relative_start, r);
        if (!tx)
            tx = best(profiles, purpose_on(Purpose::TxDefault, 0), t, relative_start, r);
        if (tx && (!limit || tx->limit_tenths < limit->limit_tenths))
            limit = tx;
    }
    return limit.value_or(Candidate{r.default_limit_tenths, r.default_phases});
}

} // namespace

std::optional<PeriodAt> limit_at(const ChargingProfile& p, TimePoint t, std::optional<TimePoint> tx_start) {
    if (p.valid_from && t < *p.valid_from)
        return std::nullopt;
    if (p.valid_to && t >= *p.valid_to)
        return std::nullopt;
    const auto start = run_start(p, t, tx_start);
    if (!start || t < *start)
        return std::nullopt;
    const std::int64_t elapsed = (t - *start).count();
    if (p.schedule.duration && elapsed >= *p.schedule.duration)
        return std::nullopt;
    const SchedulePeriod* current = nullptr;
    for (const auto& period : p.schedule.periods) {
        if (period.start > elapsed)
            break;
        current = &period;
    }
    if (!current)
        return std::nullopt;
    return PeriodAt{current->limit_tenths, current->phases};
}

std::int64_t convert_tenths(std::int64_t tenths, RateUnit from, RateUnit to, int phases, int voltage) {
    if (from == to)
        return tenths;
    const std::int64_t factor = static_cast<std::int64_t>(std::max(phases, 1)) * std::max(voltage, 1);
    return from == RateUnit::A ? tenths * factor : tenths / factor;
}

CompositeSchedule composite_schedule(const std::vector<InstalledProfile>& profiles, const CompositeRequest& r) {
    CompositeSchedule out{r.start, r.duration, r.unit, {}};
    if (r.duration <= 0)
        return out;
    const TimePoint end = r.start + seconds(r.duration);
    // Every instant at which some profile may change its limit, within the window.
    std::vector<TimePoint> edges{r.start};
    auto add = [&](TimePoint t) {
        if (t > r.start && t < end)
            edges.push_back(t);
    };
    const TimePoint relative_start = r.transaction_start.value_or(r.start);
    if (r.transaction_start)
        add(*r.transaction_start);
    for (const auto& ip : profiles) {
        const auto& p = ip.profile;
        if (p.valid_from)
            add(*p.valid_from);
        if (p.valid_to)
            add(*p.valid_to);
        std::vector<TimePoint> runs;
        if (p.kind == Kind::Recurring) {
            if (!p.schedule.start || !p.recurrency)
                continue;
            const std::int64_t cycle = cycle_seconds(*p.recurrency);
            const auto first = floor_div((r.start - *p.schedule.start).count(), cycle);
            const auto last = floor_div((end - *p.schedule.start).count(), cycle);
            for (auto k = first; k <= last; ++k)
                runs.push_back(*p.schedule.start + seconds(k * cycle));
        } else if (auto s = p.kind == Kind::Relative ? std::optional<TimePoint>(relative_start) : p.schedule.start) {
            runs.push_back(*s);
        }
        for (TimePoint run : runs) {
            add(run);
            for (const auto& period : p.schedule.periods)
                add(run + seconds(period.start));
            if (p.schedule.duration)
                add(run + seconds(*p.schedule.duration));
        }
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    for (TimePoint t : edges) {
        const Candidate c = evaluate(profiles, r, t);
        if (!out.periods.empty() && out.periods.back().limit_tenths == c.limit_tenths &&
            out.periods.back().phases == c.phases)
            continue;
        out.periods.push_back({(t - r.start).count(), c.limit_tenths, c.phases});
    }
    return out;
}

} // namespace recarga::manager::smart
