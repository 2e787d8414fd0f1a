#!/usr/bin/env bash
# Benchmark (issue #12): the big screen's time to first full render on the local platform, and the
# JavaScript the portal ships. Render: Playwright (playwright-core, Debian's Chromium) opens
# /#/dashboard in one warm browser context 11 times; the first is discarded, the figure is the median
# of the other 10, from navigation start until every section has its figures or says why not and
# the charts have drawn. Shipped: portal/dist/assets/*.js gzipped. Targets: <= 1.5 s, <= 400 KB.
# Uses the built jars and portal/dist (./mvnw -DskipTests package), and a fresh data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
for m in projects-service enterprise-service services-service gateway local-platform; do
  [[ -f "$m/target/$m.jar" ]] || { echo "missing $m/target/$m.jar: run ./mvnw -DskipTests package" >&2; exit 1; }
done
[[ -f portal/dist/index.html ]] || { echo "missing portal/dist: run ./mvnw -DskipTests package" >&2; exit 1; }
home=$(mktemp -d)
base=${BASE_PORT:-18080}
out="$home/launcher.out"
java -jar local-platform/target/local-platform.jar --home="$home" --base-port="$base" > "$out" 2>&1 &
launcher=$!
trap 'kill -TERM $launcher 2>/dev/null; wait $launcher 2>/dev/null || true; rm -rf "$home"' EXIT
until grep -q "Platform ready." "$out"; do
  if ! kill -0 $launcher 2>/dev/null; then cat "$out"; exit 1; fi
  sleep 0.5
done
cd portal
PORTAL_URL="http://localhost:$base" node --input-type=module - <<'JS'
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launch, openPage, PORTAL } from "./e2e/browser.mjs";

const browser = await launch();
const { page } = await openPage(browser);
const times = [];
for (let i = 0; i < 11; i++) {
  await page.goto("about:blank");
  await page.goto(`${PORTAL}/#/dashboard`);
  await page.waitForFunction(() => {
    const sections = [...document.querySelectorAll("[data-section]")];
    const done = sections.length >= 10 && sections.every((s) => s.querySelector("[data-figure], .notice, ul, canvas, dl"));
    return done && document.querySelectorAll("canvas").length >= 2;
  }, null, { timeout: 30000, polling: 10 });
  const ms = await page.evaluate(() => performance.now());
  if (i > 0) times.push(ms);
}
await browser.close();
times.sort((a, b) => a - b);
const median = (times[4] + times[5]) / 2;
let gz = 0;
for (const file of readdirSync("dist/assets").filter((f) => f.endsWith(".js"))) {
  gz += gzipSync(readFileSync(`dist/assets/${file}`)).length;
}
console.log(`dashboard full render, median of 10 warm  ${(median / 1000).toFixed(2)} s  (target 1.5 s: ratio ${(median / 1500).toFixed(2)}; min ${(times[0] / 1000).toFixed(2)}, max ${(times[9] / 1000).toFixed(2)})`);
console.log(`JavaScript shipped, gzipped                ${(gz / 1024).toFixed(0)} KB  (target 400 KB: ratio ${(gz / 1024 / 400).toFixed(2)})`);
JS
