#!/usr/bin/env bash
# Benchmark (issue: gateway): GET one project directly from projects-service vs through the
# gateway (anonymous and with a token), wrk -t2 -c32 -d30s on loopback after a warm-up, one run.
# Prints req/s, the through/direct ratio, p50/p99 and their differences, and the gateway's CPU
# per request. Target: >= 60 % of direct throughput, <= 3 ms added p99.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
home=$(mktemp -d); base=${BASE_PORT:-21080}; gw="http://localhost:$base"; direct="http://localhost:$((base + 1))"
# full JIT and a larger heap for every process: this measures steady-state cost, not start-up
# and rate limits out of the way (this measures the proxy, not the limiter's refusals)
RATE_LIMIT_PER_SECOND=1000000 RATE_LIMIT_BURST=1000000 \
LOCAL_PLATFORM_JVM_OPTIONS="${JVM_OPTIONS:--XX:+UseParallelGC -Xms256m -Xmx512m}" \
  java -jar local-platform/target/local-platform.jar --home="$home" --base-port="$base" > "$home/launcher.out" 2>&1 &
launcher=$!
trap 'kill -TERM $launcher 2>/dev/null; wait $launcher 2>/dev/null; rm -rf "$home"' EXIT
until grep -q "Platform ready." "$home/launcher.out"; do kill -0 $launcher || exit 1; sleep 0.5; done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
id=$(curl -s "$gw/api/v1/projects?size=1" | json 'd["items"][0]["id"]')
token=$(curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d '{"role":"citizen"}' | json 'd["accessToken"]')
gateway_pid=$(pgrep -f "gateway.jar.*--server.port=$base" | head -1)
run() { # NAME URL [HEADER]
  local args=(-t2 -c32 --latency); [[ -n ${3:-} ]] && args+=(-H "$3")
  wrk "${args[@]}" -d${WARMUP:-30s} "$2" > /dev/null
  local ticks_before=$(awk '{print $14 + $15}' /proc/$gateway_pid/stat)
  wrk "${args[@]}" -d${DURATION:-30s} "$2" > "$home/$1.txt"
  local ticks=$(( $(awk '{print $14 + $15}' /proc/$gateway_pid/stat) - ticks_before ))
  awk -v name="$1" -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v } sub(/s/, "", v); return v * 1000 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { if (bad > 0) { printf "%s: %d answers were not 2xx; the figures would be wrong\n", name, bad > "/dev/stderr"; exit 1 }
          printf "%s %s %.2f %.2f %.3f\n", name, rps, p50, p99, (n > 0 ? ticks * 1000 / hz / n : 0) }' "$home/$1.txt"
}
# one warm-up of the gateway on both paths first, so neither run pays for the other's JIT
wrk -t2 -c32 -d${WARMUP:-30s} "$gw/api/v1/projects/$id" > /dev/null
wrk -t2 -c32 -d${WARMUP:-30s} -H "Authorization: Bearer $token" "$gw/api/v1/projects/$id" > /dev/null
direct_line=$(run direct "$direct/api/v1/projects/$id")
anon_line=$(run gateway-anonymous "$gw/api/v1/projects/$id")
token_line=$(run gateway-token "$gw/api/v1/projects/$id" "Authorization: Bearer $token")
printf '%-20s %10s %9s %9s %22s\n' path "req/s" "p50 ms" "p99 ms" "gateway CPU ms/req"
for line in "$direct_line" "$anon_line" "$token_line"; do
  read -r name rps p50 p99 cpu <<< "$line"
  [[ $name == direct ]] && cpu="-"
  printf '%-20s %10s %9s %9s %22s\n' "$name" "$rps" "$p50" "$p99" "$cpu"
done
read -r _ drps dp50 dp99 _ <<< "$direct_line"
for line in "$anon_line" "$token_line"; do
  read -r name rps p50 p99 _ <<< "$line"
  awk -v n="$name" -v r="$rps" -v d="$drps" -v p50="$p50" -v dp50="$dp50" -v p99="$p99" -v dp99="$dp99" 'BEGIN {
    printf "%-20s throughput %.0f %% of direct (target >= 60 %%), p50 +%.2f ms, p99 +%.2f ms (target <= 3 ms)\n", n, 100 * r / d, p50 - dp50, p99 - dp99 }'
done
