#!/usr/bin/env python3
"""Recarga benchmark suite (docs/benchmarks.md).

Starts the stack with benchmark settings and measures, each figure beside the floor measured in the same run:
floors (RabbitMQ publish/consume, PostgreSQL inserts, WebSocket echo through the same load generator),
boot storms, a closed-loop throughput sweep (transient and persistent messages), latency at a fixed rate,
gateway memory per idle connection, recovery after a gateway is killed, and CPU time per call of each
service (from /proc). Figures that need features not built yet are reported as "pending", never invented.

  python3 bench/run.py                 full run; starts its own PostgreSQL and RabbitMQ (ports 44400+)
  python3 bench/run.py --smoke --use-env   tiny sizes against the services of scripts/test.sh (CI)

No timing assertion anywhere: the smoke run only checks that every step produced its numbers.
"""
import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("RECARGA_BUILD_DIR", os.path.join(ROOT, "build"))
SIM = os.path.join(BUILD, "services/sim/recarga-sim")
FAKE = os.path.join(BUILD, "services/sim/recarga-sim-fake-csms")
GATEWAY = os.path.join(BUILD, "services/gateway/recarga-gateway")
MANAGER = os.path.join(BUILD, "services/manager/recarga-manager")
AMQP_FLOOR = os.path.join(BUILD, "bench/recarga-bench-amqp-floor")
PG_FLOOR = os.path.join(BUILD, "bench/recarga-bench-pg-floor")
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOGDIR = tempfile.mkdtemp(prefix="recarga-bench-")


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def wait_http(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def psql(admin_url, sql):
    subprocess.run(["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-qtAc", sql], check=True,
                   stdout=subprocess.DEVNULL)


class Proc:
    def __init__(self, name, args, env=None):
        self.name = name
        self.log = open(os.path.join(LOGDIR, name + ".log"), "ab")
        self.p = subprocess.Popen(args, stdout=self.log, stderr=self.log, env={**os.environ, **(env or {})})

    @property
    def pid(self):
        return self.p.pid

    def stop(self, sig=signal.SIGTERM):
        if self.p.poll() is None:
            self.p.send_signal(sig)
            try:
                self.p.wait(20)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


def sim(args, timeout=600):
    """Runs recarga-sim to completion and returns its JSON report."""
    report = os.path.join(LOGDIR, f"sim-{time.time_ns()}.json")
    with open(os.path.join(LOGDIR, "sim.log"), "ab") as lg:
        subprocess.run([SIM, "--log-level", "warn", "--progress", "0", "--no-validate", "--report", report] + args, check=True,
                       stdout=subprocess.DEVNULL, stderr=lg, timeout=timeout)
    with open(report) as f:
        return json.load(f)


def lat(r):
    l = r["calls"]["latency_ms"]
    return {"p50_ms": l.get("p50"), "p90_ms": l.get("p90"), "p99_ms": l.get("p99"), "p999_ms": l.get("p999"),
            "max_ms": l.get("max")}


class Stack:
    def __init__(self, pg_url, amqp_url, persistent=False):
        self.pg_url, self.amqp_url = pg_url, amqp_url
        self.gw_port, self.http_port = free_port(), free_port()
        self.manager = Proc("manager", [MANAGER, "--http-port", str(self.http_port), "--http-listen", "127.0.0.1",
                                        "--log-level", "warn"],
                            {"RECARGA_PG_URL": pg_url, "RECARGA_AMQP_URL": amqp_url})
        wait_http(f"http://127.0.0.1:{self.http_port}/health")
        self.persistent = persistent
        self.start_gateway()

    def start_gateway(self):
        args = [GATEWAY, "--id", "gw-bench", "--port", str(self.gw_port), "--listen", "127.0.0.1",
                "--log-level", "warn"]
        if self.persistent:
            args.append("--persistent-messages")
        self.gateway = Proc("gateway", args, {"RECARGA_AMQP_URL": self.amqp_url})
        wait_http(f"http://127.0.0.1:{self.gw_port}/health")

    @property
    def url(self):
        return f"ws://127.0.0.1:{self.gw_port}/ocpp"

    def stop(self):
        self.gateway.stop()
        self.manager.stop()


def measure(stack, fn):
    """Runs fn() and returns (its result, CPU seconds of gateway and manager during it)."""
    g0, m0 = cpu_seconds(stack.gateway.pid), cpu_seconds(stack.manager.pid)
    r = fn()
    return r, cpu_seconds(stack.gateway.pid) - g0, cpu_seconds(stack.manager.pid) - m0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, seconds (CI)")
    ap.add_argument("--use-env", action="store_true",
                    help="use RECARGA_TEST_PG_ADMIN_URL / RECARGA_TEST_AMQP_URL instead of starting services")
    ap.add_argument("--out", default=None, help="write the JSON results here")
    a = ap.parse_args()
    smoke = a.smoke
    res = {"smoke": smoke, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "machine": {"cpus": os.cpu_count(), "kernel": platform.release(),
                       "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                                    if l.startswith("model name")), "?")},
           "pending": {}}

    started_services = False
    if a.use_env:
        admin_url = os.environ["RECARGA_TEST_PG_ADMIN_URL"]
        amqp_url = os.environ["RECARGA_TEST_AMQP_URL"]
    else:
        env = {**os.environ, "RECARGA_STATE_DIR": "/tmp/recarga-bench", "RECARGA_PG_PORT": "44432",
               "RECARGA_AMQP_PORT": "44472", "RECARGA_AMQP_MGMT_PORT": "44473", "RECARGA_AMQP_DIST_PORT": "44474",
               "RECARGA_EPMD_PORT": "44475", "RECARGA_CTL_DIST_MIN": "44480",
               "RECARGA_PG_OPTS": "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"}
        subprocess.run(["bash", os.path.join(ROOT, "scripts/services.sh"), "start"], check=True, env=env)
        started_services = True
        admin_url = "postgresql://postgres@127.0.0.1:44432/postgres"
        amqp_url = "amqp://guest:guest@127.0.0.1:44472"
        os.environ.update({k: v for k, v in env.items() if k.startswith("RECARGA_")})
    db = "recarga_bench"
    pg_url = admin_url.rsplit("/", 1)[0] + "/" + db
    try:
        psql(admin_url, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        psql(admin_url, f"CREATE DATABASE {db}")
        run_suite(res, smoke, pg_url, amqp_url)
    finally:
        if started_services:
            subprocess.run(["bash", os.path.join(ROOT, "scripts/services.sh"), "stop"], env={**os.environ})
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = json.dumps(res, indent=2)
    if a.out:
        with open(a.out, "w") as f:
            f.write(out + "\n")
    print(out)
    log(f"logs in {LOGDIR}")


def run_suite(res, smoke, pg_url, amqp_url):
    dur = "2" if smoke else "10"

    log("floor: RabbitMQ")
    res["floor_amqp"] = json.loads(subprocess.run(
        [AMQP_FLOOR, "--url", amqp_url, "--count", "2000" if smoke else "100000"], check=True,
        capture_output=True, text=True).stdout)
    log("floor: PostgreSQL")
    res["floor_pg"] = json.loads(subprocess.run(
        [PG_FLOOR, "--pg-url", pg_url, "--rows", "1000" if smoke else "50000"], check=True,
        capture_output=True, text=True).stdout)
    log("floor: WebSocket echo (recarga-sim against its answering server)")
    port = free_port()
    fake = Proc("fake-csms", [FAKE, "--port", str(port)])
    time.sleep(0.3)
    r = sim(["-u", f"ws://127.0.0.1:{port}/ocpp", "-n", "20" if smoke else "1000", "-s", "heartbeat",
             "-m", "closed", "-d", dur])
    fake.stop()
    res["floor_ws_echo"] = {"calls_per_s": r["calls"]["answered_per_s"], **lat(r)}

    stack = Stack(pg_url, amqp_url)
    try:
        n = 20 if smoke else 1000
        log(f"boot storm: {n} stations")
        r = sim(["-u", stack.url, "-n", str(n), "-s", "boot-storm", "--id-prefix", "STORM-A-"])
        res["boot_storm_1000" if not smoke else "boot_storm_smoke"] = {
            "stations": n, "time_to_all_booted_s": r["boot"]["time_to_all_booted_s"],
            "accepted": r["boot"]["accepted"], "connect_failures": r["connections"]["failures"]}
        if not smoke:
            log("boot storm: 10000 stations")
            r = sim(["-u", stack.url, "-n", "10000", "-s", "boot-storm", "--id-prefix", "STORM-B-"])
            res["boot_storm_10000"] = {"stations": 10000, "time_to_all_booted_s": r["boot"]["time_to_all_booted_s"],
                                       "accepted": r["boot"]["accepted"],
                                       "connect_failures": r["connections"]["failures"]}

        res["sweep_transient"] = sweep(stack, smoke, dur, "SWEEP-T-")

        log("latency at a fixed rate")
        rate = "50" if smoke else "1000"
        r = sim(["-u", stack.url, "-n", "10" if smoke else "200", "-s", "heartbeat", "-r", rate, "-d",
                 dur, "--id-prefix", "RATE-"])
        res["latency_at_fixed_rate"] = {"rate_per_s": float(rate), "answered_per_s": r["calls"]["answered_per_s"],
                                        **lat(r), "errors": r["calls"]["call_errors"],
                                        "timeouts": r["calls"]["timeouts"]}

        n_idle = 50 if smoke else 5000
        log(f"gateway memory: {n_idle} idle connections")
        before = rss_kb(stack.gateway.pid)
        idle = subprocess.Popen([SIM, "-u", stack.url, "-n", str(n_idle), "-s", "heartbeat", "--heartbeat-interval",
                                 "3600", "--id-prefix", "IDLE-", "--no-validate", "--log-level", "warn", "--progress", "0", "-d",
                                 "4" if smoke else "25"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3 if smoke else 20)
        after = rss_kb(stack.gateway.pid)
        idle.wait()
        res["gateway_idle_memory"] = {"connections": n_idle, "rss_before_kb": before, "rss_after_kb": after,
                                      "bytes_per_connection": round((after - before) * 1024 / n_idle)}

        n_fail = 20 if smoke else 5000
        log(f"gateway killed under {n_fail} stations")
        report = os.path.join(LOGDIR, "failover.json")
        fo = subprocess.Popen([SIM, "-u", stack.url, "-n", str(n_fail), "-s", "heartbeat", "--id-prefix", "FAIL-",
                               "--backoff-initial", "0.1", "--backoff-max", "1", "--no-validate", "--log-level", "warn",
                               "--progress", "0", "-d", "8" if smoke else "20", "--report", report],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3 if smoke else 8)
        stack.gateway.stop(signal.SIGKILL)
        stack.start_gateway()
        fo.wait()
        with open(report) as f:
            r = json.load(f)
        res["gateway_kill_recovery"] = {"stations": n_fail, **r["recovery"]}
        res["handshake_rate"] = handshake_rate(stack, smoke)
    finally:
        stack.stop()

    log("sweep with persistent messages")
    stack = Stack(pg_url, amqp_url, persistent=True)
    try:
        res["sweep_persistent"] = sweep(stack, smoke, dur, "SWEEP-P-")
    finally:
        stack.stop()

    for k, why in {"meter_values_stored_per_s": "a meter-flood step with stored-row counting",
                   "authorize_p99_under_meter_flood": "an Authorize probe beside a MeterValues flood",
                   "command_fan_out_10000": "a command fan-out step through the commands API"}.items():
        res["pending"][k] = "not yet in the suite: " + why


def handshake_rate(stack, smoke):
    """Handshakes per second under security profiles 1 (ws:// + Basic) and 2 (wss:// + Basic): a boot storm of
    provisioned stations against a second gateway with a TLS listener, every handshake admitted by the manager
    (argon2id per station, no cache hit: each station is new)."""
    n = 20 if smoke else 10000
    pki = os.path.join(LOGDIR, "pki")
    os.makedirs(pki, exist_ok=True)
    def ossl(*args):
        subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ossl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj",
         "/CN=bench-ca", "-keyout", f"{pki}/ca.key", "-out", f"{pki}/ca.pem")
    ossl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
         "-keyout", f"{pki}/server.key", "-out", f"{pki}/server.csr")
    with open(f"{pki}/server.ext", "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n")
    ossl("x509", "-req", "-in", f"{pki}/server.csr", "-CA", f"{pki}/ca.pem", "-CAkey", f"{pki}/ca.key",
         "-CAcreateserial", "-days", "2", "-extfile", f"{pki}/server.ext", "-out", f"{pki}/server.pem")
    # One argon2id hash (made by the manager's create-admin) for every station: the manager still verifies it
    # once per handshake, as it would with a hash per station.
    password = "bench-station-password-1"
    with open(f"{pki}/pw", "w") as f:
        f.write(password + "\n")
    subprocess.run([MANAGER, "create-admin", "--username", "bench-hash", "--password-file", f"{pki}/pw"], check=True,
                   env={**os.environ, "RECARGA_PG_URL": stack.pg_url}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    for profile in (1, 2):
        psql(stack.pg_url, f"INSERT INTO stations (id, security_profile, password_hash) SELECT 'HS{profile}-' || "
             "CASE WHEN i < 10000 THEN lpad(i::text, 4, '0') ELSE i::text END, "
             f"{profile}, (SELECT password_hash FROM users WHERE username = 'bench-hash') "
             f"FROM generate_series(1, {n}) i ON CONFLICT (id) DO NOTHING")
    port, tls_port = free_port(), free_port()
    gw = Proc("gateway-tls", [GATEWAY, "--id", "gw-bench-tls", "--port", str(port), "--listen", "127.0.0.1",
                              "--log-level", "warn", "--tls-port", str(tls_port), "--tls-cert", f"{pki}/server.pem",
                              "--tls-key", f"{pki}/server.key"], {"RECARGA_AMQP_URL": stack.amqp_url})
    out = {}
    try:
        wait_http(f"http://127.0.0.1:{port}/health")
        for profile, url, extra in ((1, f"ws://127.0.0.1:{port}/ocpp", []),
                                    (2, f"wss://127.0.0.1:{tls_port}/ocpp", ["--ca-file", f"{pki}/ca.pem"])):
            log(f"handshake rate: {n} stations, security profile {profile}")
            r = sim(["-u", url, "-n", str(n), "-s", "boot-storm", "--id-prefix", f"HS{profile}-", "--password",
                     password, *extra])
            t = r["boot"]["time_to_all_booted_s"]
            h = r["connections"]["handshake_ms"]
            out[f"profile_{profile}"] = {
                "stations": n, "established": r["connections"]["established"],
                "time_to_all_booted_s": t,
                "handshakes_per_s_incl_boot": round(r["connections"]["established"] / t, 1) if t else None,
                "handshake_p50_ms": h.get("p50"), "handshake_p99_ms": h.get("p99"),
                "connect_failures": r["connections"]["failures"]}
    finally:
        gw.stop()
    return out


def sweep(stack, smoke, dur, prefix):
    """Closed-loop Heartbeat over growing fleets: throughput, latency and CPU per call of each service."""
    points = []
    for n in ([10] if smoke else [50, 200, 500, 1000, 2000]):
        log(f"sweep: {n} stations, closed loop")
        r, g_cpu, m_cpu = measure(stack, lambda: sim(["-u", stack.url, "-n", str(n), "-s", "heartbeat", "-m",
                                                       "closed", "-d", dur, "--id-prefix", f"{prefix}{n}-"]))
        calls = max(1, r["calls"]["ok"] + r["calls"]["call_errors"])
        points.append({"stations": n, "calls_per_s": r["calls"]["answered_per_s"], **lat(r),
                       "errors": r["calls"]["call_errors"], "timeouts": r["calls"]["timeouts"],
                       "gateway_cpu_us_per_call": round(g_cpu * 1e6 / calls, 1),
                       "manager_cpu_us_per_call": round(m_cpu * 1e6 / calls, 1)})
    knee = [p for p in points if p["p99_ms"] is not None and p["p99_ms"] <= 50]
    return {"points": points, "best_with_p99_le_50ms": max(knee, key=lambda p: p["calls_per_s"]) if knee else None}


if __name__ == "__main__":
    main()
