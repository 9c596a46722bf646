#!/usr/bin/env bash
# CTest `compose_config`: deploy/compose.yaml is valid for docker-compose (Debian's, `config -q`, no engine
# needed) with every profile; it refuses to start without secrets (no default passwords outside
# deploy/env/development.env); the rendered services use TLS with verification; the broker definitions
# name the exchange and queues of libs/envelope's contract; quorum lanes reach the broker and every service
# alike; and the manager image carries the console and the API docs where the manager looks for them.
set -euo pipefail
ROOT=${1:?source dir}
cd "$ROOT"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v docker-compose >/dev/null || fail "docker-compose missing (scripts/install.sh installs it)"
dc() { docker-compose -f deploy/compose.yaml "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Development env file, every profile.
dc --env-file deploy/env/development.env --profile development --profile demo config -q ||
    fail "compose.yaml invalid with deploy/env/development.env"

# 2. The example secrets file filled in as an operator would.
sed -E 's/^(RECARGA_[A-Z_]*PASSWORD)=$/\1=s3cret\1/' deploy/env/secrets.env.example >"$tmp/secrets.env"
dc --env-file "$tmp/secrets.env" --profile demo config -q || fail "compose.yaml invalid with filled secrets"
dc --env-file "$tmp/secrets.env" config >"$tmp/rendered.yaml"

# 3. The example as shipped has no passwords, and compose refuses it.
if dc --env-file deploy/env/secrets.env.example config -q 2>"$tmp/err"; then
    fail "compose.yaml starts without secrets (a default password somewhere?)"
fi
grep -q "Missing mandatory value" "$tmp/err" || fail "unexpected error without secrets: $(cat "$tmp/err")"

# Every password in compose.yaml is required (${VAR:?...}), none has a default (${VAR:-...}).
loose=$(grep -oE '\$\{RECARGA_[A-Z_]*PASSWORD[^}]*\}' deploy/compose.yaml | grep -v ':?' || true)
[ -z "$loose" ] || fail "passwords with defaults in compose.yaml: $loose"

# 4. What the services are given: verified TLS to both servers, per-service users.
grep -q "amqps://gateway:s3cretRECARGA_AMQP_GATEWAY_PASSWORD@rabbitmq:5671/recarga" "$tmp/rendered.yaml" ||
    fail "gateways do not use amqps with their own user"
grep -q "amqps://manager:s3cretRECARGA_AMQP_MANAGER_PASSWORD@rabbitmq:5671/recarga" "$tmp/rendered.yaml" ||
    fail "managers do not use amqps with their own user"
[ "$(grep -c 'RECARGA_AMQP_CA_FILE: /etc/recarga/tls/ca.crt' "$tmp/rendered.yaml")" -ge 4 ] ||
    fail "not every gateway and manager verifies the broker"
grep -q "sslmode=verify-full" "$tmp/rendered.yaml" || fail "managers do not verify PostgreSQL"
! grep -qi "guest" "$tmp/rendered.yaml" deploy/rabbitmq/definitions.json || fail "guest user configured"

# 5. Definitions: valid JSON, and the names of the contract (libs/envelope/.../contract.hpp) are declared.
python3 -m json.tool deploy/rabbitmq/definitions.json >/dev/null || fail "definitions.json is not JSON"
contract=libs/envelope/include/recarga/envelope/contract.hpp
for k in kIngressExchange kPriorityQueue kBulkQueue; do
    name=$(sed -nE "s/.*$k = \"([^\"]+)\".*/\1/p" "$contract")
    [ -n "$name" ] || fail "$k not found in $contract"
    grep -q "\"name\": \"$name\"" deploy/rabbitmq/definitions.json || fail "definitions.json lacks $name ($k)"
done

# 6. The password placeholders render (RabbitMQ sha256 hash format: base64 of 4 + 32 bytes).
RECARGA_AMQP_ADMIN_PASSWORD=a RECARGA_AMQP_GATEWAY_PASSWORD=g RECARGA_AMQP_MANAGER_PASSWORD=m \
    sh deploy/rabbitmq/render-definitions.sh deploy/rabbitmq/definitions.json "$tmp/defs.json"
python3 - "$tmp/defs.json" <<'PY' || fail "rendered definitions are wrong"
import base64, hashlib, json, sys
d = json.load(open(sys.argv[1]))
pw = {"admin": "a", "gateway": "g", "manager": "m"}
for u in d["users"]:
    raw = base64.b64decode(u["password_hash"])
    assert len(raw) == 36, u["name"]
    assert hashlib.sha256(raw[:4] + pw[u["name"]].encode()).digest() == raw[4:], u["name"]
PY
# 7. Kubernetes manifests: YAML, every Deployment probes /health, runs as non-root, and is scaled out.
python3 - deploy/k8s/*.yaml <<'PY' || fail "deploy/k8s manifests"
import sys, yaml
deployments = 0
for f in sys.argv[1:]:
    for d in yaml.safe_load_all(open(f)):
        if not d or d.get("kind") != "Deployment":
            continue
        deployments += 1
        spec = d["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"], f
        assert d["spec"]["replicas"] >= 2, f
        for c in spec["containers"]:
            for probe in ("readinessProbe", "livenessProbe"):
                assert c[probe]["httpGet"]["path"] == "/health", (f, probe)
assert deployments == 2, deployments
PY
# 8. Quorum lanes (a RabbitMQ cluster): one variable gives the broker's definitions and every gateway and manager
#    the same queue type; the definitions renderer refuses anything but classic or quorum.
RECARGA_AMQP_QUEUE_TYPE=quorum dc --env-file "$tmp/secrets.env" config >"$tmp/quorum.yaml"
[ "$(grep -c 'RECARGA_AMQP_QUEUE_TYPE: quorum' "$tmp/quorum.yaml")" -ge 5 ] ||
    fail "RECARGA_AMQP_QUEUE_TYPE=quorum does not reach the broker and every gateway and manager"
[ "$(grep -c 'RECARGA_AMQP_QUEUE_TYPE: classic' "$tmp/rendered.yaml")" -ge 5 ] || fail "classic lanes are not the default"
RECARGA_AMQP_QUEUE_TYPE=quorum RECARGA_AMQP_ADMIN_PASSWORD=a RECARGA_AMQP_GATEWAY_PASSWORD=g \
    RECARGA_AMQP_MANAGER_PASSWORD=m sh deploy/rabbitmq/render-definitions.sh deploy/rabbitmq/definitions.json \
    "$tmp/quorum-defs.json"
python3 - "$tmp/quorum-defs.json" <<'PY' || fail "quorum definitions"
import json, sys
queues = {q["name"]: q["arguments"] for q in json.load(open(sys.argv[1]))["queues"]}
assert queues == {"recarga.manager.priority": {"x-queue-type": "quorum"},
                  "recarga.manager.bulk": {"x-queue-type": "quorum"}}, queues
PY
if RECARGA_AMQP_QUEUE_TYPE=qorum RECARGA_AMQP_ADMIN_PASSWORD=a RECARGA_AMQP_GATEWAY_PASSWORD=g \
    RECARGA_AMQP_MANAGER_PASSWORD=m sh deploy/rabbitmq/render-definitions.sh deploy/rabbitmq/definitions.json \
    "$tmp/bad-defs.json" 2>/dev/null; then
    fail "render-definitions.sh accepted an unknown queue type"
fi
# 9. The manager image serves the console and the API docs: the web stage builds web/dist, the manager target
#    copies it and points the variables the manager reads (api/static_files.cpp, main.cpp) at the copies; the
#    build stage, which has no Node.js, skips the npm step of scripts/build.sh.
python3 - deploy/docker/Dockerfile <<'PY' || fail "deploy/docker/Dockerfile: console or API docs not in the manager image"
import re, sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
stages = {m.group(1): body for m, body in zip(re.finditer(r"^FROM \S+ AS (\S+)$", text, re.M),
                                               re.split(r"^FROM .*$", text, flags=re.M)[1:])}
web, manager, build = stages["web"], stages["manager"], stages["build"]
assert re.search(r"apt-get install .*\bnodejs\b.*\bnpm\b", web), "web stage: Node.js and npm from Debian"
assert "npm ci" in web and "npm run" in web and "test -f dist/index.html" in web, "web stage: console build"
env = dict(re.findall(r"(RECARGA_[A-Z_]+)=(\S+)", " ".join(l for l in manager.splitlines() if l.startswith("ENV"))))
copies = dict((dst, src) for src, dst in re.findall(r"^COPY --from=web (\S+) (\S+)$", manager, re.M))
assert copies.get(env["RECARGA_WEB_ROOT"]) == "/src/web/dist", (env, copies)
assert copies.get(env["RECARGA_API_DOCS_DIR"], "").endswith("/swagger-ui-dist"), (env, copies)
assert "RECARGA_API_TOOLS=0 bash scripts/build.sh" in build, "build stage runs npm without Node.js"
PY
grep -q 'getenv("RECARGA_WEB_ROOT")' services/manager/src/api/static_files.cpp || fail "manager no longer reads RECARGA_WEB_ROOT"
grep -q 'envname("RECARGA_API_DOCS_DIR")' services/manager/src/main.cpp || fail "manager no longer reads RECARGA_API_DOCS_DIR"
grep -q 'RECARGA_API_TOOLS:-1' scripts/build.sh || fail "scripts/build.sh lost RECARGA_API_TOOLS"
# 10. Station TLS passes through to the gateways (profiles 2 and 3): every gateway serves wss:// with the
#     certificate and key of the volume gateway-tls, which the one-shot gateway-tls fills before they start; haproxy
#     forwards 8443 as TCP to the gateways' TLS port (it holds no key) and checks them on their plain port.
python3 - "$tmp/rendered.yaml" deploy/haproxy/haproxy.cfg <<'PY' || fail "station TLS pass-through"
import re, sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
services = c["services"]
gateways = [n for n in services if re.fullmatch(r"gateway-\d+", n)]
assert len(gateways) >= 2, gateways
for n in gateways:
    s = services[n]
    env = s["environment"]
    assert str(env["RECARGA_GATEWAY_TLS_PORT"]) == "8443", n
    assert env["RECARGA_GATEWAY_TLS_CERT"].startswith("/etc/recarga/gateway-tls/"), n
    assert env["RECARGA_GATEWAY_TLS_KEY"].startswith("/etc/recarga/gateway-tls/"), n
    mounts = [v if isinstance(v, str) else f"{v['source']}:{v['target']}:{'ro' if v.get('read_only') else 'rw'}"
              for v in s["volumes"]]
    assert any(m.startswith("gateway-tls:/etc/recarga/gateway-tls") and m.endswith(":ro") for m in mounts), (n, mounts)
    assert s["depends_on"]["gateway-tls"]["condition"] == "service_completed_successfully", n
    assert any(str(p).endswith("8443") or (isinstance(p, dict) and p.get("target") == 8443) for p in s["ports"]), n
assert "gateway-tls" in c["volumes"]
init = services["gateway-tls"]
assert any(str(v).startswith("gateway-tls:/out") for v in init["volumes"]), init["volumes"]
assert "-o 10001" in " ".join(init["command"]) and "-m 0400 /in/edge.key" in " ".join(init["command"])
assert not any("edge.pem" in str(v) for v in services["haproxy"]["volumes"]), "haproxy still holds the edge key"
cfg = open(sys.argv[2]).read()
tls_front = re.search(r"^frontend stations_tls\n((?:    .*\n)+)", cfg, re.M).group(1)
assert "bind :8443\n" in tls_front and "mode tcp" in tls_front and " ssl " not in tls_front, tls_front
backend = re.search(r"^backend gateways_tls\n((?:    .*\n?)+)", cfg, re.M).group(1)
assert "mode tcp" in backend, backend
servers = re.findall(r"server (\S+) (\S+):8443 check port 8180", backend)
assert sorted(s for s, _ in servers) == sorted(gateways), (servers, gateways)
PY
echo "compose_config: ok"
