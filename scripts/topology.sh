#!/usr/bin/env bash
# Runs the deployment topology of deploy/compose.yaml as local processes, without Docker (as root): PostgreSQL
# with TLS, RabbitMQ with an AMQPS listener only (per-service users from deploy/rabbitmq/definitions.json,
# no guest), two gateways and two managers with the production configuration: amqps:// with the broker
# verified against the deployment CA (RECARGA_AMQP_CA_FILE, peer and host name), PostgreSQL with
# sslmode=verify-full, and one set of credentials per service. Certificates come from
# deploy/tls/make-certs.sh, passwords are random per state directory. Used by the `topology` test.
#
# Usage: topology.sh start | stop [--purge] | env | status
# Settings (environment):
#   RECARGA_TOPOLOGY_DIR        state: certificates, secrets, data, logs (default /tmp/recarga-topology)
#   RECARGA_TOPOLOGY_PORT_BASE  first of the ports used (default 57400): +0 PostgreSQL, +1 AMQPS,
#                               +2 management, +3 Erlang dist, +4 epmd, +10..+19 CLI dist, +20/+21 gateways,
#                               +30/+31 manager APIs
#   RECARGA_TOPOLOGY_QUEUE_TYPE type of the manager lanes, as in a RabbitMQ cluster (default quorum; or classic)
#   RECARGA_BUILD_DIR           where the binaries are (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DIR=${RECARGA_TOPOLOGY_DIR:-/tmp/recarga-topology}
BASE=${RECARGA_TOPOLOGY_PORT_BASE:-57400}
BUILD=${RECARGA_BUILD_DIR:-build}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
PG_PORT=$BASE AMQPS_PORT=$((BASE + 1))
QUEUE_TYPE=${RECARGA_TOPOLOGY_QUEUE_TYPE:-quorum}
GATEWAY_PORTS=($((BASE + 20)) $((BASE + 21)))
MANAGER_PORTS=($((BASE + 30)) $((BASE + 31)))
TLS=$DIR/tls
LOGS=$DIR/logs
PIDS=$DIR/pids

services() {
    RECARGA_STATE_DIR=$DIR/services RECARGA_PG_PORT=$PG_PORT RECARGA_AMQP_PORT=$AMQPS_PORT \
        RECARGA_AMQP_MGMT_PORT=$((BASE + 2)) RECARGA_AMQP_DIST_PORT=$((BASE + 3)) RECARGA_EPMD_PORT=$((BASE + 4)) \
        RECARGA_CTL_DIST_MIN=$((BASE + 10)) RECARGA_TLS_DIR=$TLS RECARGA_AMQP_DEFINITIONS=$DIR/definitions.json \
        bash "$ROOT/scripts/services.sh" "$@"
}

# Secrets: one random password per service and per state directory, never on a command line.
secrets() {
    if [ ! -s "$DIR/secrets.env" ]; then
        pw() { head -c 32 /dev/urandom | base64 | tr -dc A-Za-z0-9 | head -c 24; }
        (umask 077 && {
            echo "RECARGA_AMQP_ADMIN_PASSWORD=$(pw)"
            echo "RECARGA_AMQP_GATEWAY_PASSWORD=$(pw)"
            echo "RECARGA_AMQP_MANAGER_PASSWORD=$(pw)"
            echo "RECARGA_PG_MANAGER_PASSWORD=$(pw)"
        } >"$DIR/secrets.env")
    fi
    set -a
    # shellcheck disable=SC1091
    . "$DIR/secrets.env"
    set +a
}

amqp_url() { echo "amqps://$1:$2@localhost:$AMQPS_PORT/recarga"; }
pg_url() {
    echo "postgresql://recarga_manager:$RECARGA_PG_MANAGER_PASSWORD@localhost:$PG_PORT/recarga?sslmode=verify-full&sslrootcert=$TLS/ca.crt"
}

wait_health() {
    local port=$1 name=$2 i
    for i in $(seq 150); do
        curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
        if ! kill -0 "$(cat "$PIDS/$name.pid")" 2>/dev/null; then
            echo "$name exited:" >&2
            tail -20 "$LOGS/$name.log" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "$name not healthy after 15 s:" >&2
    tail -20 "$LOGS/$name.log" >&2
    return 1
}

# spawn NAME ENV... -- EXE ARGS...: a background process in a session of its own, pid in $PIDS/NAME.pid.
spawn() {
    local name=$1
    shift
    local envs=()
    while [ "$1" != "--" ]; do
        envs+=("$1")
        shift
    done
    shift
    env "${envs[@]}" setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
    echo $! >"$PIDS/$name.pid"
}

start() {
    for b in services/manager/recarga-manager services/gateway/recarga-gateway; do
        [ -x "$BUILD/$b" ] || { echo "missing $BUILD/$b: build first (scripts/build.sh)" >&2; exit 1; }
    done
    mkdir -p "$DIR" "$LOGS" "$PIDS"
    chmod 755 "$DIR"
    bash "$ROOT/deploy/tls/make-certs.sh" "$TLS" >/dev/null
    secrets
    RECARGA_AMQP_QUEUE_TYPE=$QUEUE_TYPE sh "$ROOT/deploy/rabbitmq/render-definitions.sh" "$ROOT/deploy/rabbitmq/definitions.json" "$DIR/definitions.json"
    services start
    rm -f "$DIR/definitions.json" # holds password hashes; the broker has its own copy

    # The manager's own database role, owner of the database, password only over TLS.
    psql -h "$DIR/services/pg/run" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA \
        -v pw="$RECARGA_PG_MANAGER_PASSWORD" >/dev/null <<'SQL'
SELECT format('CREATE ROLE recarga_manager LOGIN PASSWORD %L', :'pw')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recarga_manager') \gexec
ALTER ROLE recarga_manager PASSWORD :'pw';
ALTER DATABASE recarga OWNER TO recarga_manager;
SQL

    local mgr_env=("RECARGA_PG_URL=$(pg_url)" "RECARGA_AMQP_URL=$(amqp_url manager "$RECARGA_AMQP_MANAGER_PASSWORD")"
        "RECARGA_AMQP_CA_FILE=$TLS/ca.crt" "RECARGA_AMQP_QUEUE_TYPE=$QUEUE_TYPE")
    local gw_env=("RECARGA_AMQP_URL=$(amqp_url gateway "$RECARGA_AMQP_GATEWAY_PASSWORD")" "RECARGA_AMQP_CA_FILE=$TLS/ca.crt"
        "RECARGA_AMQP_QUEUE_TYPE=$QUEUE_TYPE")
    env "${mgr_env[@]}" "$BUILD/services/manager/recarga-manager" migrate >"$LOGS/migrate.log" 2>&1 ||
        { tail -20 "$LOGS/migrate.log" >&2; exit 1; }
    local i
    for i in 1 2; do
        spawn "manager-$i" "${mgr_env[@]}" "RECARGA_MANAGER_ID=mgr-topo-$i" "RECARGA_HTTP_LISTEN=127.0.0.1" \
            "RECARGA_HTTP_PORT=${MANAGER_PORTS[$((i - 1))]}" "RECARGA_NO_MIGRATE=true" -- \
            "$BUILD/services/manager/recarga-manager"
        spawn "gateway-$i" "${gw_env[@]}" "RECARGA_GATEWAY_ID=gw-topo-$i" "RECARGA_GATEWAY_LISTEN=127.0.0.1" \
            "RECARGA_GATEWAY_PORT=${GATEWAY_PORTS[$((i - 1))]}" -- "$BUILD/services/gateway/recarga-gateway"
    done
    for i in 1 2; do
        wait_health "${MANAGER_PORTS[$((i - 1))]}" "manager-$i"
        wait_health "${GATEWAY_PORTS[$((i - 1))]}" "gateway-$i"
    done
    write_env
    echo "topology up: gateways ws://127.0.0.1:{${GATEWAY_PORTS[0]},${GATEWAY_PORTS[1]}}/ocpp/<id>," \
        "manager APIs http://127.0.0.1:{${MANAGER_PORTS[0]},${MANAGER_PORTS[1]}}/api/v1/stations, logs $LOGS"
}

write_env() {
    (umask 077 && cat >"$DIR/topology.env" <<ENV
export RECARGA_TOPOLOGY_GATEWAY_PORTS=${GATEWAY_PORTS[0]},${GATEWAY_PORTS[1]}
export RECARGA_TOPOLOGY_MANAGER_PORTS=${MANAGER_PORTS[0]},${MANAGER_PORTS[1]}
export RECARGA_TOPOLOGY_AMQPS_PORT=$AMQPS_PORT
export RECARGA_TOPOLOGY_PG_PORT=$PG_PORT
export RECARGA_TOPOLOGY_CA_FILE=$TLS/ca.crt
export RECARGA_TOPOLOGY_GATEWAY_AMQP_URL='$(amqp_url gateway "$RECARGA_AMQP_GATEWAY_PASSWORD")'
export RECARGA_TOPOLOGY_MANAGER_AMQP_URL='$(amqp_url manager "$RECARGA_AMQP_MANAGER_PASSWORD")'
export RECARGA_TOPOLOGY_PG_URL='$(pg_url)'
export RECARGA_TOPOLOGY_LOGS=$LOGS
export RECARGA_TOPOLOGY_QUEUE_TYPE=$QUEUE_TYPE
export RECARGA_TOPOLOGY_MGMT_URL=http://127.0.0.1:$((BASE + 2))/
export RECARGA_TOPOLOGY_MGMT_ADMIN=admin:$RECARGA_AMQP_ADMIN_PASSWORD
ENV
    )
}

stop() {
    local f pid
    for f in "$PIDS"/*.pid; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        kill -TERM "$pid" 2>/dev/null || true
    done
    for f in "$PIDS"/*.pid; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$f"
    done
    # Purging throws the broker's state away anyway: end it at once instead of a graceful shutdown (~8 s).
    local rmq_pid=$DIR/services/rabbitmq/rabbitmq.pid
    if [ "${1:-}" = "--purge" ] && [ -s "$rmq_pid" ]; then
        pid=$(cat "$rmq_pid")
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    if [ -d "$DIR/services" ]; then services stop; fi
    if [ "${1:-}" = "--purge" ]; then
        rm -rf "$DIR"
    fi
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
env) cat "$DIR/topology.env" ;;
status) services status ;;
*)
    echo "usage: $0 start | stop [--purge] | env | status" >&2
    exit 2
    ;;
esac
