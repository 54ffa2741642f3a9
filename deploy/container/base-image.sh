#!/usr/bin/env bash
# Builds the base image of Tandem's container image from Debian packages, without a container runtime or a registry:
# Debian 12 (essential packages only) with a Java 17 runtime, curl for the health probe, the non-root user 'tandem'
# (uid and gid 10001) and its data directory /data. The result is a docker-archive tar (what 'docker save' writes),
# the format Jib reads as a `tar://` base image (`mvn -Pimage package`, see pom.xml).
#
#   deploy/container/base-image.sh [--force]     writes .cache/container/tandem-base.tar (or $TANDEM_IMAGE_BASE)
#
# Needs root (mmdebstrap's root mode; `apt-get install mmdebstrap`) and Debian's package mirror. A tar built from this
# script's current text is reused (the key is the script's hash), so CI builds it once per run and a developer once.
# Every timestamp is SOURCE_DATE_EPOCH, so the same script and the same package versions give the same files but one:
# Java's trust store (/etc/ssl/certs/java/cacerts), which keytool writes with a random salt (two builds compared).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${TANDEM_IMAGE_BASE:-$PWD/.cache/container/tandem-base.tar}
force=false
[ "${1:-}" = --force ] && force=true

SUITE=bookworm
JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
UID_GID=10001
# 2026-01-01: fixed, so that rebuilding gives the same tar; the packages' own dates stay theirs.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

key=$(sha256sum "$0" | cut -c1-16)
if ! $force && [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
  echo "[base-image] $out is up to date (key $key)"
  exit 0
fi
if ! command -v mmdebstrap >/dev/null; then
  echo "[base-image] mmdebstrap is missing: apt-get install mmdebstrap" >&2
  exit 1
fi

started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

# The health probe as a shell command, so that it follows TANDEM_HTTP_PORT. Jib copies a base image's HEALTHCHECK
# into the image it builds (Docker format only: the OCI image format has no health check), and has no setting of its
# own for one, so it is declared here.
probe='curl -fsS -o /dev/null --max-time 4 http://127.0.0.1:${TANDEM_HTTP_PORT:-8080}/health || exit 1'

# Essential packages (no apt, no init) plus the runtime, /usr merged as Debian 12 has it (mmdebstrap's hook: without
# it apt picks the usrmerge package, which brings perl); no documentation, manuals or translations, but the copyright
# files (update-alternatives still wants man1/ while Java installs). The user and /data are written directly (the
# essential set has no useradd): /data belongs to the user, so a fresh volume mounted there is theirs too.
mmdebstrap --variant=essential --quiet \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --include=openjdk-17-jre-headless,curl,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='rm -rf "$1/usr/share/man"' \
  --customize-hook="echo 'tandem:x:$UID_GID:$UID_GID:Tandem:/data:/usr/sbin/nologin' >> \"\$1/etc/passwd\"" \
  --customize-hook="echo 'tandem:x:$UID_GID:' >> \"\$1/etc/group\"" \
  --customize-hook="install -d -o $UID_GID -g $UID_GID -m 0750 \"\$1/data\"" \
  --customize-hook='rm -rf "$1"/var/cache/ldconfig/aux-cache "$1"/var/log/*' \
  --customize-hook='rm -rf "$1"/var/cache/debconf/*-old "$1"/var/lib/dpkg/*-old' \
  "$SUITE" "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 || { cat "$work/mmdebstrap.log"; exit 1; }

diff_id=$(sha256sum "$work/rootfs.tar" | cut -d' ' -f1)
gzip -n -6 "$work/rootfs.tar"
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
second=1000000000
cat >"$work/config.json" <<EOF
{
  "architecture": "amd64",
  "os": "linux",
  "created": "$created",
  "config": {
    "Env": [
      "PATH=$JAVA_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=$JAVA_HOME",
      "LANG=C.UTF-8"
    ],
    "User": "$UID_GID:$UID_GID",
    "WorkingDir": "/data",
    "Healthcheck": {
      "Test": ["CMD-SHELL", "$probe"],
      "Interval": $((10 * second)),
      "Timeout": $((5 * second)),
      "StartPeriod": $((180 * second)),
      "Retries": 3
    }
  },
  "rootfs": { "type": "layers", "diff_ids": ["sha256:$diff_id"] },
  "history": [
    { "created": "$created", "created_by": "deploy/container/base-image.sh: Debian $SUITE, Java 17 runtime, curl" }
  ]
}
EOF
cat >"$work/manifest.json" <<EOF
[{ "Config": "config.json", "RepoTags": ["tandem-base:$SUITE"], "Layers": ["rootfs.tar.gz"] }]
EOF
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$work" \
  -cf "$out.partial" manifest.json config.json rootfs.tar.gz
mv "$out.partial" "$out"
echo "$key" >"$out.key"
echo "[base-image] $out: $(du -h "$out" | cut -f1), built in $(($(date +%s) - started)) s"
