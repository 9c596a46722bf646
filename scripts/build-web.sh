#!/usr/bin/env bash
# Installs the web console's npm packages (npm ci, from web/package-lock.json; skipped when node_modules already
# matches the lock file) and builds it into web/dist, which recarga-manager serves at /. Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.recarga-package-lock
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
fi
npm run --silent build -- --logLevel warn
