#!/usr/bin/env bash
# Makes a private CA and the TLS certificates of a Recarga deployment with openssl: the broker (AMQPS and
# management), PostgreSQL, and the station-facing edge (haproxy or an ingress terminating wss:// for OCPP
# security profiles 2 and 3). Used by deploy/compose.yaml (run once before `docker-compose up`) and by
# scripts/topology.sh. Idempotent: an existing CA and existing certificates are kept.
#
# Usage: make-certs.sh [OUT_DIR]            (default: deploy/tls/out)
# Settings (environment):
#   RECARGA_TLS_DAYS          validity of the service certificates in days (default 825)
#   RECARGA_TLS_EXTRA_SANS    extra subjectAltNames for every service certificate, comma separated,
#                             e.g. "DNS:csms.example.com,IP:10.0.0.5"
#
# Files: ca.crt ca.key | rabbitmq.crt/.key | postgres.crt/.key | edge.crt/.key (+ edge.pem: cert+key for
# haproxy). Keys are mode 0600; hand each one only to the process that needs it.
set -euo pipefail

OUT=${1:-$(dirname "$0")/out}
DAYS=${RECARGA_TLS_DAYS:-825}
EXTRA=${RECARGA_TLS_EXTRA_SANS:-}
mkdir -p "$OUT"
umask 077

if [ ! -s "$OUT/ca.crt" ] || [ ! -s "$OUT/ca.key" ]; then
    openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 -keyout "$OUT/ca.key" -out "$OUT/ca.crt" \
        -subj "/O=Recarga/CN=Recarga deployment CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

# cert NAME CN SANS
cert() {
    local name=$1 cn=$2 sans=$3
    [ -n "$EXTRA" ] && sans="$sans,$EXTRA"
    [ -s "$OUT/$name.crt" ] && [ -s "$OUT/$name.key" ] && return 0
    openssl req -newkey rsa:2048 -nodes -keyout "$OUT/$name.key" -out "$OUT/$name.csr" -subj "/O=Recarga/CN=$cn" \
        2>/dev/null
    openssl x509 -req -in "$OUT/$name.csr" -CA "$OUT/ca.crt" -CAkey "$OUT/ca.key" -CAcreateserial -sha256 \
        -days "$DAYS" -out "$OUT/$name.crt" -extfile <(printf '%s\n' \
            "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
            "extendedKeyUsage=serverAuth" "subjectAltName=$sans") 2>/dev/null
    rm -f "$OUT/$name.csr"
}

# Names: the compose service name, and localhost for the processes of scripts/topology.sh.
cert rabbitmq rabbitmq "DNS:rabbitmq,DNS:localhost"
cert postgres postgres "DNS:postgres,DNS:localhost"
cert edge recarga-edge "DNS:haproxy,DNS:localhost"
cat "$OUT/edge.crt" "$OUT/edge.key" >"$OUT/edge.pem"
chmod 644 "$OUT"/*.crt
rm -f "$OUT/ca.srl"
echo "certificates in $OUT"
