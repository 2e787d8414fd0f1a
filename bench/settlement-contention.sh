#!/usr/bin/env bash
# Benchmark (issue: enterprise-service): 50 enterprises race for 10 vacant units through the
# gateway (5 per unit, all at once). Expected: exactly 10 settle, 40 get 409, no unit held twice,
# no enterprise shows a unit it does not hold. Prints the counts, the checks and the elapsed time.
# Starts the local platform from the built jars (./mvnw -DskipTests package) on its own ports.
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(mktemp -d)
base=${BASE_PORT:-19080}
gw="http://localhost:$base"
java -jar local-platform/target/local-platform.jar --home="$home" --base-port="$base" > "$home/launcher.out" 2>&1 &
launcher=$!
trap 'kill -TERM $launcher 2>/dev/null; wait $launcher 2>/dev/null || true; rm -rf "$home"' EXIT
until grep -q "Platform ready." "$home/launcher.out"; do
  kill -0 $launcher 2>/dev/null || { cat "$home/launcher.out"; exit 1; }
  sleep 0.5
done

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
token=$(curl -s -X POST "$gw/api/v1/local/tokens" -H 'Content-Type: application/json' -d '{"role":"officer"}' | json 'd["accessToken"]')
auth="Authorization: Bearer $token"
mapfile -t units < <(curl -s "$gw/api/v1/units?status=VACANT&size=10" | json '"\n".join(u["id"] for u in d["items"])')
[[ ${#units[@]} -eq 10 ]] || { echo "need 10 vacant units, found ${#units[@]}" >&2; exit 1; }

# 50 enterprises with valid (generated) credit codes
mapfile -t codes < <(python3 - <<'PY'
C = "0123456789ABCDEFGHJKLMNPQRTUWXY"; W = [1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
for i in range(50):
    first = "91120106MA0%06d" % (i + 1)
    s = sum(C.index(c) * w for c, w in zip(first, W))
    print(first + C[(31 - s % 31) % 31])
PY
)
enterprises=()
for i in "${!codes[@]}"; do
  id=$(curl -s -X POST "$gw/api/v1/enterprises" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"creditCode\":\"${codes[$i]}\",\"name\":\"竞争测试企业$i\",\"kind\":\"PRIVATE\"}" | json 'd["id"]')
  enterprises+=("$id")
done

plan="$home/plan.txt"
for i in "${!enterprises[@]}"; do echo "${enterprises[$i]} ${units[$((i % 10))]}"; done > "$plan"
start=$(date +%s%N)
xargs -P 50 -L 1 sh -c 'curl -s -o "'"$home"'/body-$0.json" -w "%{http_code}\n" -X POST "'"$gw"'/api/v1/enterprises/$0/settlement" \
  -H "'"$auth"'" -H "Content-Type: application/json" -d "{\"unitId\":\"$1\"}"' < "$plan" > "$home/codes.txt"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

ok=$(grep -c '^200$' "$home/codes.txt" || true)
conflict=$(grep -c '^409$' "$home/codes.txt" || true)
other=$(grep -vcE '^(200|409)$' "$home/codes.txt" || true)

held_twice=0; wrong=0; holders=""
for u in "${units[@]}"; do
  holder=$(curl -s "$gw/api/v1/units/$u" | json '(d.get("holder") or {}).get("enterpriseId", "")')
  holders="$holders $holder"
done
[[ $(echo $holders | tr ' ' '\n' | sort | uniq -d | wc -l) -eq 0 ]] || held_twice=1
for e in "${enterprises[@]}"; do
  read -r status unit < <(curl -s "$gw/api/v1/enterprises/$e" | json '(lambda s: (s or {}).get("status", "NONE") + " " + str((s or {}).get("unitId", "")))(d.get("settlement"))')
  if [[ $status == CONFIRMED ]]; then
    holder=$(curl -s "$gw/api/v1/units/$unit" | json '(d.get("holder") or {}).get("enterpriseId", "")')
    [[ $holder == "$e" ]] || wrong=$((wrong + 1))
  elif [[ $status != NONE ]]; then
    wrong=$((wrong + 1))
  fi
done

echo "settled (200): $ok   refused (409): $conflict   other: $other   (expected 10 / 40 / 0)"
echo "units held by more than one enterprise: $held_twice   enterprises showing a unit they do not hold: $wrong"
echo "elapsed for the 50 concurrent requests: ${elapsed_ms} ms"
grep -vE '^(200|409)$' "$home/codes.txt" | sort | uniq -c | sed 's/^/  other status: /' || true
for f in "$home"/body-*.json; do grep -q '"status":503' "$f" && { echo "  e.g. $(head -c 400 "$f")"; break; }; done
[[ $ok -eq 10 && $conflict -eq 40 && $other -eq 0 && $held_twice -eq 0 && $wrong -eq 0 ]] && echo "PASS" || { echo "FAIL"; exit 1; }
