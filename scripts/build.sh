#!/usr/bin/env bash
# Configures and builds Recarga into ./build (Release, ccache). Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
VALIJSON_INCLUDE_DIR=${VALIJSON_INCLUDE_DIR:-${RECARGA_DEPS_DIR:-/var/cache/recarga}/valijson/usr/include}
export CCACHE_DIR=${CCACHE_DIR:-/var/cache/recarga/ccache}
BUILD_DIR=${RECARGA_BUILD_DIR:-build}
# Arguments before "--target" go to the configure step, "--target X" to the build step.
configure=() build=()
while [ $# -gt 0 ]; do
    if [ "$1" = "--target" ]; then build+=("$1" "$2"); shift 2; else configure+=("$1"); shift; fi
done
# API tools from npm, pinned by the committed lockfile: the spec linter (test openapi_lint) and swagger-ui-dist,
# which the manager serves at /api/docs. Reinstalled only when the lockfile changes.
# RECARGA_API_TOOLS=0 skips them (the image build stage, which has no Node.js: deploy/docker/Dockerfile).
if [ "${RECARGA_API_TOOLS:-1}" != 0 ] && { [ ! -f tools/api/node_modules/.package-lock.json ] ||
    [ tools/api/package-lock.json -nt tools/api/node_modules/.package-lock.json ]; }; then
    (cd tools/api && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DVALIJSON_INCLUDE_DIR="$VALIJSON_INCLUDE_DIR" \
    -DRECARGA_WERROR=ON "${configure[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" "${build[@]}"
