// Validates rendered manifests against the Kubernetes JSON schemas (npm kubernetes-models).
// Usage: node validate.mjs <rendered.yaml>...  Kinds the package does not know (CRDs such as
// ExternalSecret, ServiceMonitor) are listed as skipped. Exits 1 on any invalid object.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
let invalid = 0;
for (const file of process.argv.slice(2)) {
  let checked = 0;
  const skipped = new Set();
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = doc.toJS();
    if (!object) continue;
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
    const modulePath = group === "" ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
    let Model;
    try {
      Model = require(modulePath)[object.kind];
    } catch {
      Model = undefined;
    }
    if (!Model) {
      skipped.add(`${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (error) {
      invalid++;
      console.error(`${file}: ${object.kind}/${object.metadata?.name}: ${error.message}`);
    }
  }
  console.log(`${file}: ${checked} objects valid against the schemas; skipped (no schema here): ${[...skipped].join(", ") || "none"}`);
}
process.exit(invalid > 0 ? 1 : 0);
