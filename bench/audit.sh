#!/usr/bin/env bash
# Benchmark (issue #14): what the audit trail costs. The local platform is started twice in this one
# run, with the trail and without it (PLATFORM_AUDIT_ENABLED=false), alternating twice so that the
# machine's drift falls on both; each time bench/AuditLoad.java submits applications and moves each
# twice through the gateway for SECONDS. Then service-defaults' AuditTrailBench appends 100,000
# records to an embedded trail and verifies them. Prints each phase, the ratio (target: at most
# 10 % fewer submissions per second with the trail), records written per second, verification time.
# Needs: built jars (./mvnw -DskipTests install).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${SECONDS_EACH:-40}; WORKERS=${WORKERS:-8}
base=${BASE_PORT:-22080}; gw="http://localhost:$base"
work=$(mktemp -d)
launcher=""
cleanup() { [[ -n "$launcher" ]] && kill "$launcher" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

phase() { # $1 label, $2 audit enabled
  rm -rf "$work/platform"
  PLATFORM_AUDIT_ENABLED="$2" java -jar local-platform/target/local-platform.jar --home="$work/platform" --base-port="$base" \
    > "$work/launcher-$1.out" 2>&1 &
  launcher=$!
  until grep -q "Platform ready." "$work/launcher-$1.out"; do kill -0 "$launcher" || { cat "$work/launcher-$1.out"; exit 1; }; sleep 0.5; done
  read -r item department < <(curl -s "$gw/api/v1/service-items?size=100" | python3 -c '
import json, sys
i = next(i for i in json.load(sys.stdin)["items"] if i["handledHere"])
print(i["id"], i["department"])')
  java bench/AuditLoad.java "$gw" 5 "$WORKERS" warm-up "$item" "$department" > /dev/null   # JIT and caches, not measured
  java bench/AuditLoad.java "$gw" "$SECONDS_EACH" "$WORKERS" "$1" "$item" "$department" | tee -a "$work/results"
  if [[ "$2" == true ]]; then
    curl -s "http://localhost:$((base + 3))/actuator/prometheus" | grep '^audit_records_total' | awk '{s+=$2} END {print "audit records written in services-service: " s}' \
      | tee -a "$work/results"
  fi
  kill "$launcher"; wait "$launcher" 2>/dev/null || true; launcher=""
}

phase with-trail-1 true
phase without-trail-1 false
phase with-trail-2 true
phase without-trail-2 false

python3 - "$work/results" "$SECONDS_EACH" <<'PY'
import re, sys
rows = [l.split() for l in open(sys.argv[1]) if "submissions/s" in l]
w = [float(r[2]) for r in rows if r[0].startswith("with-")]
wo = [float(r[2]) for r in rows if r[0].startswith("without-")]
tw = [float(r[4]) for r in rows if r[0].startswith("with-")]
two = [float(r[4]) for r in rows if r[0].startswith("without-")]
print(f"submissions/s with the trail {sum(w)/len(w):.1f}, without {sum(wo)/len(wo):.1f}: ratio {sum(w)/sum(wo):.3f} (target >= 0.90)")
print(f"transitions/s with the trail {sum(tw)/len(tw):.1f}, without {sum(two)/len(two):.1f}: ratio {sum(tw)/sum(two):.3f}")
PY
./mvnw -B -ntp -o -q -pl service-defaults test -Dtest=AuditTrailBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -E '^audit-bench' || echo "AuditTrailBench did not run (./mvnw -pl service-defaults test -Dtest=AuditTrailBench -Dbench=true)"
