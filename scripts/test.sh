#!/usr/bin/env bash
# Runs every test of Recarga, as CI does: installs what is missing, starts its own PostgreSQL and RabbitMQ on
# ports of its own (so it never collides with a system started by scripts/run.sh), builds, runs the unit and
# integration tests against the real broker and database, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh >/dev/null

export RECARGA_STATE_DIR=${RECARGA_TEST_STATE_DIR:-/tmp/recarga-test}
# RECARGA_TEST_PORT_BASE moves every port, so several checkouts can run their tests side by side.
export RECARGA_TEST_PORT_BASE=${RECARGA_TEST_PORT_BASE:-45400} # also read by tests (topology)
BASE=$RECARGA_TEST_PORT_BASE
export RECARGA_PG_PORT=$((BASE + 32)) RECARGA_AMQP_PORT=$((BASE + 72)) RECARGA_AMQP_MGMT_PORT=$((BASE + 73))
export RECARGA_AMQP_DIST_PORT=$((BASE + 74)) RECARGA_EPMD_PORT=$((BASE + 75)) RECARGA_CTL_DIST_MIN=$((BASE + 80))
export RECARGA_PG_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
# The test ports lie inside the kernel's ephemeral range: keep outgoing connections (thousands in the tests) from
# taking one of them by chance, which made a broker started later fail with "address in use". Best effort: needs
# root, and adds to whatever is reserved already.
reserved=$(cat /proc/sys/net/ipv4/ip_local_reserved_ports 2>/dev/null || true)
topology_base=$((61000 + ((BASE / 1000) % 40) * 100))
sysctl -q -w net.ipv4.ip_local_reserved_ports="${reserved:+$reserved,}$BASE-$((BASE + 99)),$topology_base-$((topology_base + 99))" \
    2>/dev/null || echo "note: could not reserve the test ports from the ephemeral range (not root?)" >&2
trap 'bash scripts/services.sh stop' EXIT
bash scripts/services.sh start
eval "$(bash scripts/services.sh env)"
export RECARGA_TEST_PG_URL=$RECARGA_PG_URL RECARGA_TEST_PG_ADMIN_URL=$RECARGA_PG_ADMIN_URL
export RECARGA_TEST_AMQP_URL=$RECARGA_AMQP_URL

bash scripts/build.sh -DRECARGA_TESTS=ON
bash scripts/build-web.sh

# The OCPP codec and its randomised mutation test again under AddressSanitizer and UBSan (debug build).
RECARGA_BUILD_DIR=build-asan bash scripts/build.sh -DCMAKE_BUILD_TYPE=Debug -DRECARGA_SANITIZE=ON \
    --target recarga_ocpp_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ./build-asan/libs/ocpp/tests/recarga_ocpp_tests --gtest_brief=1

ctest --test-dir build --output-on-failure --timeout 300
