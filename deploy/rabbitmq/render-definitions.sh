#!/bin/sh
# Renders deploy/rabbitmq/definitions.json (vhost, users, permissions, exchange, queues and bindings of
# docs/contracts/amqp.md) into a file RabbitMQ imports at boot, with the password hashes of the per-service
# users taken from the environment. Passwords never live in the repository: the template holds
# placeholders. POSIX sh + openssl + base64, so it runs inside the official rabbitmq image too.
#
# Usage: render-definitions.sh TEMPLATE OUT
# Environment (all required): RECARGA_AMQP_ADMIN_PASSWORD, RECARGA_AMQP_GATEWAY_PASSWORD,
#                             RECARGA_AMQP_MANAGER_PASSWORD
# Optional: RECARGA_AMQP_QUEUE_TYPE=quorum makes the two manager lanes quorum queues (a cluster; the gateways
#           and managers must get the same RECARGA_AMQP_QUEUE_TYPE); classic (the default) leaves them classic.
set -eu
template=$1
out=$2

# RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)), 4 random salt bytes.
hash() {
    tmp=$(mktemp)
    openssl rand -out "$tmp" 4
    { cat "$tmp"; { cat "$tmp"; printf '%s' "$1"; } | openssl dgst -sha256 -binary; } | base64 | tr -d '\n'
    rm -f "$tmp"
}
need() {
    eval "v=\${$1:-}"
    if [ -z "$v" ]; then
        echo "render-definitions: $1 is not set" >&2
        exit 1
    fi
}
need RECARGA_AMQP_ADMIN_PASSWORD
need RECARGA_AMQP_GATEWAY_PASSWORD
need RECARGA_AMQP_MANAGER_PASSWORD
admin=$(hash "$RECARGA_AMQP_ADMIN_PASSWORD")
gateway=$(hash "$RECARGA_AMQP_GATEWAY_PASSWORD")
manager=$(hash "$RECARGA_AMQP_MANAGER_PASSWORD")
case "${RECARGA_AMQP_QUEUE_TYPE:-classic}" in
classic) lanes='"arguments": {}' ;;
quorum) lanes='"arguments": {"x-queue-type": "quorum"}' ;;
*)
    echo "render-definitions: RECARGA_AMQP_QUEUE_TYPE must be classic or quorum" >&2
    exit 1
    ;;
esac
umask 077
sed -e "s|@ADMIN_HASH@|$admin|" -e "s|@GATEWAY_HASH@|$gateway|" -e "s|@MANAGER_HASH@|$manager|" \
    -e "/\"name\": \"recarga\.manager\.priority\"/s|\"arguments\": {}|$lanes|" \
    -e "/\"name\": \"recarga\.manager\.bulk\"/s|\"arguments\": {}|$lanes|" "$template" >"$out"
