#!/usr/bin/env python3
"""Renders a result file of bench/run.py as the Markdown tables of docs/benchmarks.md: the floors, then every
line of DESIGN.md section 4 with the figure of the same run and whether the target is met.

  python3 bench/report.py bench/results-YYYY-MM-DD.json

Nothing here measures: a figure missing from the file is printed as "not in this run", never filled in."""

import json
import sys


def fmt(v, digits=0):
    if v is None:
        return "—"
    if isinstance(v, float) and digits:
        return f"{v:,.{digits}f}"
    return f"{round(v):,}"


def verdict(ok):
    return "not in this run" if ok is None else ("met" if ok else "not met")


def best(sweep):
    return (sweep or {}).get("best_with_p99_le_50ms")


def peak(sweep):
    pts = (sweep or {}).get("points") or []
    return max(pts, key=lambda p: p["calls_per_s"]) if pts else None


def floors(r):
    a, p, w = r.get("floor_amqp") or {}, r.get("floor_pg") or {}, r.get("floor_ws_echo") or {}
    rows = [
        ("RabbitMQ transient publish / consume (400 B, rabbitmq-c)",
         f"{fmt(a.get('transient_publish_per_s'))} / {fmt(a.get('transient_consume_per_s'))} msgs/s"),
        ("RabbitMQ persistent publish with confirms / consume",
         f"{fmt(a.get('persistent_confirmed_publish_per_s'))} / {fmt(a.get('persistent_consume_per_s'))} msgs/s"),
        ("PostgreSQL single-row autocommit / 500-row multi-row / COPY",
         f"{fmt(p.get('single_row_autocommit_per_s'))} / {fmt(p.get('multi_row_500_per_s'))} / "
         f"{fmt(p.get('copy_per_s'))} rows/s"),
        ("WebSocket echo of recarga-sim against its answering server, 1,000 stations closed loop",
         f"{fmt(w.get('calls_per_s'))} calls/s (p50 {fmt(w.get('p50_ms'), 2)} ms)"),
    ]
    out = ["| floor | figure |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in rows]
    return out


def sweep_line(sweep):
    b, pk = best(sweep), peak(sweep)
    if not pk:
        return None, None
    text = (f"{fmt(b['calls_per_s'])} calls/s ({b['stations']} stations, p99 {fmt(b['p99_ms'], 1)} ms)"
            if b else "no point with p99 ≤ 50 ms")
    text += f"; peak {fmt(pk['calls_per_s'])} calls/s at p99 {fmt(pk['p99_ms'], 1)} ms ({pk['stations']} stations)"
    return text, b["calls_per_s"] if b else 0


def targets(r):
    rows = []
    t, v = sweep_line(r.get("sweep_transient"))
    rows.append(("end-to-end calls/s (closed-loop Heartbeat), best with p99 ≤ 50 ms", t or "—", "≥ 12,000",
                 None if v is None else v >= 12000))
    t, v = sweep_line(r.get("sweep_persistent"))
    rows.append(("same with persistent messages and publisher confirms", t or "—", "≥ 6,000",
                 None if v is None else v >= 6000))
    lf = r.get("latency_at_fixed_rate")
    rows.append(("latency at 1,000 calls/s (open loop, 200 stations)",
                 f"p50 {fmt(lf['p50_ms'], 2)} ms, p99 {fmt(lf['p99_ms'], 2)} ms, max {fmt(lf['max_ms'], 1)} ms "
                 f"({fmt(lf['answered_per_s'])} answered/s)" if lf else "—",
                 "p50 ≤ 1.0 ms, p99 ≤ 2 ms", None if not lf else lf["p50_ms"] <= 1.0 and lf["p99_ms"] <= 2.0))
    m = r.get("gateway_idle_memory")
    if m and (m.get("bytes_per_connection") or 0) <= 0:
        m = None  # an RSS that did not grow measures nothing (a gateway whose heap had grown before the step)
    rows.append(("gateway memory per idle connection (RSS delta / connections)",
                 f"{fmt(m['bytes_per_connection'])} B over {fmt(m['connections'])} connections" if m else "—",
                 "≤ 2 KB", None if not m else m["bytes_per_connection"] <= 2048))
    b = r.get("boot_storm_10000")
    rows.append(("10,000 stations connecting at once, to the last BootNotification accepted",
                 f"{fmt(b['time_to_all_booted_s'], 2)} s, {fmt(b['accepted'])} accepted, failures "
                 f"{b['connect_failures'] or 'none'}" if b else "—", "≤ 3 s, no failure",
                 None if not b else b["time_to_all_booted_s"] <= 3 and b["accepted"] == 10000
                 and not b["connect_failures"]))
    mi = r.get("meter_ingest")
    if mi:
        figs = {p: mi[p]["sampled_values_per_s"] for p in ("1.6", "2.0.1") if p in mi}
        text = ", ".join(f"{p}: {fmt(v)} sampled values/s" for p, v in figs.items())
        text += f" (PostgreSQL floor of the step: multi-row {fmt(mi['floor_pg_multi_row_per_s'])}, " \
                f"COPY {fmt(mi['floor_pg_copy_per_s'])} rows/s)"
        rows.append(("meter values stored", text, "≥ 100,000 sampled values/s",
                     max(figs.values()) >= 100000 if figs else None))
    else:
        rows.append(("meter values stored", "—", "≥ 100,000 sampled values/s", None))
    p = r.get("authorize_under_meter_flood")
    if p and p.get("authorize_under_flood"):
        a, u, f = p["authorize_alone"], p["authorize_under_flood"], p["flood"]
        text = (f"p99 {fmt(u['p99_ms'], 2)} ms under the flood (alone: p99 {fmt(a['p99_ms'], 2)} ms); flood "
                f"{fmt(f['answered_per_s'])} MeterValues/s answered of {fmt(f['rate_per_s'])}/s offered")
        for o in p.get("at_other_flood_rates") or []:
            ou, of = o["authorize_under_flood"], o["flood"]
            text += (f"; at a flood of {fmt(of['rate_per_s'])}/s ({fmt(of['answered_per_s'])} answered/s): p99 "
                     f"{fmt(ou['p99_ms'], 2)} ms")
            probe = o.get("probe_under_flood") or {}
            if probe.get("MeterValues") and probe.get("StartTransaction"):
                text += (f" (the probe's own MeterValues, bulk lane: p50 {fmt(probe['MeterValues']['p50_ms'], 1)}, "
                         f"p99 {fmt(probe['MeterValues']['p99_ms'], 1)} ms; its StartTransaction, priority lane: "
                         f"p50 {fmt(probe['StartTransaction']['p50_ms'], 1)}, "
                         f"p99 {fmt(probe['StartTransaction']['p99_ms'], 1)} ms)")
        rows.append(("Authorize p99 while MeterValues flood at 10×", text, "≤ 5 ms", u["p99_ms"] <= 5))
    else:
        rows.append(("Authorize p99 while MeterValues flood at 10×", "—", "≤ 5 ms", None))
    k = r.get("gateway_kill_recovery")
    rows.append(("stations back and accepted after the gateway is killed (SIGKILL) and restarted",
                 f"{fmt(k['stations_recovered'])} of {fmt(k['stations'])} back in {fmt(k['recovery_s'], 2)} s"
                 if k and k.get("recovery_s") is not None else "—", "10,000 in ≤ 5 s",
                 None if not k or k.get("recovery_s") is None else
                 k["stations"] >= 10000 and k["still_down"] == 0 and k["recovery_s"] <= 5))
    out = ["| metric | measured | target | |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {verdict(d)} |" for a, b, c, d in rows]
    return out


def cpu(r):
    out = []
    for name in ("sweep_transient", "sweep_persistent"):
        pts = (r.get(name) or {}).get("points") or []
        if not pts:
            continue
        comps = [k[:-len("_cpu_us_per_call")] for k in pts[0] if k.endswith("_cpu_us_per_call")]
        out += [f"CPU µs per call, {name.replace('_', ' ')} (budget: single-digit µs for gateway and manager):", "",
                "| stations | calls/s | p99 ms | " + " | ".join(comps) + " |",
                "|---|---|---|" + "---|" * len(comps)]
        for p in pts:
            out.append(f"| {p['stations']} | {fmt(p['calls_per_s'])} | {fmt(p['p99_ms'], 1)} | " +
                       " | ".join(fmt(p[c + '_cpu_us_per_call'], 1) for c in comps) + " |")
        out.append("")
    return out


def others(r):
    out = ["| other figure | measured |", "|---|---|"]
    b = r.get("boot_storm_1000")
    if b:
        out.append(f"| 1,000 stations connecting at once | {fmt(b['time_to_all_booted_s'], 2)} s, "
                   f"{fmt(b['accepted'])} accepted |")
    h = r.get("handshake_rate") or {}
    for key, v in sorted(h.items()):
        out.append(f"| handshakes, security {key.replace('_', ' ')} ({fmt(v['stations'])} stations, each admitted "
                   f"by the manager) | {fmt(v['handshakes_per_s_incl_boot'])} handshakes/s incl. boot, all "
                   f"{fmt(v['established'])} in {fmt(v['time_to_all_booted_s'], 1)} s; handshake p50 "
                   f"{fmt(v['handshake_p50_ms'], 1)} ms, p99 {fmt(v['handshake_p99_ms'], 1)} ms |")
    f = r.get("command_fan_out")
    if f:
        out.append(f"| command fan-out: ClearCache to {fmt(f['stations'])} stations through the REST API, "
                   f"{f['concurrency']} concurrent clients | {fmt(f['commands_per_s'])} commands/s, p50 "
                   f"{fmt(f['p50_ms'], 1)} ms, p99 {fmt(f['p99_ms'], 1)} ms; outcomes {f['outcomes']}, "
                   f"{fmt(f['received_by_stations'])} received |")
    return out


def main():
    r = json.load(open(sys.argv[1]))
    failed = {k: v["error"] for k, v in r.items() if isinstance(v, dict) and "error" in v}
    for k in failed:
        del r[k]
    print(f"Run of {r.get('started')} to {r.get('finished')}, {r['machine']['cpus']} × {r['machine']['cpu']}, "
          f"kernel {r['machine']['kernel']}{' (smoke sizes)' if r.get('smoke') else ''}.\n")
    print("\n".join(floors(r)) + "\n")
    print("\n".join(targets(r)) + "\n")
    print("\n".join(cpu(r)))
    print("\n".join(others(r)))
    for k, e in failed.items():
        print(f"\nStep `{k}` failed in this run: {e}")


if __name__ == "__main__":
    main()
