#!/usr/bin/env bash
# CTest `topology`: starts the production-like topology of scripts/topology.sh (TLS PostgreSQL, AMQPS-only
# RabbitMQ with per-service users, two gateways, two managers) on ports of its own, runs
# recarga_topology_tests against it, checks on the broker that every service connection uses TLS and its
# own user and that both managers consume both lanes (quorum queues, as in a cluster), and stops and removes
# everything it started.
#
# Usage: topology_test.sh SOURCE_DIR TEST_BINARY BUILD_DIR
set -euo pipefail
ROOT=${1:?source dir} BIN=${2:?test binary} BUILD=${3:?build dir}
export RECARGA_TOPOLOGY_DIR=${RECARGA_STATE_DIR:-/tmp/recarga-test}/topology
# Ports above the kernel's ephemeral range (32768-60999 on Debian), so no client socket of another test can
# hold one of them; one block of 100 per RECARGA_TEST_PORT_BASE (45400 -> 61500, 49400 -> 61900).
export RECARGA_TOPOLOGY_PORT_BASE=$((61000 + ((${RECARGA_TEST_PORT_BASE:-45400} / 1000) % 40) * 100))
export RECARGA_BUILD_DIR=$BUILD
topology() { bash "$ROOT/scripts/topology.sh" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

finish() {
    local rc=$?
    if [ $rc -ne 0 ]; then
        for f in "$RECARGA_TOPOLOGY_DIR"/logs/*.log "$RECARGA_TOPOLOGY_DIR"/services/rabbitmq/log/* \
            "$RECARGA_TOPOLOGY_DIR"/services/pg/server.log; do
            [ -f "$f" ] || continue
            echo "--- $f"
            grep -m1 -A30 "\[error\]" "$f" || tail -15 "$f"
        done >&2
    fi
    topology stop --purge
    exit $rc
}
trap finish EXIT
topology stop --purge >/dev/null 2>&1 || true # leftovers of an interrupted run

t0=$(date +%s%N)
topology start
echo "topology started in $((($(date +%s%N) - t0) / 1000000)) ms"
eval "$(topology env)"
# The operator API needs credentials: the first admin, created as an operator would.
printf 'topo-admin-password\n' >"$RECARGA_TOPOLOGY_DIR/admin-password"
RECARGA_PG_URL=$RECARGA_TOPOLOGY_PG_URL "$BUILD/services/manager/recarga-manager" create-admin \
    --username topo-admin --password-file "$RECARGA_TOPOLOGY_DIR/admin-password" >"$RECARGA_TOPOLOGY_DIR/create-admin.log" 2>&1 ||
    fail "create-admin on the topology database"

(cd "$RECARGA_TOPOLOGY_DIR" && "$BIN")

# On the broker: who is connected, how, and who consumes what. The management plugin publishes its
# statistics every few seconds: wait until all service connections (2 per gateway, 3 per manager) are listed
# and both lanes show their consumers.
mgmt() { curl -fsS -u "$RECARGA_TOPOLOGY_MGMT_ADMIN" "${RECARGA_TOPOLOGY_MGMT_URL}api/$1"; }
lanes_consumed() {
    python3 - "$RECARGA_TOPOLOGY_DIR/queues.json" <<'PY'
import json, sys
q = {q["name"]: q.get("consumers", 0) for q in json.load(open(sys.argv[1]))}
sys.exit(0 if all(q.get(l) == 2 for l in ("recarga.manager.priority", "recarga.manager.bulk")) else 1)
PY
}
for _ in $(seq 120); do
    mgmt connections >"$RECARGA_TOPOLOGY_DIR/connections.json"
    mgmt "queues/recarga" >"$RECARGA_TOPOLOGY_DIR/queues.json"
    [ "$(grep -o '"connection_name":"[gm][wg][r-]*-topo-' "$RECARGA_TOPOLOGY_DIR/connections.json" | wc -l)" -ge 10 ] &&
        lanes_consumed && break
    sleep 0.5
done
python3 - "$RECARGA_TOPOLOGY_DIR/connections.json" "$RECARGA_TOPOLOGY_DIR/queues.json" "$RECARGA_TOPOLOGY_QUEUE_TYPE" <<'PY' || fail "broker view"
import json, sys
conns = json.load(open(sys.argv[1]))
queues = {q["name"]: q for q in json.load(open(sys.argv[2]))}
services = [c for c in conns if c.get("user") in ("gateway", "manager")]
names = sorted(c.get("client_properties", {}).get("connection_name", "?") + " as " + c["user"] for c in services)
print("broker connections:", ", ".join(names))
assert all(c.get("ssl") for c in conns), "a connection without TLS"
assert all(c["vhost"] == "recarga" for c in services), "a connection outside the recarga vhost"
for c in services:
    name = c.get("client_properties", {}).get("connection_name", "")
    expected = "gateway" if name.startswith("gw-topo-") else "manager" if name.startswith("mgr-topo-") else None
    assert expected == c["user"], f"{name} connected as {c['user']}"
gw = {n.split("/")[0] for n in names if n.startswith("gw-topo-")}
mgr = {n.split("/")[0] for n in names if n.startswith("mgr-topo-")}
assert gw == {"gw-topo-1", "gw-topo-2"}, gw
assert mgr == {"mgr-topo-1", "mgr-topo-2"}, mgr
for lane in ("recarga.manager.priority", "recarga.manager.bulk"):
    assert queues[lane]["consumers"] == 2, f"{lane}: {queues[lane]['consumers']} consumers"
    assert queues[lane]["durable"], lane
    assert queues[lane]["type"] == sys.argv[3], f"{lane}: {queues[lane]['type']} queue, not {sys.argv[3]}"
PY
echo "topology: ok"
