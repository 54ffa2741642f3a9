#!/usr/bin/env bash
# CI, after the README test command (needs target/ built): the container image, built without a daemon and run.
#   1. the base image from Debian packages (deploy/container/base-image.sh; reused when its script has not changed)
#   2. the image by Maven and Jib (the -Pimage profile's goal) into target/jib-image.tar
#   3. its configuration read from the tar (entrypoint, user, port, volume, environment, health check), compose.yaml
#      validated (docker-compose config: the Compose schema, no daemon needed) and its settings checked against the
#      ones the server reads (.ci/container-check.mjs)
#   4. podman (runc) starts it on a fresh /data volume with its port published and a read-only root: health check,
#      non-root process, data kept in the volume, an orderly stop
#   5. compat's connect suite against the image with the real client, on H2 and (with TANDEM_TEST_PG_HOST) PostgreSQL
# Usable by hand as root: bash .ci/container.sh. Measured on the 2-core CI machine kind: 161 s with the base image
# built anew (50 s of it) at load average 5, 327 s at load 13, plus about 45 s of apt-get on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
log() { echo "[ci/container] $*"; }

need_apt=()
command -v mmdebstrap >/dev/null || need_apt+=(mmdebstrap)
command -v podman >/dev/null || need_apt+=(podman)
[ -x /usr/bin/runc ] || need_apt+=(runc)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
command -v curl >/dev/null || need_apt+=(curl)
if ((${#need_apt[@]})); then
  log "installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

log "base image"
deploy/container/base-image.sh

# The goal alone: the README test command has just built and tested target/ (tandem.war, tandem.jar,
# payara-micro.jar), and 'mvn -Pimage package' would build it all again (a minute here).
log "image (mvn -Pimage jib:buildTar)"
t=$(date +%s)
mvn -B -ntp -q -Pimage jib:buildTar
ls -la target/jib-image.tar
log "image built in $(($(date +%s) - t)) s"

log "image configuration and compose.yaml"
node .ci/container-check.mjs target/jib-image.tar compose.yaml README.md
TANDEM_DB_PASSWORD=ci docker-compose -f compose.yaml config --quiet

# podman on this machine kind: runc (crun fails on its cgroups), cgroupfs, and no default ulimits (setting rlimits is
# not permitted here).
conf_dir=$(mktemp -d)
cat >"$conf_dir/containers.conf" <<'EOF'
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
EOF
export CONTAINERS_CONF="$conf_dir/containers.conf"

image=tandem:latest
name=tandem-ci-$$
volume=tandem-ci-data-$$
cleanup() {
  podman rm --force --ignore "$name" >/dev/null 2>&1 || true
  podman volume rm --force "$volume" >/dev/null 2>&1 || true
  rm -rf "$conf_dir"
}
trap cleanup EXIT

log "podman load"
podman load --quiet -i target/jib-image.tar
podman image inspect --format '{{.Config.User}} {{.Config.Entrypoint}} {{.Config.Healthcheck.Test}}' "$image"

log "start on a fresh /data volume"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
  console.log(s.address().port);
  s.close();
})')
podman volume create "$volume" >/dev/null
# podman 4.3 (Debian 12) schedules health checks with systemd timers; where systemd is not running it logs "unable to
# get systemd connection" at start and stop, and the check is run by hand below instead.
# The image's own port (8080) published on a free one of the host's loopback; a read-only root file system, /tmp too
# (all the server writes goes to /data); an empty TANDEM_ADMIN_PASSWORD and JAVA_TOOL_OPTIONS, as compose.yaml passes
# them when they are not set: the server must generate a password.
podman run -d --name "$name" --read-only --read-only-tmpfs=false -p "127.0.0.1:$port:8080" -v "$volume:/data" \
  -e TANDEM_ADMIN_PASSWORD= -e JAVA_TOOL_OPTIONS= "$image" >/dev/null
# The image's own health check, run by podman inside the container (no systemd here to run it on a timer).
health=unhealthy
for _ in $(seq 1 120); do
  if podman healthcheck run "$name" >/dev/null 2>&1; then health=healthy; break; fi
  [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] || break
  sleep 2
done
# The health check can pass a moment before the launcher's own probe does and it prints the ready line: wait for both.
for _ in $(seq 1 60); do
  podman logs "$name" >"$conf_dir/server.log" 2>&1 || true
  grep -q '^Tandem ready in' "$conf_dir/server.log" && break
  [ "$health" = healthy ] || break
  sleep 1
done
if [ "$health" != healthy ]; then
  tail -60 "$conf_dir/server.log"
  log "FAILED: the container did not become healthy"
  exit 1
fi
fail() { tail -40 "$conf_dir/server.log"; log "FAILED: $*"; exit 1; }
grep -q '^Tandem ready in' "$conf_dir/server.log" || fail "no ready line"
grep -q 'generated now and shown only once' "$conf_dir/server.log" \
  || fail "an empty TANDEM_ADMIN_PASSWORD did not generate a password"
body=$(curl -fsS "http://127.0.0.1:$port/health")
echo "$body"
echo "$body" | grep -q '"status" *: *"UP"' || fail "/health is not UP"
echo "$body" | grep -q '"name" *: *"database"' || fail "/health has no database check"
uid=$(podman exec "$name" stat -c %u /proc/1)
[ "$uid" = 10001 ] || fail "the server runs as uid $uid, not 10001"
log "healthy; the server runs as uid 10001"
t=$(date +%s)
podman stop --time 30 "$name" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
log "stopped in $(($(date +%s) - t)) s with exit code $code"
[ "$code" = 0 ] || [ "$code" = 143 ] || fail "exit code $code after SIGTERM"
podman run --rm --no-healthcheck -v "$volume:/data" --entrypoint sh "$image" -c \
  'ls -ln /data /data/db && test -s /data/db/tandem.mv.db' || fail "the H2 database is not in the /data volume"
podman rm "$name" >/dev/null

log "compat connect suite against the image"
(cd compat && TANDEM_COMPAT_CONTAINER_IMAGE="$image" TANDEM_COMPAT_ONLY=connect node run.mjs)

log "done in $(($(date +%s) - started)) s"
