#!/usr/bin/env bash
# Benchmark (issue: platform foundation): time from the start command until all four processes
# are ready, and each process's idle RSS. Targets on a 2-core machine: ready <= 60 s, total RSS
# <= 1.5 GB. Uses the built jars (run ./mvnw -DskipTests package first) and a fresh data folder,
# so the first start includes seeding. Prints figures and their ratio to the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
for m in projects-service enterprise-service services-service gateway local-platform; do
  [[ -f "$m/target/$m.jar" ]] || { echo "missing $m/target/$m.jar: run ./mvnw -DskipTests package" >&2; exit 1; }
done
home=$(mktemp -d)
base=${BASE_PORT:-18080}
out="$home/launcher.out"
start=$(date +%s.%N)
java -jar local-platform/target/local-platform.jar --home="$home" --base-port="$base" > "$out" 2>&1 &
launcher=$!
trap 'kill -TERM $launcher 2>/dev/null; wait $launcher 2>/dev/null || true; rm -rf "$home"' EXIT
until grep -q "Platform ready." "$out"; do
  if ! kill -0 $launcher 2>/dev/null; then cat "$out"; exit 1; fi
  sleep 0.2
done
ready=$(date +%s.%N)
ready_s=$(awk -v a="$start" -v b="$ready" 'BEGIN { printf "%.1f", b - a }')
echo "idle for 15 s before reading RSS..."
sleep 15
total=0
printf '%-20s %8s\n' process "RSS MB"
for pid in $(pgrep -P $launcher); do
  name=$(tr '\0' ' ' < /proc/$pid/cmdline | grep -oE '[a-z-]+\.jar' | head -1 | sed 's/\.jar//')
  rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  total=$((total + rss_kb))
  printf '%-20s %8d\n' "$name" $((rss_kb / 1024))
done
awk -v r="$ready_s" -v t="$total" 'BEGIN {
  printf "ready after           %6.1f s   (target 60 s: ratio %.2f)\n", r, r / 60
  printf "total idle RSS        %6d MB  (target 1536 MB: ratio %.2f)\n", t / 1024, t / 1024 / 1536 }'
