#!/usr/bin/env bash
# Benchmark (issue #13): 1,000 hand-offs to a partner region while its system fails 30 % of calls
# and is down for 60 s in the middle. The local platform runs with Fengtai's exchange endpoint at
# bench/FlakyPartner.java; a case is submitted, pre-reviewed and handed off through the gateway,
# and the relay delivers it. Prints: delivered, distinct correlation numbers the partner received,
# duplicates it received, lost (target 0), time to drain after the partner is back, hand-offs per
# second (first submission to last delivery).
# Needs: built jars (./mvnw -DskipTests package), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${HAND_OFFS:-1000}; FAIL=${FAIL_PERCENT:-30}; DOWN=${DOWN_SECONDS:-60}
base=${BASE_PORT:-21080}; gw="http://localhost:$base"; partner_port=$((base + 30))
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

java bench/FlakyPartner.java "$partner_port" "$FAIL" > "$work/partner.out" 2>&1 &
pids+=($!)
until grep -q "listening" "$work/partner.out"; do kill -0 "${pids[0]}" || { cat "$work/partner.out"; exit 1; }; sleep 0.2; done

EXCHANGE_FENGTAI_URL="http://localhost:$partner_port/exchange" EXCHANGE_FENGTAI_TOKEN=bench \
EXCHANGE_FIRST_RETRY=PT1S EXCHANGE_LONGEST_RETRY=PT15S EXCHANGE_MAX_ATTEMPTS=50 EXCHANGE_RELAY_EVERY=PT0.5S \
  java -jar local-platform/target/local-platform.jar --home="$work/platform" --base-port="$base" > "$work/launcher.out" 2>&1 &
pids+=($!)
until grep -q "Platform ready." "$work/launcher.out"; do kill -0 "${pids[1]}" || { cat "$work/launcher.out"; exit 1; }; sleep 0.5; done

item=$(curl -sG "$gw/api/v1/service-items" --data-urlencode name=丰台区办理 | json 'd["items"][0]["id"]')
# ten citizens and ten window officers, so the gateway's per-client rate limit is not what is measured
for k in $(seq 0 9); do
  curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d "{\"role\":\"citizen\",\"subject\":\"bench-citizen-$k\"}" \
    | json 'd["accessToken"]' > "$work/citizen-$k"
  curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' \
    -d "{\"role\":\"officer\",\"subject\":\"bench-window-$k\",\"department\":\"红桥区政务服务办公室\"}" | json 'd["accessToken"]' > "$work/window-$k"
done
admin=$(curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d '{"role":"admin"}' | json 'd["accessToken"]')
cat > "$work/hand-off.sh" <<SH
#!/usr/bin/env bash
i=\$1; k=\$((i % 10)); c=\$(cat "$work/citizen-\$k"); w=\$(cat "$work/window-\$k")
id=\$(curl -s -X POST "$gw/api/v1/applications" -H "Authorization: Bearer \$c" -H "Idempotency-Key: bench-exchange-\$i" \
  -H 'Content-Type: application/json' \
  -d '{"itemId":"$item","applicant":{"kind":"CITIZEN","name":"基准","idType":"RESIDENT_ID","idNumber":"120106199001011234"}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for a in START_PRE_REVIEW HAND_OFF; do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST "$gw/api/v1/applications/\$id/actions" -H "Authorization: Bearer \$w" \
    -H 'Content-Type: application/json' -d "{\"action\":\"\$a\"}"
done
SH
chmod +x "$work/hand-off.sh"

start=$(date +%s%N)
seq 1 $((N / 2)) | xargs -P 8 -I{} "$work/hand-off.sh" {} > "$work/codes"
curl -s -X POST "http://localhost:$partner_port/control/down?seconds=$DOWN" > /dev/null   # the partner goes down in the middle
down_at=$(date +%s%N)
seq $((N / 2 + 1)) "$N" | xargs -P 8 -I{} "$work/hand-off.sh" {} >> "$work/codes"
handed=$(grep -c '^201$' "$work/codes" || true)
# wait until the partner is back, then until every hand-off is delivered (or 10 minutes)
until [[ "$(curl -s "http://localhost:$partner_port/stats" | json 'd["down"]')" == "False" ]]; do sleep 0.5; done
back_at=$(date +%s%N)
deadline=$(( $(date +%s) + 600 ))
while :; do
  distinct=$(curl -s "http://localhost:$partner_port/stats" | json 'd["distinct"]')
  [[ "$distinct" -ge "$N" || $(date +%s) -gt $deadline ]] && break
  sleep 0.5
done
end=$(date +%s%N)
stats=$(curl -s "http://localhost:$partner_port/stats")
parked=$(curl -s "$gw/api/v1/exchange/parked?size=1" -H "Authorization: Bearer $admin" | json 'd["totalItems"]')
echo "$stats" | python3 -c "
import json,sys
s=json.load(sys.stdin); n=$N; handed=$handed//2
print('1,000 hand-offs to a partner failing $FAIL % of calls, down $DOWN s in the middle ($(date -u +%Y-%m-%d), this machine):')
print(f'  handed off           {handed} of {n} (each: submit, pre-review, hand off through the gateway)')
print(f'  partner received     {s[\"distinct\"]} distinct correlation numbers, {s[\"delivered\"]} deliveries, {s[\"duplicates\"]} duplicates')
print(f'  refused on purpose   {s[\"failedOnPurpose\"]} (flaky), {s[\"refusedWhileDown\"]} (down)')
print(f'  lost                 {n - s[\"distinct\"]} (target 0); parked {$parked}')
print(f'  drained              {($end - $back_at) / 1e9:.1f} s after the partner was back')
print(f'  hand-offs per second {s[\"distinct\"] / (($end - $start) / 1e9):.1f} (first submission to last delivery, {($end - $start) / 1e9:.0f} s)')
"
