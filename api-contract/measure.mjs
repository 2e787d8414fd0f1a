// Counts what a portal developer needs from the API documents (the table in the README, issue #11):
//   node measure.mjs ../docs/openapi/projects-service.json ../docs/openapi/enterprise-service.json ../docs/openapi/services-service.json
// or one platform document. Prints one line per figure.
import { readFileSync } from "node:fs";

const docs = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, "utf8")));
const ops = [];
for (const doc of docs) {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      ops.push({ doc, path, method: method.toUpperCase(), op });
    }
  }
}
const real = ops.filter((o) => o.path !== "/error");
const pct = (n) => `${Math.round((100 * n) / real.length)} %`;
const responses = (o) => Object.entries(o.op.responses ?? {});
const errorDocumented = real.filter((o) => responses(o).some(([s, r]) => Number(s) >= 400 && r.content?.["application/problem+json"]));
const secured = real.filter((o) => o.method !== "GET" || o.op["x-roles"]);
const securedDeclared = secured.filter((o) => (o.op.security ?? []).length > 0);
const withSummary = real.filter((o) => o.op.summary);
const withExample = real.filter((o) => JSON.stringify(o.op).includes('"example'));
const successExample = real.filter((o) => responses(o).some(([s, r]) => s.startsWith("2") && JSON.stringify(r.content ?? {}).includes('"example')));
const ids = real.map((o) => o.op.operationId ?? "");
const bare = ids.filter((id) => /^[a-z]+(_\d+)?$/.test(id));
const numbered = ids.filter((id) => /_\d+$/.test(id));
const collisions = ids.filter((id, i) => ids.indexOf(id) !== i);
const posts = real.filter((o) => o.method === "POST");
const created = posts.filter((o) => o.op.responses?.["201"]);
const anyMedia = real.filter((o) => responses(o).some(([, r]) => r.content?.["*/*"]));
const headerNames = new Set();
real.forEach((o) => responses(o).forEach(([, r]) => Object.keys(r.headers ?? {}).forEach((h) => headerNames.add(h))));
const param = (name) => real.flatMap((o) => (o.op.parameters ?? []).filter((p) => p.name === name));
const schemas = Object.assign({}, ...docs.map((d) => d.components?.schemas ?? {}));
let props = 0;
let required = 0;
let inlineEnums = 0;
for (const schema of Object.values(schemas)) {
  const names = Object.keys(schema.properties ?? {});
  props += names.length;
  required += (schema.required ?? []).filter((n) => names.includes(n)).length;
  for (const p of Object.values(schema.properties ?? {})) {
    if (p.enum || p.items?.enum) inlineEnums++;
  }
}
const namedEnums = Object.values(schemas).filter((s) => s.enum).length;
const bareArrays = real.filter((o) => responses(o).some(([s, r]) => s.startsWith("2")
  && Object.values(r.content ?? {}).some((media) => media.schema?.type === "array")));
const pageSize = param("size");
console.log(`operations (without /error): ${real.length}; /error operations: ${ops.length - real.length}`);
console.log(`an error response documented as application/problem+json: ${pct(errorDocumented.length)}`);
const bearer = real.filter((o) => (o.op.security ?? []).length > 0);
const publicOps = real.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0);
console.log(`writes and role-bound reads declaring bearer security: ${securedDeclared.length} of ${secured.length}; `
  + `with their roles (x-roles): ${bearer.filter((o) => o.op["x-roles"]).length}; public with security: []: ${publicOps.length}`);
console.log(`a summary: ${pct(withSummary.length)}; an example: ${pct(withExample.length)}; an example of the success answer: ${pct(successExample.length)}`);
console.log(`operationIds one bare word: ${pct(bare.length)}; ending _N: ${pct(numbered.length)}; colliding: ${collisions.length}`);
console.log(`POSTs documenting 201: ${created.length} of ${posts.length}`);
console.log(`operations answering */*: ${anyMedia.length}`);
console.log(`response headers declared: ${[...headerNames].sort().join(", ") || "none"}`);
console.log(`If-Match required: ${param("If-Match").filter((p) => p.required).length} of ${param("If-Match").length}; Idempotency-Key required with pattern: ${param("Idempotency-Key").filter((p) => p.required && p.schema?.pattern).length} of ${param("Idempotency-Key").length}`);
console.log(`size with limits: ${pageSize.filter((p) => p.schema?.maximum).length} of ${pageSize.length}`);
console.log(`response properties required: ${required} of ${props}; inline enums: ${inlineEnums}; named enum schemas: ${namedEnums}`);
console.log(`collections answered as bare top-level arrays: ${bareArrays.length}`);
