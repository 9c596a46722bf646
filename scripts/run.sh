#!/usr/bin/env bash
# Runs Recarga locally: installs what is missing, starts PostgreSQL and RabbitMQ (no systemd), builds,
# migrates, and starts recarga-manager and recarga-gateway, plus a small demo fleet of simulated stations
# when recarga-sim is built. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_PORT=${RECARGA_GATEWAY_PORT:-8180}
HTTP_PORT=${RECARGA_HTTP_PORT:-8181}
DEMO_STATIONS=${RECARGA_DEMO_STATIONS:-5}
export RECARGA_STATE_DIR=${RECARGA_STATE_DIR:-/tmp/recarga-dev}
LOGS=$RECARGA_STATE_DIR/logs

bash scripts/install.sh >/dev/null
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
bash scripts/build.sh -DRECARGA_TESTS=OFF
bash scripts/build-web.sh

mkdir -p "$LOGS"
pids=()
stop_all() {
    trap - INT TERM EXIT
    echo
    echo "stopping..."
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    bash scripts/services.sh stop
    exit 0
}
trap stop_all INT TERM EXIT

./build/services/manager/recarga-manager migrate
# The demo stations charge with a token each (T-DEMO-0001, ...): unknown tokens are refused, and one token
# charging at two stations at once is refused (ConcurrentTx).
psql "$RECARGA_PG_URL" -qtAc "INSERT INTO id_tokens (id_token, type, status) SELECT 'T-DEMO-' || lpad(i::text, 4, '0'),
    'ISO14443', 'Accepted' FROM generate_series(1, $DEMO_STATIONS) i ON CONFLICT DO NOTHING" >/dev/null
# Development mode: when the database has no user yet, the manager creates 'admin' and prints its password.
RECARGA_DEV_MODE=1 ./build/services/manager/recarga-manager --no-migrate --http-port "$HTTP_PORT" >"$LOGS/manager.log" 2>&1 &
pids+=($!)
./build/services/gateway/recarga-gateway --id gw-dev --port "$GATEWAY_PORT" >"$LOGS/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$GATEWAY_PORT/health" >/dev/null 2>&1 && break
    sleep 0.1
done
if [ -x build/services/sim/recarga-sim ] && [ "$DEMO_STATIONS" -gt 0 ]; then
    ./build/services/sim/recarga-sim --url "ws://127.0.0.1:$GATEWAY_PORT/ocpp" --stations "$DEMO_STATIONS" \
        --id-prefix DEMO- --id-token 'T-{id}' --protocol mixed --scenario charging >"$LOGS/sim.log" 2>&1 &
    pids+=($!)
fi

cat <<MSG

Recarga is running.
  Stations connect to:  ws://127.0.0.1:$GATEWAY_PORT/ocpp/<stationId>   (subprotocols ocpp1.6, ocpp2.0.1, ocpp2.1)
  Web console:          http://127.0.0.1:$HTTP_PORT/
  REST API:             http://127.0.0.1:$HTTP_PORT/api/v1/stations
  OpenAPI document:     http://127.0.0.1:$HTTP_PORT/api/openapi.yaml   (browse: /api/docs)
  First admin:          printed in $LOGS/manager.log at the first start (development mode)
  Metrics:              http://127.0.0.1:$GATEWAY_PORT/metrics
  Logs:                 $LOGS
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
echo "a service exited; see $LOGS" >&2
