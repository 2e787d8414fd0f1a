#!/usr/bin/env bash
# Builds the four images offline with Jib onto a locally made base (Debian bookworm + OpenJDK 17
# JRE, made with debootstrap and podman import: no registry needed), loads them with podman and
# smoke-runs the gateway and projects-service, as k8s runs them (non-root user 10001, read-only root
# file system, writable /tmp), until /actuator/health answers UP. Run by .ci/run after the build.
# Outputs: <module>/target/jib-image.tar, tagged samecity/<module>:0.1.0 (what k8s/ deploys).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for tool in debootstrap podman runc; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap podman runc >/dev/null
fi
mkdir -p target/images
base=target/images/base-jre.tar
if [[ ! -f $base ]]; then
  rootfs=$(mktemp -d)
  echo "Making the base image (debootstrap bookworm + openjdk-17-jre-headless)..."
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" > target/images/debootstrap.log 2>&1
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc "$rootfs"/usr/share/man
  tar -C "$rootfs" -c . | podman import - localhost/samecity/base-jre:17 >/dev/null
  podman save --format docker-archive -o "$base" localhost/samecity/base-jre:17 >/dev/null 2>&1
  rm -rf "$rootfs"
fi
./mvnw -B -ntp -q -DskipTests package com.google.cloud.tools:jib-maven-plugin:3.4.6:buildTar \
  "-Djib.from.image=tar://$PWD/$base"
for module in gateway projects-service enterprise-service services-service; do
  podman load -q -i "$module/target/jib-image.tar" >/dev/null
  echo "image samecity/$module:0.1.0 built ($(du -h "$module/target/jib-image.tar" | cut -f1))"
done

# The sandbox refuses raising rlimits: give the containers lower ones explicitly.
run=(podman run -d --rm --runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 --network host
     --read-only --tmpfs /tmp --user 10001:10001 -e SPRING_PROFILES_ACTIVE=local -e PLATFORM_SECURITY_LOCAL_TOKENS_KEY_DIR=/tmp/keys)
"${run[@]}" --name smoke-gateway -e PORT=28980 samecity/gateway:0.1.0 >/dev/null
"${run[@]}" --name smoke-projects -e PORT=28981 -e PLATFORM_MONGODB_STORAGE=memory samecity/projects-service:0.1.0 >/dev/null
trap 'podman stop -t 5 smoke-gateway smoke-projects >/dev/null 2>&1 || true' EXIT
for target in gateway:28980 projects-service:28981; do
  name=${target%%:*}; port=${target##*:}
  for _ in $(seq 1 120); do
    if curl -sf "http://localhost:$port/actuator/health" | grep -q '"status":"UP"}$\|"status":"UP"'; then
      echo "image smoke run: $name healthy (/actuator/health UP, read-only root, user 10001)"
      if [[ $name == gateway ]]; then
        curl -sf "http://localhost:$port/" | grep -q '<div id="app">' \
          || { echo "image smoke run: the gateway image does not serve the portal at /" >&2; exit 1; }
        echo "image smoke run: gateway serves the portal at /"
      fi
      continue 2
    fi
    sleep 1
  done
  echo "image smoke run: $name did not become healthy" >&2
  podman logs "smoke-${name%%-service}" 2>&1 | tail -20 >&2 || true
  exit 1
done
