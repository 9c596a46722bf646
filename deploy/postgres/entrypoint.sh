#!/bin/sh
# Entry point of the PostgreSQL container (deploy/compose.yaml): copies the TLS key where only postgres can
# read it (PostgreSQL refuses a key others can read), then runs the image's entry point with TLS on and
# deploy/postgres/pg_hba.conf (TLS and scram passwords for every TCP client).
set -eu
install -d -o postgres -g postgres -m 700 /run/recarga-tls
install -o postgres -g postgres -m 644 /etc/recarga/tls/ca.crt /etc/recarga/tls/postgres.crt /run/recarga-tls/
install -o postgres -g postgres -m 600 /etc/recarga/tls/postgres.key /run/recarga-tls/
exec docker-entrypoint.sh postgres -c ssl=on -c ssl_cert_file=/run/recarga-tls/postgres.crt \
    -c ssl_key_file=/run/recarga-tls/postgres.key -c ssl_ca_file=/run/recarga-tls/ca.crt \
    -c hba_file=/etc/recarga/pg_hba.conf -c password_encryption=scram-sha-256 "$@"
