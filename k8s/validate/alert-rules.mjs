// The alert rules for promtool (run by k8s/check.sh): takes spec.groups out of the PrometheusRule as
// a plain rules file, and checks that every alert has a unit test that makes it fire.
// Usage: node alert-rules.mjs <PrometheusRule.yaml> <tests.yaml> <out rules file>
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const [ruleFile, testFile, out] = process.argv.slice(2);
const rule = parse(readFileSync(ruleFile, "utf8"));
if (rule.kind !== "PrometheusRule") {
  throw new Error(`${ruleFile}: expected a PrometheusRule, found ${rule.kind}`);
}
writeFileSync(out, stringify({ groups: rule.spec.groups }));
const alerts = rule.spec.groups.flatMap((g) => g.rules).filter((r) => r.alert).map((r) => r.alert);
const firing = new Set(parse(readFileSync(testFile, "utf8")).tests
  .flatMap((t) => t.alert_rule_test ?? []).filter((t) => (t.exp_alerts ?? []).length > 0).map((t) => t.alertname));
const untested = alerts.filter((a) => !firing.has(a));
if (untested.length > 0) {
  console.error(`alerts without a promtool test that makes them fire: ${untested.join(", ")}`);
  process.exit(1);
}
console.log(`${alerts.length} alerts, each with a promtool test that makes it fire`);
