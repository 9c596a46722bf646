#!/usr/bin/env bash
# Installs what Recarga needs to build, test and run on Debian 12 (as root). Idempotent and quick when
# everything is already there. Never installs anything that pulls Boost 1.74 (it would remove Boost 1.81).
set -euo pipefail

DEPS_DIR=${RECARGA_DEPS_DIR:-/var/cache/recarga}
PKGS=(build-essential cmake pkg-config git ca-certificates openssl ccache python3 python3-yaml curl procps
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
      librabbitmq-dev libpq-dev libpqxx-dev libspdlog-dev libfmt-dev libssl-dev libcli11-dev
      libtomlplusplus-dev libgtest-dev libgmock-dev libbenchmark-dev libargon2-dev
      postgresql rabbitmq-server docker-compose)
# RECARGA_INSTALL_SERVERS=0 (container build stage, deploy/docker): only what builds, no servers or tools.
if [ "${RECARGA_INSTALL_SERVERS:-1}" = 0 ]; then
    mapfile -t PKGS < <(printf '%s\n' "${PKGS[@]}" | grep -vxE 'postgresql|rabbitmq-server|docker-compose')
fi

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine image ships Node.js 20 with npm; only a machine without it takes Debian's.
command -v node >/dev/null || [ "${RECARGA_INSTALL_SERVERS:-1}" = 0 ] || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends install "${missing[@]}" >/dev/null
fi

# valijson is header-only; its Debian package depends on Qt5/Poco/MariaDB, so unpack the .deb instead.
if [ ! -d "$DEPS_DIR/valijson/usr/include/valijson" ]; then
    mkdir -p "$DEPS_DIR/valijson"
    (cd "$DEPS_DIR/valijson" && apt-get download libvalijson-dev 2>/dev/null && dpkg-deb -x libvalijson-dev_*.deb . &&
        rm -f libvalijson-dev_*.deb)
fi
echo "VALIJSON_INCLUDE_DIR=$DEPS_DIR/valijson/usr/include"
