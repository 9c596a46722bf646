#include "domain/smart_charging/charging_profile.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fmt/format.h>

namespace recarga::manager::smart {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kWeek = 7 * kDay;
constexpr std::size_t kMaxPeriods = 1024; // 2.0.1 schema maxItems

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Out-of-range phase counts stay out of range (for validate() to name) without overflowing an int.
int clamp_phases(std::int64_t n) {
    return static_cast<int>(std::clamp<std::int64_t>(n, -1, 99));
}

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 18)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

std::string period_field(std::size_t i, std::string_view member) {
    return fmt::format("/schedule/periods/{}/{}", i, member);
}

} // namespace

std::string_view to_string(Purpose p) noexcept {
    switch (p) {
    case Purpose::StationMax:
        return "StationMax";
    case Purpose::TxDefault:
        return "TxDefault";
    case Purpose::Tx:
        return "Tx";
    }
    return "";
}
std::string_view to_string(Kind k) noexcept {
    switch (k) {
    case Kind::Absolute:
        return "Absolute";
    case Kind::Recurring:
        return "Recurring";
    case Kind::Relative:
        return "Relative";
    }
    return "";
}
std::string_view to_string(Recurrency r) noexcept {
    return r == Recurrency::Daily ? "Daily" : "Weekly";
}
std::string_view to_string(RateUnit u) noexcept {
    return u == RateUnit::A ? "A" : "W";
}

bool from_string(std::string_view s, Purpose& out) noexcept {
    if (s == "StationMax" || s == "ChargePointMaxProfile" || s == "ChargingStationMaxProfile") {
        out = Purpose::StationMax;
    } else if (s == "TxDefault" || s == "TxDefaultProfile") {
        out = Purpose::TxDefault;
    } else if (s == "Tx" || s == "TxProfile") {
        out = Purpose::Tx;
    } else {
        return false;
    }
    return true;
}
bool from_string(std::string_view s, Kind& out) noexcept {
    for (Kind k : {Kind::Absolute, Kind::Recurring, Kind::Relative})
        if (s == to_string(k))
            return out = k, true;
    return false;
}
bool from_string(std::string_view s, Recurrency& out) noexcept {
    for (Recurrency r : {Recurrency::Daily, Recurrency::Weekly})
        if (s == to_string(r))
            return out = r, true;
    return false;
}
bool from_string(std::string_view s, RateUnit& out) noexcept {
    for (RateUnit u : {RateUnit::A, RateUnit::W})
        if (s == to_string(u))
            return out = u, true;
    return false;
}

std::optional<TimePoint> parse_time(std::string_view s) {
    using namespace std::chrono;
    int y, mo, d, h, mi, sec;
    if (!read_digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !read_digits(s, 5, 2, mo) || s[7] != '-' ||
        !read_digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !read_digits(s, 11, 2, h) || s[13] != ':' ||
        !read_digits(s, 14, 2, mi) || s[16] != ':' || !read_digits(s, 17, 2, sec))
        return std::nullopt;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t digits = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
        if (pos == digits)
            return std::nullopt;
    }
    int offset_s = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset_s = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size() || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} - seconds{offset_s};
}

std::string format_time(TimePoint t) {
    using namespace std::chrono;
    const auto days = floor<std::chrono::days>(t);
    const year_month_day ymd{days};
    const hh_mm_ss hms{t - days};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
}

double tenths_to_number(std::int64_t tenths) {
    return static_cast<double>(tenths) / 10.0;
}

std::optional<std::int64_t> number_to_tenths(double value) {
    if (!std::isfinite(value) || value < 0 || value > 1e15)
        return std::nullopt;
    // 16.3 is 16.299999... in binary: nudge by far less than 0.1 before rounding down.
    return static_cast<std::int64_t>(std::floor(value * 10.0 + 1e-6));
}

std::vector<Problem> validate(const ChargingProfile& p, int evse_id, ocpp::Version version) {
    std::vector<Problem> out;
    auto fail = [&](std::string field, std::string detail) { out.push_back({std::move(field), std::move(detail)}); };
    if (p.id <= 0)
        fail("/id", "must be a positive integer");
    if (p.stack_level < 0)
        fail("/stackLevel", "must not be negative");
    if (evse_id < 0)
        fail("/evseId", "must not be negative");
    // 1.6 3.13.2 / 2.0.1 K01.FR.38: a station-wide maximum belongs to the whole station.
    if (p.purpose == Purpose::StationMax && evse_id != 0)
        fail("/evseId", "a StationMax profile applies to evse 0");
    // 2.0.1 K01.FR.16: a TxProfile is set on an EVSE, never on 0.
    if (p.purpose == Purpose::Tx && evse_id == 0)
        fail("/evseId", "a Tx profile needs an evse (connector) > 0");
    if (p.transaction_id && p.purpose != Purpose::Tx)
        fail("/transactionId", "only a Tx profile names a transaction");
    if (p.purpose == Purpose::Tx && version != ocpp::Version::v16 && !p.transaction_id)
        fail("/transactionId", "required for a Tx profile (K01.FR.03)");
    if (p.transaction_id && version == ocpp::Version::v16 && !all_digits(*p.transaction_id))
        fail("/transactionId", "OCPP 1.6 transaction ids are integers");
    if (p.transaction_id && version != ocpp::Version::v16 &&
        (p.transaction_id->empty() || p.transaction_id->size() > 36))
        fail("/transactionId", "1 to 36 characters");
    // 2.0.1 K01.FR.40/41: Absolute and Recurring schedules have a start, Relative ones do not.
    if (p.kind == Kind::Relative && p.schedule.start)
        fail("/schedule/start", "a Relative profile has no start");
    if (p.kind != Kind::Relative && !p.schedule.start)
        fail("/schedule/start", "required unless the kind is Relative");
    if (p.kind == Kind::Recurring && !p.recurrency)
        fail("/recurrency", "required for a Recurring profile");
    if (p.kind != Kind::Recurring && p.recurrency)
        fail("/recurrency", "only a Recurring profile recurs");
    if (p.valid_from && p.valid_to && *p.valid_to <= *p.valid_from)
        fail("/validTo", "must be after validFrom");
    const auto& s = p.schedule;
    if (s.duration && *s.duration <= 0)
        fail("/schedule/duration", "must be positive");
    if (s.min_rate_tenths && *s.min_rate_tenths < 0)
        fail("/schedule/minRate", "must not be negative");
    const std::int64_t cycle = p.recurrency == Recurrency::Weekly ? kWeek : kDay;
    if (p.kind == Kind::Recurring && s.duration && *s.duration > cycle)
        fail("/schedule/duration", "longer than the recurrence");
    if (s.periods.empty())
        fail("/schedule/periods", "at least one period");
    if (s.periods.size() > kMaxPeriods)
        fail("/schedule/periods", "at most 1024 periods");
    for (std::size_t i = 0; i < s.periods.size(); ++i) {
        const auto& period = s.periods[i];
        if (i == 0 && period.start != 0)
            fail(period_field(i, "start"), "the first period starts at 0");
        if (i > 0 && period.start <= s.periods[i - 1].start)
            fail(period_field(i, "start"), "periods start in increasing order");
        if (p.kind == Kind::Recurring && period.start >= cycle)
            fail(period_field(i, "start"), "starts after the recurrence ends");
        if (period.limit_tenths < 0)
            fail(period_field(i, "limit"), "must not be negative");
        if (period.phases && (*period.phases < 1 || *period.phases > 3))
            fail(period_field(i, "phases"), "1 to 3");
    }
    return out;
}

namespace {

// What both versions spell alike (member names, and enum values named as in the neutral model): written through
// the version's own from_string (found by argument-dependent lookup).
template <class OcppProfile, class OcppSchedule>
void write_shared(const ChargingProfile& p, OcppProfile& cp, OcppSchedule& cs) {
    cp.stackLevel = p.stack_level;
    from_string(to_string(p.kind), cp.chargingProfileKind);
    if (p.recurrency) {
        cp.recurrencyKind.emplace();
        from_string(to_string(*p.recurrency), *cp.recurrencyKind);
    }
    if (p.valid_from)
        cp.validFrom = format_time(*p.valid_from);
    if (p.valid_to)
        cp.validTo = format_time(*p.valid_to);
    if (p.schedule.start)
        cs.startSchedule = format_time(*p.schedule.start);
    cs.duration = p.schedule.duration;
    from_string(to_string(p.schedule.unit), cs.chargingRateUnit);
    if (p.schedule.min_rate_tenths)
        cs.minChargingRate = tenths_to_number(*p.schedule.min_rate_tenths);
    for (const auto& period : p.schedule.periods) {
        typename decltype(cs.chargingSchedulePeriod)::value_type sp;
        sp.startPeriod = period.start;
        sp.limit = tenths_to_number(period.limit_tenths);
        if (period.phases)
            sp.numberPhases = *period.phases;
        cs.chargingSchedulePeriod.push_back(sp);
    }
}

} // namespace

Translated<ocpp::v16::SetChargingProfileRequest> to_v16(const ChargingProfile& p, int connector_id) {
    namespace v16 = ocpp::v16;
    Translated<v16::SetChargingProfileRequest> out;
    out.problems = validate(p, connector_id, ocpp::Version::v16);
    if (!out.problems.empty())
        return out;
    v16::SetChargingProfileRequest req;
    req.connectorId = connector_id;
    auto& cp = req.csChargingProfiles;
    cp.chargingProfileId = p.id;
    using P16 = v16::SetChargingProfileRequestCsChargingProfilesChargingProfilePurpose;
    cp.chargingProfilePurpose = p.purpose == Purpose::StationMax  ? P16::ChargePointMaxProfile
                                : p.purpose == Purpose::TxDefault ? P16::TxDefaultProfile
                                                                  : P16::TxProfile;
    if (p.transaction_id)
        cp.transactionId = std::stoll(*p.transaction_id);
    write_shared(p, cp, cp.chargingSchedule);
    out.value = std::move(req);
    return out;
}

Translated<ocpp::v201::SetChargingProfileRequest> to_v201(const ChargingProfile& p, int evse_id) {
    namespace v201 = ocpp::v201;
    Translated<v201::SetChargingProfileRequest> out;
    out.problems = validate(p, evse_id, ocpp::Version::v201);
    if (!out.problems.empty())
        return out;
    v201::SetChargingProfileRequest req;
    req.evseId = evse_id;
    auto& cp = req.chargingProfile;
    cp.id = p.id;
    using P = v201::ChargingProfilePurposeEnumType;
    cp.chargingProfilePurpose = p.purpose == Purpose::StationMax  ? P::ChargingStationMaxProfile
                                : p.purpose == Purpose::TxDefault ? P::TxDefaultProfile
                                                                  : P::TxProfile;
    cp.transactionId = p.transaction_id;
    v201::ChargingScheduleType cs;
    cs.id = p.schedule.id;
    write_shared(p, cp, cs);
    cp.chargingSchedule.push_back(std::move(cs));
    out.value = std::move(req);
    return out;
}

namespace {

// Shared by both versions once their payload is read into plain values.
template <class Period> void read_periods(const std::vector<Period>& in, Schedule& s, std::vector<Problem>& problems) {
    for (std::size_t i = 0; i < in.size(); ++i) {
        SchedulePeriod period;
        period.start = in[i].startPeriod;
        if (auto t = number_to_tenths(in[i].limit)) {
            period.limit_tenths = *t;
        } else {
            problems.push_back({period_field(i, "limit"), "not a non-negative number"});
        }
        if (in[i].numberPhases)
            period.phases = clamp_phases(*in[i].numberPhases);
        s.periods.push_back(period);
    }
}

std::optional<TimePoint> read_time(const std::optional<std::string>& text, std::string_view field,
                                   std::vector<Problem>& problems) {
    if (!text)
        return std::nullopt;
    auto t = parse_time(*text);
    if (!t)
        problems.push_back({std::string(field), "not an RFC 3339 date-time"});
    return t;
}

void read_min_rate(const std::optional<double>& rate, Schedule& s, std::vector<Problem>& problems) {
    if (!rate)
        return;
    s.min_rate_tenths = number_to_tenths(*rate);
    if (!s.min_rate_tenths)
        problems.push_back({"/schedule/minRate", "not a non-negative number"});
}

} // namespace

namespace {

// The other way: what both versions spell alike, read into `p`.
template <class OcppProfile, class OcppSchedule>
void read_shared(const OcppProfile& in, const OcppSchedule& cs, ChargingProfile& p, std::vector<Problem>& problems) {
    p.stack_level = in.stackLevel;
    from_string(to_string(in.chargingProfileKind), p.kind);
    if (in.recurrencyKind) {
        Recurrency r{};
        from_string(to_string(*in.recurrencyKind), r);
        p.recurrency = r;
    }
    p.valid_from = read_time(in.validFrom, "/validFrom", problems);
    p.valid_to = read_time(in.validTo, "/validTo", problems);
    p.schedule.start = read_time(cs.startSchedule, "/schedule/start", problems);
    p.schedule.duration = cs.duration;
    from_string(to_string(cs.chargingRateUnit), p.schedule.unit);
    read_min_rate(cs.minChargingRate, p.schedule, problems);
    read_periods(cs.chargingSchedulePeriod, p.schedule, problems);
}

} // namespace

Translated<ChargingProfile> from_v16(const ocpp::v16::SetChargingProfileRequestCsChargingProfiles& in) {
    Translated<ChargingProfile> out;
    ChargingProfile p;
    p.id = in.chargingProfileId;
    from_string(ocpp::v16::to_string(in.chargingProfilePurpose), p.purpose);
    if (in.transactionId)
        p.transaction_id = std::to_string(*in.transactionId);
    read_shared(in, in.chargingSchedule, p, out.problems);
    if (out.problems.empty())
        out.value = std::move(p);
    return out;
}

Translated<ChargingProfile> from_v201(const ocpp::v201::ChargingProfileType& in) {
    Translated<ChargingProfile> out;
    if (in.chargingSchedule.empty()) {
        out.problems.push_back({"/schedule", "no charging schedule"});
        return out;
    }
    ChargingProfile p;
    p.id = in.id;
    if (!from_string(ocpp::v201::to_string(in.chargingProfilePurpose), p.purpose))
        p.purpose = Purpose::StationMax; // ChargingStationExternalConstraints: a station-wide limit
    p.transaction_id = in.transactionId;
    p.schedule.id = in.chargingSchedule.front().id;
    read_shared(in, in.chargingSchedule.front(), p, out.problems);
    if (out.problems.empty())
        out.value = std::move(p);
    return out;
}

} // namespace recarga::manager::smart

namespace recarga::manager::smart {

boost::json::object to_json(const ChargingProfile& p) {
    boost::json::object o;
    o["id"] = p.id;
    o["stackLevel"] = p.stack_level;
    o["purpose"] = to_string(p.purpose);
    o["kind"] = to_string(p.kind);
    if (p.recurrency)
        o["recurrency"] = to_string(*p.recurrency);
    if (p.valid_from)
        o["validFrom"] = format_time(*p.valid_from);
    if (p.valid_to)
        o["validTo"] = format_time(*p.valid_to);
    if (p.transaction_id)
        o["transactionId"] = *p.transaction_id;
    boost::json::object s;
    s["id"] = p.schedule.id;
    if (p.schedule.start)
        s["start"] = format_time(*p.schedule.start);
    if (p.schedule.duration)
        s["duration"] = *p.schedule.duration;
    s["unit"] = to_string(p.schedule.unit);
    if (p.schedule.min_rate_tenths)
        s["minRate"] = tenths_to_number(*p.schedule.min_rate_tenths);
    boost::json::array periods;
    for (const auto& period : p.schedule.periods) {
        boost::json::object po{{"start", period.start}, {"limit", tenths_to_number(period.limit_tenths)}};
        if (period.phases)
            po["phases"] = *period.phases;
        periods.push_back(std::move(po));
    }
    s["periods"] = std::move(periods);
    o["schedule"] = std::move(s);
    return o;
}

namespace {

// Reads members of one JSON object, collecting problems under a path prefix.
class Reader {
public:
    Reader(const boost::json::value& v, std::string prefix, std::vector<Problem>& problems)
        : o_(v.if_object()), prefix_(std::move(prefix)), problems_(problems) {
        if (!o_)
            fail("", "must be an object");
    }
    bool ok() const { return o_ != nullptr; }
    const boost::json::value* find(std::string_view key) const {
        if (!o_)
            return nullptr;
        auto it = o_->find(key);
        return it == o_->end() || it->value().is_null() ? nullptr : &it->value();
    }
    void fail(std::string_view key, std::string detail) {
        problems_.push_back({prefix_ + (key.empty() ? "" : "/" + std::string(key)), std::move(detail)});
    }
    std::optional<std::int64_t> integer(std::string_view key, bool required) {
        const auto* v = find(key);
        if (!v)
            return missing<std::int64_t>(key, required);
        if (v->is_int64())
            return v->get_int64();
        if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
            return static_cast<std::int64_t>(v->get_uint64());
        fail(key, "must be an integer");
        return std::nullopt;
    }
    std::optional<std::int64_t> tenths(std::string_view key, bool required) {
        const auto* v = find(key);
        if (!v)
            return missing<std::int64_t>(key, required);
        std::optional<std::int64_t> t;
        if (v->is_number())
            t = number_to_tenths(v->to_number<double>());
        if (!t)
            fail(key, "must be a non-negative number");
        return t;
    }
    std::optional<std::string> text(std::string_view key, bool required) {
        const auto* v = find(key);
        if (!v)
            return missing<std::string>(key, required);
        if (v->is_string())
            return std::string(v->get_string());
        fail(key, "must be a string");
        return std::nullopt;
    }
    std::optional<TimePoint> time(std::string_view key) {
        auto t = text(key, false);
        if (!t)
            return std::nullopt;
        auto parsed = parse_time(*t);
        if (!parsed)
            fail(key, "must be an RFC 3339 date-time");
        return parsed;
    }
    template <class E> std::optional<E> name(std::string_view key, bool required) {
        auto t = text(key, required);
        if (!t)
            return std::nullopt;
        E e{};
        if (from_string(*t, e))
            return e;
        fail(key, "unknown value '" + *t + "'");
        return std::nullopt;
    }

private:
    template <class T> std::optional<T> missing(std::string_view key, bool required) {
        if (required)
            fail(key, "required");
        return std::nullopt;
    }
    const boost::json::object* o_;
    std::string prefix_;
    std::vector<Problem>& problems_;
};

} // namespace

Translated<ChargingProfile> profile_from_json(const boost::json::value& v) {
    Translated<ChargingProfile> out;
    Reader r(v, "", out.problems);
    if (!r.ok())
        return out;
    ChargingProfile p;
    p.id = r.integer("id", true).value_or(0);
    p.stack_level = r.integer("stackLevel", false).value_or(0);
    p.purpose = r.name<Purpose>("purpose", true).value_or(Purpose::TxDefault);
    p.kind = r.name<Kind>("kind", false).value_or(Kind::Absolute);
    p.recurrency = r.name<Recurrency>("recurrency", false);
    p.valid_from = r.time("validFrom");
    p.valid_to = r.time("validTo");
    p.transaction_id = r.text("transactionId", false);
    const auto* schedule = r.find("schedule");
    if (!schedule) {
        r.fail("schedule", "required");
        return out;
    }
    Reader s(*schedule, "/schedule", out.problems);
    if (!s.ok())
        return out;
    p.schedule.id = s.integer("id", false).value_or(0);
    p.schedule.start = s.time("start");
    p.schedule.duration = s.integer("duration", false);
    p.schedule.unit = s.name<RateUnit>("unit", true).value_or(RateUnit::A);
    p.schedule.min_rate_tenths = s.tenths("minRate", false);
    const auto* periods = s.find("periods");
    if (!periods || !periods->is_array()) {
        s.fail("periods", "required, an array");
        return out;
    }
    for (std::size_t i = 0; i < periods->get_array().size(); ++i) {
        Reader pr(periods->get_array()[i], "/schedule/periods/" + std::to_string(i), out.problems);
        if (!pr.ok())
            continue;
        SchedulePeriod period;
        period.start = pr.integer("start", true).value_or(0);
        period.limit_tenths = pr.tenths("limit", true).value_or(0);
        if (auto phases = pr.integer("phases", false))
            period.phases = clamp_phases(*phases);
        p.schedule.periods.push_back(period);
    }
    if (out.problems.empty())
        out.value = std::move(p);
    return out;
}

} // namespace recarga::manager::smart
