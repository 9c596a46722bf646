#!/bin/sh
# Entry point of the broker container (deploy/compose.yaml): renders the definitions with the service
# passwords from the environment, copies the TLS key where only the broker's user can read it, then runs
# the image's own entry point.
set -eu
install -d -m 700 /var/lib/rabbitmq/tls
install -m 644 /etc/recarga/tls/ca.crt /etc/recarga/tls/rabbitmq.crt /var/lib/rabbitmq/tls/
install -m 600 /etc/recarga/tls/rabbitmq.key /var/lib/rabbitmq/tls/
sh /etc/recarga/render-definitions.sh /etc/recarga/definitions.json /var/lib/rabbitmq/definitions.json
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq/tls /var/lib/rabbitmq/definitions.json
unset RECARGA_AMQP_ADMIN_PASSWORD RECARGA_AMQP_GATEWAY_PASSWORD RECARGA_AMQP_MANAGER_PASSWORD
exec docker-entrypoint.sh rabbitmq-server
