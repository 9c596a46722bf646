#!/usr/bin/env bash
# Prints the Debian packages that hold the shared libraries the given binaries load, one a line, so the slim
# runtime image installs exactly those (deploy/docker/Dockerfile). Fails if a library belongs to no package.
set -euo pipefail
ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u | while read -r lib; do
    pkg=""
    for p in "$lib" "/usr$lib" "${lib#/usr}" "$(readlink -f "$lib")"; do
        pkg=$(dpkg-query -S "$p" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$pkg" ] && break
    done
    if [ -z "$pkg" ]; then
        echo "runtime-packages: no package holds $lib" >&2
        exit 1
    fi
    echo "$pkg"
done | sort -u
