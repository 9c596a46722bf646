#!/usr/bin/env bash
# Starts and stops a local PostgreSQL 15 and RabbitMQ 3.10 without systemd (as root), each under a state
# directory of its own, on ports of its own. Used by scripts/run.sh (development system) and scripts/test.sh
# (tests, on other ports), so the two never collide.
#
# Usage: services.sh start | stop | broker-start | broker-stop | status | env
# Settings (environment): RECARGA_STATE_DIR, RECARGA_PG_PORT, RECARGA_AMQP_PORT, RECARGA_AMQP_MGMT_PORT,
# RECARGA_AMQP_DIST_PORT, RECARGA_EPMD_PORT, RECARGA_CTL_DIST_MIN.
# Production-like mode (scripts/topology.sh):
#   RECARGA_TLS_DIR          certificates of deploy/tls/make-certs.sh: PostgreSQL then takes only TLS
#                            connections with passwords (scram) on TCP, and RabbitMQ listens for AMQPS only
#                            on RECARGA_AMQP_PORT (no plain AMQP listener).
#   RECARGA_AMQP_DEFINITIONS definitions file imported at boot (deploy/rabbitmq/render-definitions.sh): vhost,
#                            per-service users and permissions; no guest user is created.
set -euo pipefail

STATE=${RECARGA_STATE_DIR:-/tmp/recarga-dev}
PGPORT=${RECARGA_PG_PORT:-55432}
AMQP_PORT=${RECARGA_AMQP_PORT:-56720}
MGMT_PORT=${RECARGA_AMQP_MGMT_PORT:-56721}
DIST_PORT=${RECARGA_AMQP_DIST_PORT:-56722}
EPMD_PORT=${RECARGA_EPMD_PORT:-56729}
CTL_DIST_MIN=${RECARGA_CTL_DIST_MIN:-56730}
NODE=${RECARGA_RMQ_NODE:-recarga-$AMQP_PORT@localhost}
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=$STATE/pg/data
PGSOCK=$STATE/pg/run
RMQ=$STATE/rabbitmq
DB=${RECARGA_DB_NAME:-recarga}
TLS_DIR=${RECARGA_TLS_DIR:-}
DEFINITIONS=${RECARGA_AMQP_DEFINITIONS:-}

rmq_env() {
    export HOME_RMQ=$RMQ/home
    export RABBITMQ_NODENAME=$NODE RABBITMQ_USE_LONGNAME=false
    if [ -z "$TLS_DIR" ]; then # with TLS the listeners come from rabbitmq.conf only
        export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$AMQP_PORT
    fi
    export RABBITMQ_DIST_PORT=$DIST_PORT # the default (NODE_PORT+20000) is out of range for high ports
    export RABBITMQ_CTL_DIST_PORT_MIN=$CTL_DIST_MIN RABBITMQ_CTL_DIST_PORT_MAX=$((CTL_DIST_MIN + 9))
    export ERL_EPMD_PORT=$EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_MNESIA_BASE=$RMQ/mnesia RABBITMQ_LOG_BASE=$RMQ/log
    export RABBITMQ_CONFIG_FILE=$RMQ/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ/enabled_plugins
    export RABBITMQ_CONF_ENV_FILE=$RMQ/rabbitmq-env.conf RABBITMQ_PID_FILE=$RMQ/rabbitmq.pid
    # Erlang schedulers busy-wait by default and would take both cores from the services under test.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none"
}
rmq() { runuser -u rabbitmq -- env HOME="$HOME_RMQ" "$@"; }
rmqctl() { rmq /usr/lib/rabbitmq/bin/rabbitmqctl "$@"; }

pg_start() {
    mkdir -p "$STATE/pg" "$PGSOCK"
    chmod 755 "$STATE"
    chown -R postgres:postgres "$STATE/pg"
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >/dev/null
    fi
    local tls_opts=""
    if [ -n "$TLS_DIR" ]; then
        mkdir -p "$STATE/pg/tls"
        cp "$TLS_DIR/ca.crt" "$TLS_DIR/postgres.crt" "$TLS_DIR/postgres.key" "$STATE/pg/tls/"
        chown -R postgres:postgres "$STATE/pg/tls"
        chmod 600 "$STATE/pg/tls/postgres.key"
        # The admin (this script) uses the socket; every TCP client needs TLS and a password.
        printf '%s\n' "local all all trust" "hostssl all all 127.0.0.1/32 scram-sha-256" >"$PGDATA/pg_hba.conf"
        tls_opts="-c ssl=on -c ssl_cert_file=$STATE/pg/tls/postgres.crt -c ssl_key_file=$STATE/pg/tls/postgres.key"
        tls_opts="$tls_opts -c ssl_ca_file=$STATE/pg/tls/ca.crt"
    fi
    if ! runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$STATE/pg/server.log" -w -t 60 -o \
            "-p $PGPORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c max_connections=200 $tls_opts ${RECARGA_PG_OPTS:-}" \
            start >/dev/null
    fi
    local psql=(psql -h "$PGSOCK" -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
    "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 || "${psql[@]}" -c "CREATE DATABASE $DB"
}

pg_stop() {
    if [ -s "$PGDATA/postmaster.pid" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
    fi
}

rmq_start() {
    rmq_env
    mkdir -p "$HOME_RMQ" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    chmod 755 "$STATE"
    [ -s "$HOME_RMQ/.erlang.cookie" ] || head -c 48 /dev/urandom | base64 | tr -dc A-Za-z0-9 >"$HOME_RMQ/.erlang.cookie"
    chmod 400 "$HOME_RMQ/.erlang.cookie"
    : >"$RABBITMQ_CONF_ENV_FILE"
    echo '[rabbitmq_management].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    cat >"$RABBITMQ_CONFIG_FILE" <<CONF
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
disk_free_limit.absolute = 100MB
log.console = false
log.file.level = warning
CONF
    if [ -n "$TLS_DIR" ]; then
        mkdir -p "$RMQ/tls"
        cp "$TLS_DIR/ca.crt" "$TLS_DIR/rabbitmq.crt" "$TLS_DIR/rabbitmq.key" "$RMQ/tls/"
        cat >>"$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp = none
listeners.ssl.default = 127.0.0.1:$AMQP_PORT
ssl_options.cacertfile = $RMQ/tls/ca.crt
ssl_options.certfile = $RMQ/tls/rabbitmq.crt
ssl_options.keyfile = $RMQ/tls/rabbitmq.key
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
CONF
    fi
    if [ -n "$DEFINITIONS" ]; then
        cp "$DEFINITIONS" "$RMQ/definitions.json"
        echo "load_definitions = $RMQ/definitions.json" >>"$RABBITMQ_CONFIG_FILE"
    fi
    chown -R rabbitmq:rabbitmq "$RMQ"
    if [ -s "$RABBITMQ_PID_FILE" ] && rmq /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
        return 0
    fi
    rm -f "$RABBITMQ_PID_FILE"
    (cd "$RMQ" && exec runuser -u rabbitmq -- env HOME="$HOME_RMQ" setsid /usr/lib/rabbitmq/bin/rabbitmq-server \
        >"$RABBITMQ_LOG_BASE/startup.out" 2>&1 </dev/null) &
    local launcher=$! i
    for i in $(seq 240); do # a broken config makes `rabbitmqctl wait` hang: watch the launcher instead
        [ -s "$RABBITMQ_PID_FILE" ] && break
        if ! kill -0 "$launcher" 2>/dev/null; then
            echo "rabbitmq-server exited:" >&2
            tail -20 "$RABBITMQ_LOG_BASE/startup.out" >&2
            return 1
        fi
        sleep 0.5
    done
    rmqctl -q wait --timeout 120 "$RABBITMQ_PID_FILE" >/dev/null
    rmqctl -q await_startup --timeout 120 >/dev/null
}

rmq_stop() {
    rmq_env
    if [ -s "$RABBITMQ_PID_FILE" ] && kill -0 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null; then
        rmqctl -q shutdown >/dev/null 2>&1 || kill "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null || true
    fi
    rm -f "$RABBITMQ_PID_FILE"
    ERL_EPMD_PORT=$EPMD_PORT epmd -kill >/dev/null 2>&1 || true
}

case "${1:-}" in
start)
    pg_start
    rmq_start
    ;;
stop)
    rmq_stop
    pg_stop
    ;;
broker-start) # RabbitMQ alone (tests that restart a broker of their own)
    rmq_start
    ;;
broker-stop)
    rmq_stop
    ;;
status)
    "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT"
    rmq_env
    rmq /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q ping
    ;;
env)
    echo "export RECARGA_PG_URL=postgresql://postgres@127.0.0.1:$PGPORT/$DB"
    echo "export RECARGA_PG_ADMIN_URL=postgresql://postgres@127.0.0.1:$PGPORT/postgres"
    echo "export RECARGA_AMQP_URL=amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
    echo "export RECARGA_AMQP_MGMT_URL=http://127.0.0.1:$MGMT_PORT/"
    ;;
*)
    echo "usage: $0 start|stop|broker-start|broker-stop|status|env" >&2
    exit 2
    ;;
esac
