#!/usr/bin/env bash
# Benchmark (issue: gateway): GET one project directly from projects-service vs through the
# gateway (anonymous and with a token), wrk -t2 -c32, 20 s per measurement (DURATION), 5 rounds (ROUNDS), on loopback, one run.
# Prints req/s, the through/direct ratio, p50/p99 and their differences, and the gateway's CPU
# per request. Target: >= 60 % of direct throughput, <= 3 ms added p99.
#
# Steady state first: every JVM is warmed (direct and both gateway paths) until its JIT has
# settled (fewer than WARM_SETTLED new compiled methods in a round, per jstat), since a service
# still compiling makes the direct path look slow and the gateway look cheap. Then ROUNDS rounds,
# each measuring every path once in turn, so drift on this shared machine hits all paths alike;
# each path's figure is the median of its rounds, and each target is judged by the median of its
# ratio within each round (the path against the bare gateway or direct measured in that round).
#
# Reference rows, in the same run: a bare Spring Cloud Gateway (bench/bare-gateway: the same
# versions, one route, no security, limiter, breaker, retry, tracing or metrics), the floor for
# this gateway; and nginx (Debian's nginx-light) when it is installed, the floor for any proxy.
# Targets against them: the gateway's CPU per request <= 1.2 x the bare gateway's, throughput
# >= 65 % of direct. Then each path at one connection (wrk -t1 -c1, ROUNDS rounds of SINGLE_DURATION,
# default 10 s), where queueing on the machine's 2 cores does not blur the latency a proxy adds:
# target p50 +0.5 ms at most, judged by the median of each round's difference.
# "Direct" is the same request straight to projects-service: for the token path that is
# direct-token (the service checks the token and applies its roles either way; what the gateway adds
# is its own check and the hop), also printed against direct without a token. Likewise the token
# path's CPU is judged against the bare gateway carrying the same token (bare-gateway-token: any
# proxy reads, copies and sends on the ~800-character header), also printed against the bare
# gateway without one.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
rounds=${ROUNDS:-5}; duration=${DURATION:-20s}
home=$(mktemp -d); base=${BASE_PORT:-21080}; gw="http://localhost:$base"; direct="http://localhost:$((base + 1))"
nginx_port=$((base + 10)); bare_port=$((base + 30))
bare_jar=bench/bare-gateway/target/bare-gateway.jar
if [[ ! -f $bare_jar ]] || [[ -n "$(find bench/bare-gateway/src bench/bare-gateway/pom.xml pom.xml -newer "$bare_jar" -print -quit)" ]]; then
  ./mvnw -B -ntp -q -f bench/bare-gateway/pom.xml package -DskipTests
fi
# full JIT and a larger heap for every process: this measures steady-state cost, not start-up;
# rate limits out of the way (this measures the proxy, not the limiter's refusals)
RATE_LIMIT_PER_SECOND=1000000 RATE_LIMIT_BURST=1000000 \
LOCAL_PLATFORM_JVM_OPTIONS="${JVM_OPTIONS:--XX:+UseParallelGC -Xms256m -Xmx512m}" \
  java -jar local-platform/target/local-platform.jar --home="$home" --base-port="$base" > "$home/launcher.out" 2>&1 &
launcher=$!
stop() {
  local status=$? kept
  [[ -f $home/nginx.pid ]] && kill "$(cat "$home/nginx.pid")" 2>/dev/null
  [[ -n ${bare:-} ]] && kill -TERM "$bare" 2>/dev/null
  kill -TERM $launcher 2>/dev/null; wait $launcher 2>/dev/null || true  # under set -e a launcher stopped by SIGTERM (143) would end the script before the clean-up
  if (( status != 0 )) && [[ -d $home/logs ]]; then  # a refused run keeps what the processes logged, to find out why
    kept=$(mktemp -d "${TMPDIR:-/tmp}/gateway-overhead-logs.XXXXXX"); cp -r "$home/logs/." "$home/launcher.out" "$kept/"; cp "$home/bare-gateway.out" "$kept/" 2>/dev/null || true
    echo "the platform's logs are kept in $kept" >&2
  fi
  rm -rf "$home"
}
trap stop EXIT
until grep -q "Platform ready." "$home/launcher.out"; do kill -0 $launcher || exit 1; sleep 0.5; done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
id=$(curl -s "$gw/api/v1/projects?size=1" | json 'd["items"][0]["id"]')
token=$(curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d '{"role":"citizen"}' | json 'd["accessToken"]')
pid_of() { pgrep -f "$1.jar.*--server.port=$2" | head -1; }
gateway_pid=$(pid_of gateway "$base")
jvm_pids="$gateway_pid $(pid_of projects-service $((base + 1))) $(pid_of enterprise-service $((base + 2)))"

PORT=$bare_port PROJECTS_SERVICE_URI=$direct java ${JVM_OPTIONS:--XX:+UseParallelGC -Xms256m -Xmx512m} -jar "$bare_jar" \
  > "$home/bare-gateway.out" 2>&1 &
bare=$!
until curl -sf -o /dev/null "http://localhost:$bare_port/api/v1/projects/$id"; do kill -0 $bare || { cat "$home/bare-gateway.out"; exit 1; }; sleep 0.5; done
jvm_pids="$jvm_pids $bare"

# in each round a path is measured right after what it is judged against (anonymous, then with the token)
paths=(direct bare-gateway gateway-anonymous direct-token bare-gateway-token gateway-token)
declare -A url=([direct]="$direct/api/v1/projects/$id" [direct-token]="$direct/api/v1/projects/$id"
  [bare-gateway]="http://localhost:$bare_port/api/v1/projects/$id" [bare-gateway-token]="http://localhost:$bare_port/api/v1/projects/$id"
  [gateway-anonymous]="$gw/api/v1/projects/$id" [gateway-token]="$gw/api/v1/projects/$id")
declare -A header=([direct-token]="Authorization: Bearer $token" [bare-gateway-token]="Authorization: Bearer $token"
  [gateway-token]="Authorization: Bearer $token")
# what a path's throughput and latency are compared with: the same request straight to projects-service.
# With a token that is direct-token: the service's own check of the token is in both paths, and is
# not what the gateway adds.
declare -A reference=([gateway-token]=direct-token [bare-gateway-token]=direct-token)
# what a path's CPU per request is judged against: the bare gateway carrying the same request
declare -A floor=([gateway-anonymous]=bare-gateway [gateway-token]=bare-gateway-token)
# whose CPU a path's requests cost (the proxy in front of projects-service)
declare -A proxy_pid=([bare-gateway]=$bare [bare-gateway-token]=$bare [gateway-anonymous]=$gateway_pid [gateway-token]=$gateway_pid)
if command -v nginx >/dev/null; then
  cat > "$home/nginx.conf" <<EOF
worker_processes 1;
pid $home/nginx.pid;
error_log $home/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream projects { server 127.0.0.1:$((base + 1)); keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://projects; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
  nginx -c "$home/nginx.conf" -p "$home"
  paths=(direct nginx-reference bare-gateway gateway-anonymous direct-token bare-gateway-token gateway-token)
  url[nginx-reference]="http://127.0.0.1:$nginx_port/api/v1/projects/$id"
  sleep 0.5; proxy_pid[nginx-reference]=$(pgrep -P "$(cat "$home/nginx.pid")" | head -1)
else
  echo "(nginx is not installed: apt-get install -y nginx-light adds the reference row)" >&2
fi

load() { # PATH DURATION [wrk options...] (-t2 -c32 unless the options say otherwise)
  local p=$1 d=$2; shift 2
  local shape=(-t2 -c32); [[ $* == *-c1* ]] && shape=()
  if [[ -n ${header[$p]:-} ]]; then wrk "${shape[@]}" -d"$d" "$@" -H "${header[$p]}" "${url[$p]}"
  else wrk "${shape[@]}" -d"$d" "$@" "${url[$p]}"; fi
}
compiled() { local n=0 p; for p in $jvm_pids; do n=$((n + $(jstat -compiler "$p" | awk 'NR == 2 { print $1 }'))); done; echo $n; }

echo "warming up until the JITs settle (rounds of direct + anonymous + token, 10 s each)..." >&2
for warm in $(seq 1 "${WARM_MAX_ROUNDS:-15}"); do
  before=$(compiled)
  for p in direct bare-gateway gateway-anonymous direct-token bare-gateway-token gateway-token; do load "$p" 10s > /dev/null; done
  fresh=$(( $(compiled) - before ))
  echo "  warm-up round $warm: $fresh methods compiled" >&2
  (( fresh < ${WARM_SETTLED:-150} )) && break
done

measure() { # PATH [wrk options...] -> "rps p50 p99 proxy_cpu_ms_per_request"
  local p=$1 out ticks_before ticks pid=${proxy_pid[$1]:-}; shift
  ticks_before=0; [[ -n $pid ]] && ticks_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  out=$(load "$p" "$duration" --latency "$@")
  ticks=0; [[ -n $pid ]] && ticks=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") - ticks_before ))
  awk -v name="$p" -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v } sub(/s/, "", v); return v * 1000 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { if (bad > 0) { printf "%s: %d answers were not 2xx; the figures would be wrong\n", name, bad > "/dev/stderr"; exit 1 }
          printf "%s %.2f %.2f %.3f\n", rps, p50, p99, (n > 0 ? ticks * 1000 / hz / n : 0) }' <<< "$out"
}

declare -A results
for round in $(seq 1 "$rounds"); do
  for p in "${paths[@]}"; do
    line=$(measure "$p")
    results[$p]+="$line;"
    echo "  round $round $p: $line" >&2
  done
done

median() { # "a b c;..." FIELD -> median of that field
  tr ';' '\n' <<< "$1" | awk -v f="$2" 'NF { print $f }' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
printf '\nmedian of %s rounds of %s per path (wrk -t2 -c32, all on the same %s cores)\n' "$rounds" "$duration" "$(nproc)"
printf '%-20s %10s %9s %9s %22s\n' path "req/s" "p50 ms" "p99 ms" "proxy CPU ms/req"
for p in "${paths[@]}"; do
  cpu=$(median "${results[$p]}" 4); [[ -n ${proxy_pid[$p]:-} ]] || cpu="-"
  printf '%-20s %10s %9s %9s %22s\n' "$p" "$(median "${results[$p]}" 1)" "$(median "${results[$p]}" 2)" "$(median "${results[$p]}" 3)" "$cpu"
done
for p in "${paths[@]}"; do
  [[ $p == direct || $p == direct-token ]] && continue
  d=${reference[$p]:-direct}
  awk -v n="$p" -v ref="$d" -v r="$(median "${results[$p]}" 1)" -v d="$(median "${results[$d]}" 1)" -v p50="$(median "${results[$p]}" 2)" \
      -v dp50="$(median "${results[$d]}" 2)" -v p99="$(median "${results[$p]}" 3)" -v dp99="$(median "${results[$d]}" 3)" 'BEGIN {
    printf "%-20s throughput %.0f %% of %s (target >= 65 %%), p50 %+.2f ms, p99 %+.2f ms (target <= +3 ms)\n", n, 100 * r / d, ref, p50 - dp50, p99 - dp99 }'
done
for p in gateway-anonymous gateway-token; do
  f=${floor[$p]}
  awk -v n="$p" -v f="$f" -v c="$(median "${results[$p]}" 4)" -v b="$(median "${results[$f]}" 4)" 'BEGIN {
    printf "%-20s CPU per request %.3f ms = %.2f x %s'"'"'s %.3f ms (medians of all rounds)\n", n, c, c / b, f, b }'
done
# The targets, judged round by round: a path against the bare gateway (CPU) and direct (throughput)
# measured in the same round, a minute or two apart, then the median of those ratios. This machine's
# speed can halve between rounds; a ratio of two medians taken from different rounds mixes its moods.
per_round() { # PATH FIELD REFERENCE -> the ratios PATH / REFERENCE of FIELD in each round, space-separated
  paste -d' ' <(tr ';' '\n' <<< "${results[$1]}" | awk -v f="$2" 'NF { print $f }') \
              <(tr ';' '\n' <<< "${results[$3]}" | awk -v f="$2" 'NF { print $f }') | awk '{ printf "%.2f ", $1 / $2 }'
}
echo "round by round (each ratio within one round):"
# the token path against direct without a token too, as runs before 2026-12-06 printed it
for pair in bare-gateway:direct bare-gateway-token:direct-token gateway-anonymous:direct gateway-token:direct-token gateway-token:direct; do
  p=${pair%%:*} d=${pair#*:}
  ratios=$(per_round "$p" 1 "$d")
  awk -v n="$p" -v ref="$d" -v m="$(median "${ratios// /;}" 1)" -v all="$ratios" 'BEGIN {
    printf "%-20s throughput %.0f %% of %s, median of rounds (target >= 65 %%): %s\n", n, 100 * m, ref, all }'
done
# each gateway path against the bare gateway carrying the same request (the target), and the token
# path against the bare gateway without a token too, as runs before 2026-12-06 10:00 UTC printed it
for pair in gateway-anonymous:bare-gateway gateway-token:bare-gateway-token gateway-token:bare-gateway; do
  p=${pair%%:*} f=${pair#*:}
  ratios=$(per_round "$p" 4 "$f")
  awk -v n="$p" -v f="$f" -v m="$(median "${ratios// /;}" 1)" -v all="$ratios" -v judged="$([[ ${floor[$p]} == "$f" ]] && echo " (target <= 1.2)")" 'BEGIN {
    printf "%-20s CPU per request %.2f x %s'"'"'s, median of rounds%s: %s\n", n, m, f, judged, all }'
done

# One connection: in rounds too, each path in turn, and the median of each round's difference. One
# round of these was not enough: the same path's p50 moved by a millisecond between runs minutes apart.
duration=${SINGLE_DURATION:-10s}
echo "one connection (wrk -t1 -c1, $duration each, $rounds rounds):" >&2
declare -A single
for round in $(seq 1 "$rounds"); do
  for p in direct bare-gateway gateway-anonymous direct-token bare-gateway-token gateway-token; do
    line=$(measure "$p" -t1 -c1)
    single[$p]+="$line;"
    echo "  round $round $p: $line" >&2
  done
done
for p in bare-gateway bare-gateway-token gateway-anonymous gateway-token; do
  d=${reference[$p]:-direct}
  diffs=$(paste -d' ' <(tr ';' '\n' <<< "${single[$p]}" | awk 'NF { print $2 }') \
                      <(tr ';' '\n' <<< "${single[$d]}" | awk 'NF { print $2 }') | awk '{ printf "%+.2f ", $1 - $2 }')
  awk -v n="$p" -v ref="$d" -v m="$(median "${diffs// /;}" 1)" -v all="$diffs" 'BEGIN {
    printf "%-20s at one connection p50 %+.2f ms over %s, median of rounds (target <= +0.5 ms): %s\n", n, m, ref, all }'
done
