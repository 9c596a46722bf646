#!/usr/bin/env python3
"""Recarga benchmark suite (docs/benchmarks.md).

Starts the stack with benchmark settings and measures, each figure beside the floor measured in the same run.
Figures that need features not built yet are reported as "pending", never invented.

  python3 bench/run.py                         full run; starts its own PostgreSQL and RabbitMQ (ports 44400+,
                                               or RECARGA_BENCH_PORT_BASE; state in RECARGA_BENCH_STATE_DIR)
  python3 bench/run.py --only idle_memory      one step (or several: --only a,b); the others are skipped
  python3 bench/run.py --smoke --use-env       tiny sizes against the services of scripts/test.sh (CI)

No timing assertion anywhere: the smoke run only checks that every step produced its numbers.
Never run full size while other builds share the machine: the figures would be meaningless.
"""
import argparse
import fcntl
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
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

# The steps, in the order they run (--only picks some). Full-size figures in brackets.
STEPS = {
    "floors": "RabbitMQ publish/consume, PostgreSQL inserts, WebSocket echo of recarga-sim (the floors)",
    "boot_storm": "stations connecting at once, time to the last BootNotification accepted [1,000 and 10,000]",
    "sweep_transient": "closed-loop Heartbeat sweep to the knee (p99 <= 50 ms), CPU us per call from /proc",
    "latency_fixed_rate": "latency percentiles at a fixed open-loop rate [1,000 calls/s over 200 stations]",
    "idle_memory": "gateway RSS per idle connection, on a FRESH gateway [15,000 connections]",
    "gateway_kill": "gateway killed (SIGKILL) and restarted: time until every station is accepted again [10,000]",
    "handshake_rate": "handshakes/s under security profiles 1 and 2, each admitted by the manager [10,000]",
    "sweep_persistent": "the Heartbeat sweep with persistent messages and publisher confirms",
    "command_fan_out": "a command (ClearCache) to every connected station through the manager's REST API, "
                       "concurrently and bounded: commands/s and latency percentiles [10,000 stations]",
    "priority": "Authorize latency (charging sessions) alone and under a MeterValues flood "
                "[flood 10,000 MeterValues/s over 1,000 stations]",
    "meter_ingest": "sampled values stored per second under a closed-loop meter-flood (1.6 MeterValues and 2.0.1 "
                    "TransactionEvent), beside PostgreSQL's multi-row and COPY floors of the same run [500 stations]",
}
ONLY = None  # set of step names from --only; None runs every step


def want(step):
    return ONLY is None or step in ONLY


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


def listener_pid(port):
    """The pid of the process listening on a local TCP port (the broker, the database), from `ss`; None if unknown."""
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    for part in out.split("pid=")[1:]:
        return int(part.split(",")[0])
    return None


def tree_cpu_seconds(pid):
    """CPU seconds of a process and its direct children (PostgreSQL's backends under the postmaster)."""
    if pid is None:
        return 0.0
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


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
    def __init__(self, pg_url, amqp_url, persistent=False, manager_env=None):
        self.pg_url, self.amqp_url = pg_url, amqp_url
        self.gw_port, self.http_port = free_port(), free_port()
        self.manager = Proc("manager", [MANAGER, "--http-port", str(self.http_port), "--http-listen", "127.0.0.1",
                                        "--log-level", "warn"],
                            # recarga-sim presents one token from every station: no ConcurrentTx refusals
                            {"RECARGA_PG_URL": pg_url, "RECARGA_AMQP_URL": amqp_url, "RECARGA_CONCURRENT_TX": "allow",
                             **(manager_env or {})})
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
    """Runs fn() and returns (its result, CPU seconds spent during it by each component: gateway, manager,
    RabbitMQ, PostgreSQL with its backends, and the load generator (the waited-for children of this script))."""
    broker = listener_pid(urllib.parse.urlsplit(stack.amqp_url).port or 5672)
    db = listener_pid(urllib.parse.urlsplit(stack.pg_url).port or 5432)
    def sample():
        kids = os.times()
        return {"gateway": cpu_seconds(stack.gateway.pid), "manager": cpu_seconds(stack.manager.pid),
                "rabbitmq": tree_cpu_seconds(broker), "postgresql": tree_cpu_seconds(db),
                "load_generator": kids.children_user + kids.children_system}
    before = sample()
    r = fn()
    after = sample()
    return r, {k: after[k] - before[k] for k in before}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="steps:\n" + "\n".join(f"  {k:<20}{v}" for k, v in STEPS.items()))
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, seconds (CI)")
    ap.add_argument("--use-env", action="store_true",
                    help="use RECARGA_TEST_PG_ADMIN_URL / RECARGA_TEST_AMQP_URL instead of starting services")
    ap.add_argument("--out", default=None, help="write the JSON results here")
    ap.add_argument("--only", default=None, metavar="STEP[,STEP]", help="run only these steps (see below)")
    a = ap.parse_args()
    global ONLY
    if a.only:
        ONLY = set(a.only.split(","))
        unknown = ONLY - STEPS.keys()
        if unknown:
            ap.error(f"unknown step(s): {', '.join(sorted(unknown))}; steps: {', '.join(STEPS)}")
    smoke = a.smoke
    res = {"smoke": smoke, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "machine": {"cpus": os.cpu_count(), "kernel": platform.release(),
                       "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                                    if l.startswith("model name")), "?")},
           "steps": [k for k in STEPS if want(k)], "pending": {}}

    started_services = False
    if a.use_env:
        admin_url = os.environ["RECARGA_TEST_PG_ADMIN_URL"]
        amqp_url = os.environ["RECARGA_TEST_AMQP_URL"]
    else:
        # RECARGA_BENCH_PORT_BASE / RECARGA_BENCH_STATE_DIR let two focused runs share a machine.
        base = int(os.environ.get("RECARGA_BENCH_PORT_BASE", "44400"))
        state_dir = os.environ.get("RECARGA_BENCH_STATE_DIR", "/tmp/recarga-bench")
        # Two runs on the same ports would share one broker and database: the second waits for the first.
        lock = open(f"{state_dir}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another benchmark run holds {state_dir}.lock; waiting for it to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        pg_port, amqp_port = base + 32, base + 72
        # The ports lie in the kernel's ephemeral range: reserve them (as scripts/test.sh does) so that no outgoing
        # connection holds one when the broker or the database binds it. Best effort: needs root.
        try:
            with open("/proc/sys/net/ipv4/ip_local_reserved_ports") as f:
                reserved = f.read().strip()
            subprocess.run(["sysctl", "-q", "-w", "net.ipv4.ip_local_reserved_ports="
                            + (reserved + "," if reserved else "") + f"{base}-{base + 99}"],
                           check=True, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError):
            log("note: could not reserve the benchmark ports from the ephemeral range (not root?)")
        env = {**os.environ, "RECARGA_STATE_DIR": state_dir,
               "RECARGA_PG_PORT": str(pg_port), "RECARGA_AMQP_PORT": str(amqp_port),
               "RECARGA_AMQP_MGMT_PORT": str(base + 73), "RECARGA_AMQP_DIST_PORT": str(base + 74),
               "RECARGA_EPMD_PORT": str(base + 75), "RECARGA_CTL_DIST_MIN": str(base + 80),
               "RECARGA_PG_OPTS": "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"}
        subprocess.run(["bash", os.path.join(ROOT, "scripts/services.sh"), "start"], check=True, env=env)
        started_services = True
        admin_url = f"postgresql://postgres@127.0.0.1:{pg_port}/postgres"
        amqp_url = f"amqp://guest:guest@127.0.0.1:{amqp_port}"
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
    problems = smoke_problems(res) if smoke else []
    for p in problems:
        log(f"FAIL: {p}")
    if problems:
        sys.exit(1)


def guarded(name, smoke, fn):
    """Runs a step; in a full run a step that fails (a timeout, a crash of a service) is recorded as
    {"error": ...} and the run goes on, so one step cannot cost the figures of the others. A smoke run fails."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - any failure of the step is its result
        if smoke:
            raise
        log(f"{name} failed: {e!r}")
        return {"error": repr(e)}


def run_suite(res, smoke, pg_url, amqp_url):
    dur = "2" if smoke else "10"

    if want("floors"):
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

    if any(want(k) for k in ("boot_storm", "sweep_transient", "latency_fixed_rate", "gateway_kill", "handshake_rate")):
        stack = Stack(pg_url, amqp_url)
        try:
            if want("boot_storm"):
                n = 20 if smoke else 1000
                log(f"boot storm: {n} stations")
                r = sim(["-u", stack.url, "-n", str(n), "-s", "boot-storm", "--id-prefix", "STORM-A-"])
                res["boot_storm_1000" if not smoke else "boot_storm_smoke"] = {
                    "stations": n, "time_to_all_booted_s": r["boot"]["time_to_all_booted_s"],
                    "accepted": r["boot"]["accepted"], "connect_failures": r["connections"]["failures"]}
                if not smoke:
                    log("boot storm: 10000 stations")
                    r = sim(["-u", stack.url, "-n", "10000", "-s", "boot-storm", "--id-prefix", "STORM-B-"])
                    res["boot_storm_10000"] = {"stations": 10000,
                                               "time_to_all_booted_s": r["boot"]["time_to_all_booted_s"],
                                               "accepted": r["boot"]["accepted"],
                                               "connect_failures": r["connections"]["failures"]}

            if want("sweep_transient"):
                res["sweep_transient"] = sweep(stack, smoke, dur, "SWEEP-T-")

            if want("latency_fixed_rate"):
                log("latency at a fixed rate")
                rate = "50" if smoke else "1000"
                # All stations boot at the step's start; the first 3 s (boot wave included) stay out of the
                # percentiles (--warmup), so they are the fixed-rate load's own. The Heartbeat figures likewise.
                r = sim(["-u", stack.url, "-n", "10" if smoke else "200", "-s", "heartbeat", "-r", rate, "-d",
                         str(int(dur) + 3), "--warmup", "3", "--id-prefix", "RATE-"])
                res["latency_at_fixed_rate"] = {"rate_per_s": float(rate), "warmup_s": 3,
                                                "answered_per_s": r["calls"]["answered_per_s"],
                                                **lat(r), "errors": r["calls"]["call_errors"],
                                                "timeouts": r["calls"]["timeouts"],
                                                "time_to_all_booted_s": r["boot"]["time_to_all_booted_s"],
                                                "heartbeat": action_latency(r, "Heartbeat")}

            if want("gateway_kill"):
                n_fail = 20 if smoke else 10000
                log(f"gateway killed under {n_fail} stations")
                report = os.path.join(LOGDIR, "failover.json")
                fo = subprocess.Popen([SIM, "-u", stack.url, "-n", str(n_fail), "-s", "heartbeat", "--id-prefix",
                                       "FAIL-", "--backoff-initial", "0.1", "--backoff-max", "1", "--no-validate",
                                       "--log-level", "warn", "--progress", "0", "-d", "15" if smoke else "45",
                                       "--report", report], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                # Kill only once every station is connected, so the figure is the recovery of all of them.
                held = wait_until(lambda: gateway_connections(stack) >= n_fail, 25)
                time.sleep(1)
                stack.gateway.stop(signal.SIGKILL)
                stack.start_gateway()
                fo.wait()
                with open(report) as f:
                    r = json.load(f)
                res["gateway_kill_recovery"] = {"stations": n_fail, "all_connected_before_kill": held,
                                                **r["recovery"]}

            if want("handshake_rate"):
                res["handshake_rate"] = guarded("handshake_rate", smoke, lambda: handshake_rate(stack, smoke))
        finally:
            stack.stop()

    if want("idle_memory"):
        res["gateway_idle_memory"] = guarded("idle_memory", smoke, lambda: step_idle_memory(smoke, pg_url, amqp_url))

    if want("sweep_persistent"):
        log("sweep with persistent messages")
        stack = Stack(pg_url, amqp_url, persistent=True)
        try:
            res["sweep_persistent"] = sweep(stack, smoke, dur, "SWEEP-P-")
        finally:
            stack.stop()

    if want("command_fan_out"):
        res["command_fan_out"] = guarded("command_fan_out", smoke,
                                         lambda: step_command_fan_out(smoke, pg_url, amqp_url))

    if want("priority"):
        res["authorize_under_meter_flood"] = guarded("priority", smoke, lambda: step_priority(smoke, pg_url, amqp_url))

    if want("meter_ingest"):
        res["meter_ingest"] = guarded("meter_ingest", smoke, lambda: step_meter_ingest(smoke, pg_url, amqp_url))


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
    # once per station, as it would with a hash per station.
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
            # "cold": the first wave, one argon2id verification per station; "warm": the same stations again, as
            # after a gateway loss (the manager remembers verified passwords; the gateway's 10 s cache has expired).
            for wave in ("cold", "warm"):
                if wave == "warm":
                    time.sleep(11)
                r = sim(["-u", url, "-n", str(n), "-s", "boot-storm", "--id-prefix", f"HS{profile}-", "--password",
                         password, *extra])
                t = r["boot"]["time_to_all_booted_s"]
                h = r["connections"]["handshake_ms"]
                out[f"profile_{profile}_{wave}"] = {
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
        r, cpu = measure(stack, lambda: sim(["-u", stack.url, "-n", str(n), "-s", "heartbeat", "-m",
                                             "closed", "-d", dur, "--id-prefix", f"{prefix}{n}-"]))
        calls = max(1, r["calls"]["ok"] + r["calls"]["call_errors"])
        points.append({"stations": n, "calls_per_s": r["calls"]["answered_per_s"], **lat(r),
                       "errors": r["calls"]["call_errors"], "timeouts": r["calls"]["timeouts"],
                       **{f"{k}_cpu_us_per_call": round(v * 1e6 / calls, 1) for k, v in cpu.items()}})
    knee = [p for p in points if p["p99_ms"] is not None and p["p99_ms"] <= 50]
    return {"points": points, "best_with_p99_le_50ms": max(knee, key=lambda p: p["calls_per_s"]) if knee else None}


# --- helpers of the steps below ------------------------------------------------------------------------------

def start_sim(name, args):
    """Starts recarga-sim in the background, without a duration: finish_sim() ends it (SIGTERM) for its report."""
    report = os.path.join(LOGDIR, f"{name}-{time.time_ns()}.json")
    lg = open(os.path.join(LOGDIR, f"{name}.log"), "ab")
    p = subprocess.Popen([SIM, "--log-level", "warn", "--progress", "0", "--no-validate", "--report", report] + args,
                         stdout=subprocess.DEVNULL, stderr=lg)
    return p, report


def finish_sim(fleet, timeout=120):
    p, report = fleet
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
    p.wait(timeout)
    with open(report) as f:
        return json.load(f)


def wait_until(pred, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.2)
    return pred()


def gateway_connections(stack):
    """Stations the gateway holds: the sum of recarga_gateway_connections{version,profile} of its /metrics."""
    with urllib.request.urlopen(f"http://127.0.0.1:{stack.gw_port}/metrics", timeout=5) as r:
        return sum(int(line.split()[-1]) for line in r.read().decode().splitlines()
                   if line.startswith(("recarga_gateway_connections{", "recarga_gateway_connections ")))


def psql_value(url, sql):
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qtAc", sql], check=True, capture_output=True,
                          text=True).stdout.strip()


def percentiles(samples_ms):
    """p50 … max of a list of latencies in ms (nearest rank), the shape of lat()."""
    if not samples_ms:
        return {"p50_ms": None, "p90_ms": None, "p99_ms": None, "p999_ms": None, "max_ms": None}
    s = sorted(samples_ms)
    at = lambda q: round(s[min(len(s) - 1, max(0, int(q * len(s) + 0.999999) - 1))], 3)
    return {"p50_ms": at(0.50), "p90_ms": at(0.90), "p99_ms": at(0.99), "p999_ms": at(0.999),
            "max_ms": round(s[-1], 3)}


def api_token(stack, pg_url):
    """Creates an admin with `recarga-manager create-admin` (as an operator would) and logs in: a bearer token."""
    pw_file = os.path.join(LOGDIR, "admin-password")
    with open(pw_file, "w") as f:
        f.write("bench-admin-password\n")
    subprocess.run([MANAGER, "create-admin", "--username", "bench-admin", "--password-file", pw_file], check=True,
                   env={**os.environ, "RECARGA_PG_URL": pg_url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    req = urllib.request.Request(f"http://127.0.0.1:{stack.http_port}/api/v1/auth/login", method="POST",
                                 data=json.dumps({"username": "bench-admin", "password": "bench-admin-password"})
                                 .encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)["token"]


def action_latency(report, action):
    a = report.get("actions", {}).get(action)
    if not a:
        return None
    l = a["latency_ms"]
    return {"count": l.get("count"), "ok": a["ok"], "call_errors": a["call_errors"], "timeouts": a["timeouts"],
            "p50_ms": l.get("p50"), "p90_ms": l.get("p90"), "p99_ms": l.get("p99"), "p999_ms": l.get("p999"),
            "max_ms": l.get("max")}


# --- steps (one function each; run_suite calls them) --------------------------------------------------------

def step_idle_memory(smoke, pg_url, amqp_url):
    """Gateway RSS per idle connection, on a gateway started for this step only: a gateway that served earlier
    steps has a grown heap, which hides the cost of new connections."""
    n = 50 if smoke else 15000
    stack = Stack(pg_url, amqp_url)
    try:
        log(f"gateway memory: {n} idle connections on a fresh gateway")
        time.sleep(1)
        before = rss_kb(stack.gateway.pid)
        fleet = start_sim("idle", ["-u", stack.url, "-n", str(n), "-s", "boot", "--heartbeat-interval", "3600",
                                   "--id-prefix", "IDLE-", "--connect-rate", "0" if smoke else "3000"])
        all_connected = wait_until(lambda: gateway_connections(stack) >= n, 30 if smoke else 120)
        time.sleep(1 if smoke else 5)  # boots and status notifications answered; the heap settles
        after = rss_kb(stack.gateway.pid)
        connected = gateway_connections(stack)
        r = finish_sim(fleet)
        time.sleep(1)
        after_close = rss_kb(stack.gateway.pid)
    finally:
        stack.stop()
    return {"connections": connected, "wanted": n, "all_connected": all_connected, "rss_before_kb": before,
            "rss_after_kb": after, "rss_after_close_kb": after_close,
            "bytes_per_connection": round((after - before) * 1024 / connected) if connected else None,
            "booted": r["boot"]["stations_booted"], "connect_failures": r["connections"]["failures"]}


def step_command_fan_out(smoke, pg_url, amqp_url):
    """A command to every connected station through the manager's REST API (the raw passthrough POST
    /api/v1/stations/{id}/commands/ClearCache), from a bounded pool of concurrent HTTP clients (keep-alive)."""
    import http.client
    import threading
    from concurrent.futures import ThreadPoolExecutor

    n = 20 if smoke else 10000
    workers = 4 if smoke else 64
    # Each command holds one of the API's command threads while it waits for its station: the pool is sized to
    # the clients (the default of 16 threads and 32 pending would answer most of 64 concurrent clients 503).
    stack = Stack(pg_url, amqp_url, manager_env={"RECARGA_API_COMMAND_THREADS": str(workers),
                                                 "RECARGA_API_COMMAND_MAX_PENDING": str(2 * workers)})
    try:
        token = api_token(stack, pg_url)
        log(f"command fan-out: {n} stations, {workers} concurrent API clients")
        fleet = start_sim("fanout", ["-u", stack.url, "-n", str(n), "-s", "boot", "--heartbeat-interval", "3600",
                                     "--id-prefix", "FAN-", "--connect-rate", "0" if smoke else "3000"])
        count = f"SELECT count(*) FROM stations WHERE connected AND id LIKE 'FAN-%'"
        all_connected = wait_until(lambda: int(psql_value(pg_url, count)) >= n, 30 if smoke else 180)
        local = threading.local()

        def send(station):
            for attempt in (0, 1):
                if getattr(local, "conn", None) is None:
                    local.conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=60)
                t0 = time.perf_counter()
                try:
                    local.conn.request("POST", f"/api/v1/stations/{station}/commands/ClearCache", body="{}",
                                       headers={"Authorization": f"Bearer {token}",
                                                "Content-Type": "application/json"})
                    resp = local.conn.getresponse()
                    body = resp.read()
                except (OSError, http.client.HTTPException):
                    local.conn.close()
                    local.conn = None
                    if attempt:
                        return "connection-error", (time.perf_counter() - t0) * 1000
                    continue
                ms = (time.perf_counter() - t0) * 1000
                if resp.status == 200 and json.loads(body).get("outcome") == "result":
                    return "ok", ms
                return f"http-{resp.status}", ms

        ids = [f"FAN-{i:04d}" for i in range(1, n + 1)]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(workers) as ex:
            results = list(ex.map(send, ids))
        wall = time.perf_counter() - t0
        r = finish_sim(fleet)
    finally:
        stack.stop()
    outcomes = {}
    for outcome, _ in results:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {"stations": n, "all_connected": all_connected, "concurrency": workers, "command": "ClearCache",
            "commands_per_s": round(n / wall, 1), "wall_s": round(wall, 3), "outcomes": outcomes,
            "received_by_stations": r["incoming"]["by_action"].get("ClearCache", 0),
            **percentiles([ms for _, ms in results])}


def step_priority(smoke, pg_url, amqp_url):
    """Authorize latency (charging sessions: Authorize, start, meter values, stop, over and over) measured alone,
    then again while other stations flood MeterValues at a fixed rate: the priority lane at work. The flood runs
    at 10,000/s (beyond what two cores answer), 5,000/s and 2,000/s; the probe's other calls are reported too, so
    the priority lane's transaction messages can be compared with its MeterValues on the bulk lane."""
    d = "3" if smoke else "30"
    probe_n = 4 if smoke else 100
    flood_n, flood_rates = (20, [200]) if smoke else (1000, [10000, 5000, 2000])
    stack = Stack(pg_url, amqp_url)
    floods = []
    try:
        psql(pg_url, "INSERT INTO id_tokens (id_token, type, status) VALUES ('PRIO-TOKEN', 'ISO14443', 'Accepted') "
                     "ON CONFLICT DO NOTHING")
        probe = ["-u", stack.url, "-n", str(probe_n), "-p", "mixed", "-s", "charging", "--session", "2", "--idle",
                 "0.5", "--meter-interval", "1", "--id-token", "PRIO-TOKEN", "-d", d]
        log(f"priority: Authorize alone ({probe_n} charging stations, {d} s)")
        alone = sim(probe + ["--id-prefix", "PRIO-A-"])
        for i, flood_rate in enumerate(flood_rates):
            log(f"priority: Authorize under a MeterValues flood of {flood_rate}/s over {flood_n} stations")
            flood = start_sim("flood", ["-u", stack.url, "-n", str(flood_n), "-s", "meter-flood", "-r",
                                        str(flood_rate), "--id-prefix", f"FLOOD{i}-", "--id-token", "PRIO-TOKEN",
                                        "--connect-rate", "0" if smoke else "2000"])
            flooding = wait_until(lambda: gateway_connections(stack) >= flood_n, 30 if smoke else 60)
            time.sleep(1 if smoke else 3)  # transactions started, the flood at its rate
            under = sim(probe + ["--id-prefix", f"PRIO-F{i}-"])
            f = finish_sim(flood)
            floods.append({"authorize_under_flood": action_latency(under, "Authorize"),
                           # the probe's other calls: priority lane (transactions) and bulk lane (its MeterValues)
                           "probe_under_flood": {a: action_latency(under, a) for a in
                                                 ("StartTransaction", "StopTransaction", "TransactionEvent",
                                                  "MeterValues")},
                           "flood": {"stations": flood_n, "all_connected": flooding, "rate_per_s": flood_rate,
                                     "answered_per_s": f["calls"]["answered_per_s"],
                                     "late_sends": f["calls"]["late_sends"],
                                     "meter_values": action_latency(f, "MeterValues")}})
            wait_until(lambda: gateway_connections(stack) <= 0, 30)
    finally:
        stack.stop()
    return {"probe_stations": probe_n, "probe_duration_s": float(d),
            "authorize_alone": action_latency(alone, "Authorize"), **floods[0],
            "at_other_flood_rates": floods[1:]}


def step_meter_ingest(smoke, pg_url, amqp_url):
    """Meter-value ingest: a closed-loop meter-flood per protocol (each station one never-ending transaction,
    MeterValues / TransactionEvent Updated as fast as answered, 5 sampled values each), rows counted in
    meter_values over the run; beside the PostgreSQL floor (multi-row and COPY into a bare table) of this run."""
    d = 3 if smoke else 20
    n = 10 if smoke else 500
    floor = json.loads(subprocess.run([PG_FLOOR, "--pg-url", pg_url, "--rows", "1000" if smoke else "50000"],
                                      check=True, capture_output=True, text=True).stdout)
    out = {"stations": n, "duration_s": d, "floor_pg_multi_row_per_s": floor["multi_row_500_per_s"],
           "floor_pg_copy_per_s": floor["copy_per_s"]}
    stack = Stack(pg_url, amqp_url)
    try:
        psql(pg_url, "INSERT INTO id_tokens (id_token, type, status) VALUES ('INGEST-TOKEN', 'ISO14443', 'Accepted') "
                     "ON CONFLICT DO NOTHING")
        for proto in ("1.6", "2.0.1"):
            prefix = "INGEST-" + proto.replace(".", "") + "-"
            count = f"SELECT count(*) FROM meter_values WHERE station_id LIKE '{prefix}%'"
            log(f"meter ingest: {n} {proto} stations, closed loop, {d} s")
            rows0 = int(psql_value(pg_url, count))
            r = sim(["-u", stack.url, "-n", str(n), "-p", proto, "-s", "meter-flood", "-m", "closed", "-d", str(d),
                     "--id-prefix", prefix, "--id-token", "INGEST-TOKEN"])
            rows = int(psql_value(pg_url, count)) - rows0
            out[proto] = {"sampled_values_per_s": round(rows / r["elapsed_s"]), "rows": rows,
                          "calls_per_s": r["calls"]["answered_per_s"], **lat(r),
                          "errors": r["calls"]["call_errors"], "timeouts": r["calls"]["timeouts"]}
    finally:
        stack.stop()
    return out


def smoke_problems(res):
    """What a smoke run must show (counts, never times): every station connected, every command answered, every
    Authorize answered."""
    problems = []
    m = res.get("gateway_idle_memory")
    if m is not None and (m["connections"] != m["wanted"] or m["bytes_per_connection"] is None):
        problems.append(f"idle_memory: {m['connections']} of {m['wanted']} connections")
    f = res.get("command_fan_out")
    if f is not None and (f["outcomes"].get("ok") != f["stations"] or f["received_by_stations"] != f["stations"]):
        problems.append(f"command_fan_out: {f['outcomes']}, {f['received_by_stations']} received of {f['stations']}")
    p = res.get("authorize_under_meter_flood")
    if p is not None:
        for k in ("authorize_alone", "authorize_under_flood"):
            a = p[k]
            if not a or not a["count"] or a["ok"] != a["count"] or a["call_errors"] or a["timeouts"]:
                problems.append(f"priority: {k}: {a}")
        if not p["flood"]["meter_values"] or not p["flood"]["meter_values"]["ok"]:
            problems.append(f"priority: no MeterValues answered in the flood: {p['flood']}")
    return problems


if __name__ == "__main__":
    main()
