#!/bin/bash
# Container health check without curl: GET /health over bash's /dev/tcp, healthy on HTTP 200.
# Usage: recarga-healthcheck PORT
port=${1:?port}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 3 _ status _ <&3 || exit 1
[ "$status" = 200 ]
