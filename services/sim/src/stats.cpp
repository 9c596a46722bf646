#include "stats.hpp"

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "recarga/ocpp/version.hpp"

namespace recarga::sim {

namespace json = boost::json;

void ActionStats::merge(const ActionStats& o) {
    sent += o.sent;
    ok += o.ok;
    errors += o.errors;
    timeouts += o.timeouts;
    aborted += o.aborted;
    for (const auto& [code, n] : o.error_codes) {
        error_codes[code] += n;
    }
    latency_us.merge(o.latency_us);
}

void Stats::merge(const Stats& o) {
    for (const auto& [name, a] : o.actions) {
        actions[name].merge(a);
    }
    for (const auto& [name, n] : o.incoming) {
        incoming[name] += n;
    }
    for (const auto& [name, n] : o.incoming_errors) {
        incoming_errors[name] += n;
    }
    for (const auto& [name, n] : o.connect_failures) {
        connect_failures[name] += n;
    }
    connect_attempts += o.connect_attempts;
    connects += o.connects;
    disconnects += o.disconnects;
    boots_accepted += o.boots_accepted;
    boots_pending += o.boots_pending;
    boots_rejected += o.boots_rejected;
    sessions_started += o.sessions_started;
    sessions_completed += o.sessions_completed;
    unmatched_results += o.unmatched_results;
    bad_frames += o.bad_frames;
    late_sends += o.late_sends;
    connect_us.merge(o.connect_us);
    handshake_us.merge(o.handshake_us);
}

namespace {

double ms(std::uint64_t us) { return static_cast<double>(us) / 1000.0; }

json::object latency_json(const Histogram& h) {
    return json::object{{"count", h.count()},
                        {"min", ms(h.min())},
                        {"mean", h.mean() / 1000.0},
                        {"p50", ms(h.percentile(50))},
                        {"p90", ms(h.percentile(90))},
                        {"p99", ms(h.percentile(99))},
                        {"p999", ms(h.percentile(99.9))},
                        {"max", ms(h.max())}};
}

template <class Map> json::object map_json(const Map& m) {
    json::object o;
    for (const auto& [k, v] : m) {
        o[k] = v;
    }
    return o;
}

} // namespace

json::object make_report(const Options& o, const Stats& s, const RunInfo& run) {
    json::array protocols;
    for (auto v : o.protocols) {
        protocols.push_back(json::string(ocpp::subprotocol(v)));
    }
    json::object config{{"url", o.url},
                        {"stations", o.stations},
                        {"protocols", std::move(protocols)},
                        {"scenario", scenario_name(o.scenario)},
                        {"mode", load_mode_name(o.mode)},
                        {"rate", o.rate},
                        {"connect_rate", o.connect_rate},
                        {"threads", o.threads},
                        {"source_ips", o.source_ips.size()}};

    std::uint64_t sent = 0, ok = 0, errors = 0, timeouts = 0, aborted = 0;
    Histogram all;
    std::map<std::string, std::uint64_t> codes;
    json::object actions;
    for (const auto& [name, a] : s.actions) {
        sent += a.sent;
        ok += a.ok;
        errors += a.errors;
        timeouts += a.timeouts;
        aborted += a.aborted;
        all.merge(a.latency_us);
        for (const auto& [code, n] : a.error_codes) {
            codes[code] += n;
        }
        actions[name] = json::object{{"sent", a.sent},
                                     {"ok", a.ok},
                                     {"call_errors", a.errors},
                                     {"timeouts", a.timeouts},
                                     {"aborted", a.aborted},
                                     {"error_codes", map_json(a.error_codes)},
                                     {"latency_ms", latency_json(a.latency_us)}};
    }
    const double elapsed = run.elapsed_s > 0 ? run.elapsed_s : 1e-9;
    json::object calls{{"sent", sent},
                       {"ok", ok},
                       {"call_errors", errors},
                       {"timeouts", timeouts},
                       {"aborted", aborted},
                       {"answered_per_s", static_cast<double>(ok + errors) / elapsed},
                       {"error_codes", map_json(codes)},
                       {"late_sends", s.late_sends},
                       {"unmatched_results", s.unmatched_results},
                       {"latency_ms", latency_json(all)}};
    json::object connections{{"attempts", s.connect_attempts},
                             {"established", s.connects},
                             {"failures", map_json(s.connect_failures)},
                             {"dropped", s.disconnects},
                             {"tcp_connect_ms", latency_json(s.connect_us)},
                             {"handshake_ms", latency_json(s.handshake_us)}};
    json::object boot{{"accepted", s.boots_accepted},
                      {"pending", s.boots_pending},
                      {"rejected", s.boots_rejected},
                      {"stations_booted", run.stations_booted},
                      {"time_to_all_booted_s", run.time_to_all_booted_s >= 0 ? json::value(run.time_to_all_booted_s)
                                                                             : json::value(nullptr)}};
    json::object incoming{{"by_action", map_json(s.incoming)}, {"call_errors", map_json(s.incoming_errors)},
                          {"bad_frames", s.bad_frames}};
    return json::object{{"tool", "recarga-sim"},
                        {"report_version", 1},
                        {"config", std::move(config)},
                        {"elapsed_s", run.elapsed_s},
                        {"connections", std::move(connections)},
                        {"boot", std::move(boot)},
                        {"calls", std::move(calls)},
                        {"actions", std::move(actions)},
                        {"incoming", std::move(incoming)},
                        {"sessions", json::object{{"started", s.sessions_started},
                                                  {"completed", s.sessions_completed}}}};
}

std::string make_summary(const Options& o, const Stats& s, const RunInfo& run) {
    std::string out = fmt::format("recarga-sim: {} stations ({}), scenario {}, mode {}, {:.1f} s\n", o.stations,
                                  o.protocol_label, scenario_name(o.scenario), load_mode_name(o.mode), run.elapsed_s);
    std::uint64_t failures = 0;
    for (const auto& [k, n] : s.connect_failures) {
        failures += n;
    }
    out += fmt::format("  connections: {} established, {} failed, {} dropped; handshake p50 {:.2f} ms p99 {:.2f} ms\n",
                       s.connects, failures, s.disconnects, ms(s.handshake_us.percentile(50)),
                       ms(s.handshake_us.percentile(99)));
    out += fmt::format("  boot: {} stations accepted", run.stations_booted);
    if (run.time_to_all_booted_s >= 0) {
        out += fmt::format(", all within {:.3f} s", run.time_to_all_booted_s);
    }
    out += fmt::format(" ({} pending, {} rejected answers)\n", s.boots_pending, s.boots_rejected);
    out += fmt::format("  {:<20} {:>10} {:>10} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "action", "sent", "ok",
                       "errors", "timeout", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
    for (const auto& [name, a] : s.actions) {
        const auto& h = a.latency_us;
        out += fmt::format("  {:<20} {:>10} {:>10} {:>8} {:>8} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f}\n", name,
                           a.sent, a.ok, a.errors, a.timeouts, ms(h.percentile(50)), ms(h.percentile(90)),
                           ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()));
        for (const auto& [code, n] : a.error_codes) {
            out += fmt::format("      CALLERROR {}: {}\n", code, n);
        }
    }
    std::uint64_t answered = 0;
    for (const auto& [name, a] : s.actions) {
        answered += a.ok + a.errors;
    }
    out += fmt::format("  throughput: {:.0f} answered calls/s\n",
                       static_cast<double>(answered) / (run.elapsed_s > 0 ? run.elapsed_s : 1e-9));
    return out;
}

} // namespace recarga::sim
