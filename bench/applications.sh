#!/usr/bin/env bash
# Benchmark (issue: services-service).
#  A. Submissions and state transitions per second through the gateway (the local platform).
#  B. An officer's overdue list (GET /api/v1/applications/overdue) at 1k and 100k generated
#     applications, req/s and p99, and the 100k/1k p99 ratio (target <= 2). services-service runs
#     alone with its embedded MongoDB on a fixed port, filled by bench/GenerateApplications.java.
# Needs: built jars, wrk, python3, curl; the MongoDB driver jars in ~/.m2 (present after a build).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
ready() { until curl -sf "$1" >/dev/null; do kill -0 "$2" 2>/dev/null || { echo "process died" >&2; exit 1; }; sleep 0.5; done; }

# ---- A: through the gateway
base=${BASE_PORT:-20080}; gw="http://localhost:$base"; N=${SUBMISSIONS:-300}
java -jar local-platform/target/local-platform.jar --home="$work/platform" --base-port="$base" > "$work/launcher.out" 2>&1 &
pids+=($!)
until grep -q "Platform ready." "$work/launcher.out"; do kill -0 "${pids[0]}" || exit 1; sleep 0.5; done
items=$(curl -sG "$gw/api/v1/service-items" --data-urlencode partnerRegion=110106 --data-urlencode name=异地就医)
item=$(echo "$items" | json 'd["items"][0]["id"]')
dept=$(echo "$items" | json 'd["items"][0]["department"]')
citizen=$(curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d '{"role":"citizen"}' | json 'd["accessToken"]')
officer=$(curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d "{\"role\":\"officer\",\"department\":\"$dept\"}" | json 'd["accessToken"]')
body="{\"itemId\":\"$item\",\"intakeRegion\":\"120106\",\"applicant\":{\"kind\":\"CITIZEN\",\"name\":\"基准\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"120106199001011234\"}}"
for i in $(seq 1 20); do curl -s -o /dev/null -X POST "$gw/api/v1/applications" -H "Authorization: Bearer $citizen" \
  -H "Idempotency-Key: warm-$i" -H 'Content-Type: application/json' -d "$body"; done
start=$(date +%s%N)
seq 1 "$N" | xargs -P 16 -I{} curl -s -o "$work/sub-{}.json" -w "%{http_code}\n" -X POST "$gw/api/v1/applications" \
  -H "Authorization: Bearer $citizen" -H "Idempotency-Key: bench-key-{}" -H 'Content-Type: application/json' -d "$body" > "$work/sub.codes"
sub_ms=$(( ($(date +%s%N) - start) / 1000000 ))
created=$(grep -c '^201$' "$work/sub.codes" || true)
for i in $(seq 1 "$N"); do json 'd["id"]' < "$work/sub-$i.json"; done > "$work/ids"
start=$(date +%s%N)
xargs -P 16 -I{} sh -c 'for a in START_PRE_REVIEW ACCEPT; do curl -s -o /dev/null -w "%{http_code}\n" -X POST "'"$gw"'/api/v1/applications/{}/actions" \
  -H "Authorization: Bearer '"$officer"'" -H "Content-Type: application/json" -d "{\"action\":\"$a\"}"; done' < "$work/ids" > "$work/act.codes"
act_ms=$(( ($(date +%s%N) - start) / 1000000 ))
moved=$(grep -c '^201$' "$work/act.codes" || true)
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()
awk -v c="$created" -v n="$N" -v ms="$sub_ms" -v m="$moved" -v ams="$act_ms" 'BEGIN {
  printf "A. through the gateway, 16 concurrent clients:\n"
  printf "   submissions      %d/%d created in %d ms: %.1f per second\n", c, n, ms, c * 1000 / ms
  printf "   transitions      %d/%d in %d ms: %.1f per second\n", m, 2 * n, ams, m * 1000 / ams }'

# ---- B: the overdue list at 1k and 100k
cp=$(find ~/.m2/repository/org/mongodb -name '*.jar' \( -path '*bson/*' -o -path '*driver-core*' -o -path '*driver-sync*' -o -path '*bson-record-codec*' \) | sort -V | tr '\n' ':')
declare -A p99=() rps=()
port=20100
for n in ${SIZES:-1000 100000}; do
  port=$((port + 1)); mongo_port=$((port + 1000))
  java -XX:+UseSerialGC -Xmx768m -jar services-service/target/services-service.jar --spring.profiles.active=local --server.port=$port \
    --platform.mongodb.storage=memory --platform.mongodb.port=$mongo_port --platform.security.local-tokens.key-dir="$work/keys" \
    --platform.seeds.enabled=false --logging.level.root=WARN > "$work/services-$n.log" 2>&1 &
  pid=$!; pids+=($pid)
  ready "http://localhost:$port/actuator/health/readiness" $pid
  java -cp "$cp" bench/GenerateApplications.java "mongodb://127.0.0.1:$mongo_port" "$n"
  # a token signed by the key this services-service trusts, minted by a gateway sharing the key folder
  gport=$((port + 50))
  java -XX:+UseSerialGC -jar gateway/target/gateway.jar --spring.profiles.active=local --server.port=$gport \
    --platform.security.local-tokens.key-dir="$work/keys" --logging.level.root=WARN > "$work/gateway-$n.log" 2>&1 &
  gpid=$!; pids+=($gpid)
  ready "http://localhost:$gport/actuator/health/readiness" $gpid
  token=$(curl -s -X POST "http://localhost:$gport/api/v1/local/tokens" -H 'Content-Type: application/json' \
    -d '{"role":"officer","department":"红桥区医疗保障局"}' | json 'd["accessToken"]')
  url="http://localhost:$port/api/v1/applications/overdue?size=20"
  echo "n=$n: $(curl -s -H "Authorization: Bearer $token" "$url" | json 'd["totalItems"]') overdue for the department"
  wrk -t2 -c16 -d${WARMUP:-15s} -H "Authorization: Bearer $token" "$url" > /dev/null
  read -r r p < <(wrk -t2 -c16 -d${DURATION:-20s} --latency -H "Authorization: Bearer $token" "$url" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
    END { printf "%s %s\n", rps, p99 }')
  rps[$n]=$r; p99[$n]=$p
  kill $pid $gpid; wait $pid $gpid 2>/dev/null || true
done
echo "B. the overdue list, 16 connections:"
for n in ${SIZES:-1000 100000}; do printf "   %-7s applications: %8s req/s  p99 %8s ms\n" "$n" "${rps[$n]}" "${p99[$n]}"; done
set -- ${SIZES:-1000 100000}
[[ $# -eq 2 ]] && awk -v s="${p99[$1]}" -v l="${p99[$2]}" 'BEGIN { printf "   p99 ratio %.2f (target <= 2)\n", l / s }'
