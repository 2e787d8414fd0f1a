#!/usr/bin/env bash
# Benchmark (issue #14): what the audit trail costs. Two local platforms run side by side in this
# one run, one with the trail and one without it (PLATFORM_AUDIT_ENABLED=false), each with its own
# embedded databases; the load goes to one at a time, in ROUNDS rounds of SECONDS_EACH seconds on
# each (the order alternating, ABBA), so that the machine's drift falls on both alike and each
# round gives a ratio. The load (bench/AuditLoad.java) submits applications and moves each twice
# through the gateway. Then service-defaults' AuditTrailBench appends 100,000 records to an
# embedded trail and verifies them. Prints each slice, each round's ratio, the ratio of the totals
# (target: at most 10 % fewer submissions per second with the trail) and the median round,
# records written per second, verification time. Also each process's CPU per submission (its three
# requests) on both sides, from /proc, so that the trail's cost is seen where it is spent.
# Needs: built jars (./mvnw -DskipTests install), jstat (the JDK's). Nothing else running: the machine has 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${SECONDS_EACH:-20}; ROUNDS=${ROUNDS:-6}; WORKERS=${WORKERS:-8}
with_port=${BASE_PORT:-22080}; without_port=$((with_port + 100))
work=$(mktemp -d)
pids=(); declare -A launcher_of
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start() { # $1 label, $2 base port, $3 audit enabled
  # full JIT and a heap for the data (JVM_OPTIONS to change): in the launcher's development JVMs (C1, a
  # 256 MB serial heap) the embedded server's growing data (three trail records beside each application)
  # brought full collections: 33 taking 9.6 s in 3.5 min of this load with the trail; 4 taking 1.4 s with 768 MB
  PLATFORM_AUDIT_ENABLED="$3" LOCAL_PLATFORM_JVM_OPTIONS="${JVM_OPTIONS:--XX:+UseParallelGC -Xms256m -Xmx768m}" \
    java -jar local-platform/target/local-platform.jar --home="$work/$1" --base-port="$2" \
    > "$work/launcher-$1.out" 2>&1 &
  pids+=($!)
  local pid=$!
  launcher_of[$1]=$pid
  until grep -q "Platform ready." "$work/launcher-$1.out"; do kill -0 "$pid" || { cat "$work/launcher-$1.out"; exit 1; }; sleep 0.5; done
}
item_of() { # $1 gateway: an item handled here, and its department
  curl -s "$1/api/v1/service-items?size=100" | python3 -c '
import json, sys
i = next(i for i in json.load(sys.stdin)["items"] if i["handledHere"])
print(i["id"], i["department"])'
}
load() { # $1 label, $2 base port, $3 seconds (the item of that platform, read once after its start)
  local item department
  if [[ $2 == "$with_port" ]]; then read -r item department <<< "$with_item"; else read -r item department <<< "$without_item"; fi
  java bench/AuditLoad.java "http://localhost:$2" "$3" "$WORKERS" "$1" "$item" "$department"
}

cpu() { # $1 side, $2 slice label: "<label> <process> <CPU ticks>" for each process the side's launcher started
  python3 - "${launcher_of[$1-trail]}" "$2" <<'PY'
import os, re, sys
launcher, label = sys.argv[1], sys.argv[2]
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{pid}/stat").read()
        cmd = open(f"/proc/{pid}/cmdline").read().split("\0")
    except OSError:
        continue
    fields = stat[stat.rindex(")") + 2:].split()
    if fields[1] != launcher:  # the parent
        continue
    jar = next((re.sub(r"\.jar$", "", os.path.basename(a)) for a in cmd if a.endswith(".jar")), os.path.basename(cmd[0]))
    print(label, jar, int(fields[11]) + int(fields[12]))
PY
}

start with-trail "$with_port" true
start without-trail "$without_port" false
with_item=$(item_of "http://localhost:$with_port"); without_item=$(item_of "http://localhost:$without_port")
# JIT and caches, not measured: WARM_UP seconds each (10 s left the first round's first slice low), then
# 20 s slices on each until both platforms' JITs have settled (fewer than WARM_SETTLED methods compiled
# in a round, per jstat; at most WARM_MAX_ROUNDS): with a fixed warm-up the JVMs were still compiling
# through the first four rounds (30 -> 81 submissions/s), which made those rounds' ratios guesswork
compiled() { # methods the JITs of every process of both platforms have compiled so far
  local n=0 launcher p
  for launcher in "${launcher_of[@]}"; do
    for p in $(pgrep -P "$launcher" java || true); do n=$((n + $(jstat -compiler "$p" 2>/dev/null | awk 'NR == 2 { print $1 }' || echo 0))); done
  done
  echo "$n"
}
load warm-up "$with_port" "${WARM_UP:-30}" > /dev/null
load warm-up "$without_port" "${WARM_UP:-30}" > /dev/null
for warm in $(seq 1 "${WARM_MAX_ROUNDS:-10}"); do
  before=$(compiled)
  load warm-up "$with_port" 20 > /dev/null; load warm-up "$without_port" 20 > /dev/null
  fresh=$(( $(compiled) - before ))
  echo "warm-up round $warm: $fresh methods compiled" >&2
  (( fresh < ${WARM_SETTLED:-100} )) && break
done
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then order="with without"; else order="without with"; fi
  for side in $order; do
    port=$with_port; [[ $side == without ]] && port=$without_port
    cpu "$side" "$side-trail-$round" > "$work/cpu-before"
    load "$side-trail-$round" "$port" "$SECONDS_EACH" | tee -a "$work/results"
    cpu "$side" "$side-trail-$round" | paste -d' ' - <(cut -d' ' -f3 "$work/cpu-before") >> "$work/cpu" || true
  done
done
curl -s "http://localhost:$((with_port + 3))/actuator/prometheus" | grep '^audit_records_total' \
  | awk '{s+=$2} END {print "audit records written in services-service (warm-up included): " s}'

python3 - "$work/results" "$work/cpu" "$SECONDS_EACH" "$(getconf CLK_TCK)" <<'PY'
import collections, statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if "submissions/s" in l]
def of(prefix, col):
    return {int(r[0].rsplit("-", 1)[1]): float(r[col]) for r in rows if r[0].startswith(prefix)}
for name, col in (("submissions", 2), ("transitions", 4)):
    w, wo = of("with-", col), of("without-", col)
    per_round = [w[k] / wo[k] for k in sorted(w)]
    print(f"{name}/s with the trail {sum(w.values())/len(w):.1f}, without {sum(wo.values())/len(wo):.1f}: "
          f"ratio {sum(w.values())/sum(wo.values()):.3f}, median round {statistics.median(per_round):.3f} "
          f"(rounds {' '.join(f'{r:.2f}' for r in per_round)})" + (" (target >= 0.90)" if name == "submissions" else ""))
# CPU per submission (with its two transitions), each process, both sides: where the trail's cost is spent
submitted = {r[0]: float(r[2]) * int(sys.argv[3]) for r in rows}
ticks = collections.defaultdict(float)
for label, process, after, before in (l.split() for l in open(sys.argv[2])):
    if label in submitted:
        ticks[(label.split("-")[0], process)] += int(after) - int(before)
total = {side: sum(v for k, v in submitted.items() if k.startswith(side + "-")) for side in ("with", "without")}
ms = lambda side, process: ticks[(side, process)] * 1000 / int(sys.argv[4]) / total[side]
print("CPU ms per submission   with the trail   without   difference")
for process in sorted({p for _, p in ticks}) + ["all"]:
    w, wo = ((sum(ms(s, p) for p in {p for _, p in ticks}) if process == "all" else ms(s, process)) for s in ("with", "without"))
    print(f"{process:22} {w:14.2f} {wo:9.2f} {w - wo:+12.2f}")
PY
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=()
./mvnw -B -ntp -o -q -pl service-defaults test -Dtest=AuditTrailBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E '^audit-bench' || echo "AuditTrailBench did not run (./mvnw -pl service-defaults test -Dtest=AuditTrailBench -Dbench=true)"
