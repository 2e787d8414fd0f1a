#!/usr/bin/env bash
# Benchmark (issue: projects-service): list-with-filter and get-by-id at 1k and 100k generated
# projects, req/s and p99 at both sizes, and the 100k/1k p99 ratio (target: <= 2).
# Runs projects-service (embedded MongoDB, the generated projects loaded as seeds) and
# enterprise-service (the detail reads settled enterprises from it) from the built jars, then
# wrk on loopback. One run; this machine has 2 cores, so read the ratios, not the absolutes.
# The embedded server keeps the projects in memory here (its H2 file grows past 1 GB loading
# 100k records one upsert at a time); what is measured is how queries scale with the count.
# Needs: built jars (./mvnw -DskipTests package), wrk (apt-get install wrk), python3, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
SIZES=${SIZES:-"1000 100000"}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-15s}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

generate() { # N DIR
  python3 - "$1" "$2" <<'PY'
import json, sys, random
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(42)
zones = ["WEST_STATION_SOUTH", "WEST_STATION_EAST", "WEST_STATION_NORTH", "WEST_STATION_WEST", "CORE_BUSINESS", "DISTRICT_OTHER"]
stages = ["PLANNING", "PREPARATION", "UNDER_CONSTRUCTION", "STRUCTURE_COMPLETED", "COMPLETION_ACCEPTED", "IN_USE"]
cats = ["INDUSTRIAL_PARK", "HEADQUARTERS", "URBAN_RENEWAL", "TRANSPORT_HUB", "COMMERCIAL", "ELDERCARE", "EDUCATION", "RESIDENTIAL"]
recs = [{"code": "BENCH-%06d" % i, "name": "基准项目%06d" % i, "zone": random.choice(zones), "category": random.choice(cats),
         "stage": random.choice(stages), "totalInvestment": round(random.uniform(1000, 900000), 2), "source": "ILLUSTRATIVE",
         "sourceNote": "generated for bench/projects-list.sh"} for i in range(n)]
json.dump({"set": "projects", "records": recs}, open(out + "/10-projects.json", "w"), ensure_ascii=False)
PY
}

wait_ready() { # PORT PID
  for _ in $(seq 1 1200); do
    curl -sf "http://localhost:$1/actuator/health/readiness" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "process on port $1 died" >&2; return 1; }
    sleep 0.5
  done
  return 1
}

run_wrk() { # URL -> "req/s p99ms"
  wrk -t2 -c16 -d"$WARMUP" "$1" >/dev/null
  wrk -t2 -c16 -d"$DURATION" --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
    END { printf "%s %s\n", rps, p99 }'
}

java_opts=(-XX:+UseSerialGC -Xmx512m)
ent_port=28182
mkdir -p "$work/ent"
java "${java_opts[@]}" -jar enterprise-service/target/enterprise-service.jar --spring.profiles.active=local \
  --server.port=$ent_port --platform.mongodb.data-dir="$work/ent" --platform.security.local-tokens.key-dir="$work/keys" \
  --logging.level.root=WARN > "$work/enterprise.log" 2>&1 &
pids+=($!); wait_ready $ent_port "${pids[-1]}"

declare -A result=()
port=28200
for n in $SIZES; do
  port=$((port + 1))
  mkdir -p "$work/seeds-$n" "$work/data-$n"
  generate "$n" "$work/seeds-$n"
  started=$(date +%s)
  ENTERPRISE_SERVICE_URI="http://localhost:$ent_port" java "${java_opts[@]}" -jar projects-service/target/projects-service.jar \
    --spring.profiles.active=local --server.port=$port --platform.mongodb.data-dir="$work/data-$n" \
    --platform.mongodb.storage=memory --platform.seeds.location="$work/seeds-$n" --platform.security.local-tokens.key-dir="$work/keys" \
    --logging.level.root=WARN > "$work/projects-$n.log" 2>&1 &
  pid=$!; pids+=($pid)
  wait_ready $port $pid
  echo "n=$n: loaded and ready in $(( $(date +%s) - started )) s"
  list="http://localhost:$port/api/v1/projects?zone=WEST_STATION_SOUTH&stage=UNDER_CONSTRUCTION&size=20"
  id=$(curl -s "http://localhost:$port/api/v1/projects?size=1&sort=code" | sed -E 's/.*"id":"([0-9a-f]{24})".*/\1/')
  result[$n,list]=$(run_wrk "$list")
  result[$n,get]=$(run_wrk "http://localhost:$port/api/v1/projects/$id")
  kill $pid; wait $pid 2>/dev/null || true
done

printf '\n%-10s %-14s %12s %10s\n' projects endpoint "req/s" "p99 ms"
for n in $SIZES; do
  for e in list get; do
    read -r rps p99 <<< "${result[$n,$e]}"
    printf '%-10s %-14s %12s %10s\n' "$n" "$e" "$rps" "$p99"
  done
done
set -- $SIZES
if [[ $# -eq 2 ]]; then
  for e in list get; do
    read -r _ small <<< "${result[$1,$e]}"; read -r _ large <<< "${result[$2,$e]}"
    awk -v e="$e" -v s="$small" -v l="$large" -v a="$1" -v b="$2" \
      'BEGIN { printf "%-5s p99 at %s / p99 at %s = %.2f (target <= 2)\n", e, b, a, l / s }'
  done
fi
