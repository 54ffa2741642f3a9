#!/usr/bin/env bash
# Deploys the EAR (ear/target/tandem.ear) on the full servers and runs a subset of the compat suite against each with
# the real rc.12 client (issue 21): for each server a fresh PostgreSQL database, the server's own data sources on it
# created with the server's own CLI, the EAR deployed, its health and a REST login checked, then the compat files
# below, then the server stopped. A failed step (download, start, data source, deployment, health, test) fails.
#
# Called by .ci/run after the main test command; usable by hand after `mvn package -DskipTests` and
# `mvn -f ear/pom.xml package` (ear/target/tandem.ear for Payara Server, ear/target/tandem-wildfly.ear for WildFly), with
# a PostgreSQL whose user may create databases:
#   TANDEM_TEST_PG_HOST=127.0.0.1 TANDEM_TEST_PG_PORT=55432 TANDEM_TEST_PG_USER=postgres bash .ci/full-servers.sh
# TANDEM_FULL_SERVERS picks the servers (default "payara wildfly"), TANDEM_FULL_SERVERS_PORT_BASE their ports (default
# 28000: Payara's admin port is base+48, HTTP base+80; WildFly's HTTP base+180, management base+190), TANDEM_COMPAT_ONLY
# the compat files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

servers=${TANDEM_FULL_SERVERS:-payara wildfly}
port_base=${TANDEM_FULL_SERVERS_PORT_BASE:-28000}
# Files that need no restart and no server started by the runner itself (crash, durability and first-start do):
# connect (and auto-reconnect through a proxy), models (co-editing, with the REST models sample), resync, chat (and
# the REST chats), presence, the REST sample: login, sessions, API keys, single sign-on (rest-auth), domains; and
# OpenAPI, health and the metrics' names (rest-observability).
export TANDEM_COMPAT_ONLY=${TANDEM_COMPAT_ONLY:-connect,models,resync,chat,presence,rest-auth,rest-domains,rest-observability}
: "${TANDEM_TEST_PG_HOST:?needs a PostgreSQL: set TANDEM_TEST_PG_HOST, _PORT, _USER, _PASSWORD}"
pg_port=${TANDEM_TEST_PG_PORT:-5432}
pg_user=${TANDEM_TEST_PG_USER:-postgres}
pg_password=${TANDEM_TEST_PG_PASSWORD:-}

log() { echo "[full-servers] $*"; }
fail() { echo "[full-servers] FAILED: $*" >&2; exit 1; }

ear=$root/ear/target/tandem.ear
wildfly_ear=$root/ear/target/tandem-wildfly.ear
for f in "$ear" "$wildfly_ear"; do
  [ -f "$f" ] || fail "$f is missing: build it with 'mvn package -DskipTests && mvn -f ear/pom.xml package'"
done

work=$(mktemp -d /tmp/tandem-full-servers-XXXXXX)
log "work directory $work"

# The distributions from Maven Central, unpacked under deploy/target (and the PostgreSQL driver beside them).
skips=()
[[ " $servers " == *" payara "* ]] || skips+=(-Dskip.payara)
[[ " $servers " == *" wildfly "* ]] || skips+=(-Dskip.wildfly)
mvn -B -ntp -q -f deploy/pom.xml package "${skips[@]}"
driver=$root/deploy/target/drivers/postgresql.jar

[ -d compat/node_modules ] || (cd compat && npm ci --no-audit --no-fund --loglevel=error)
# Seed file, fixtures and the settings the server starts with (admin password, SSO issuer, limits the tests expect).
(cd compat && node run.mjs --prepare "$work/fixtures")

fresh_database() {
  local name=$1
  PGPASSWORD=$pg_password createdb -h "$TANDEM_TEST_PG_HOST" -p "$pg_port" -U "$pg_user" "$name"
}

# Waits until the URL answers 200 (the application is deployed and its database reachable).
wait_for() {
  local url=$1 seconds=$2 i
  for ((i = 0; i < seconds; i++)); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 1
  done
  return 1
}

# A REST login as the fixtures' server admin: the application answers and reads its database.
check_login() {
  local http=$1 body password
  # shellcheck disable=SC1091
  password=$(source "$work/fixtures/server.env" && echo "$TANDEM_ADMIN_PASSWORD")
  body=$(curl -fsS -X POST "http://127.0.0.1:$http/api/rest/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}") || return 1
  [[ $body == *'"ok":true'* && $body == *'"token"'* ]]
}

run_compat() {
  local name=$1 http=$2 server_log=$3 health=${4:-$2} kind=${5:-payara}
  log "$name: compat ($TANDEM_COMPAT_ONLY) against port $http"
  (cd compat && node run.mjs --port "$http" --fixtures "$work/fixtures" --server-log "$server_log" --database postgres \
    --health-port "$health" --server "$kind")
}

# Each server's function fails the script at the first failed step (its EXIT trap stops the server); a failed compat
# run is recorded, the server stopped, and the next server still tested.
compat_failed=()

payara_server() {
  local started home asadmin domains admin http db
  started=$(date +%s)
  home=$root/deploy/target/payara6
  domains=$work/payara-domains
  admin=$((port_base + 48))
  http=$((port_base + 80))
  db=tandem_payara_$(date +%s)
  asadmin="$home/bin/asadmin"
  [ -x "$asadmin" ] || fail "Payara Server is missing in $home"
  fresh_database "$db"

  log "Payara Server: domain on ports $admin (admin) and $http (HTTP)"
  "$asadmin" create-domain --domaindir "$domains" --portbase "$port_base" --nopassword=true tandem >/dev/null
  # The server's data sources need the driver on the server's class path (the domain's lib directory).
  cp "$driver" "$domains/tandem/lib/"
  # Set before the first start (asadmin set on a running domain restarts the listener, which then sometimes stayed
  # down): the heap as Tandem's tests give Payara Micro (1 GiB, not 512 MiB), HTTP on loopback only, and Grizzly's
  # header buffer raised from 8 KiB to Tandem's 64 KiB (README, Configuration: tandem.http.max-header-bytes).
  local config=$domains/tandem/config/domain.xml
  sed -i -e 's/-Xmx512m/-Xmx1g/' \
    -e "0,/<network-listener port=\"$http\" /s//<network-listener address=\"127.0.0.1\" port=\"$http\" /" \
    -e '0,/<http default-virtual-server="server" /s//<http header-buffer-length-bytes="65536" default-virtual-server="server" /' \
    "$config"
  # One line per record in server.log (Payara's default starts a record's message on a line of its own): the compat
  # tests look for a record's level and message together.
  local logging=$domains/tandem/config/logging.properties
  sed -i 's/^\(com.sun.enterprise.server.logging.GFFileHandler.multiLineMode=\).*/\1false/' "$logging"
  grep -q 'GFFileHandler.multiLineMode=false' "$logging" || fail "could not set Payara's log format in $logging"
  grep -q -- '-Xmx1g' "$config" && grep -q "address=\"127.0.0.1\" port=\"$http\"" "$config" &&
    grep -q 'header-buffer-length-bytes="65536"' "$config" || fail "could not set up $config"
  # The server inherits this environment: the compat settings (seed file, admin password, SSO) and a data directory.
  (
    # shellcheck disable=SC1091
    source "$work/fixtures/server.env"
    export TANDEM_DATA_DIR=$work/payara-data
    "$asadmin" start-domain --domaindir "$domains" tandem >/dev/null
  ) || fail "Payara Server did not start; see $domains/tandem/logs/server.log"
  trap 'payara_stop' EXIT
  local a=("$asadmin" --host 127.0.0.1 --port "$admin")

  log "Payara Server: data sources on PostgreSQL database $db (asadmin)"
  # Payara refuses a pool whose password property is missing, even for a database that asks for none: "" is empty.
  local props="serverName=$TANDEM_TEST_PG_HOST:portNumber=$pg_port:databaseName=$db:user=$pg_user:password=${pg_password:-\"\"}"
  "${a[@]}" create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
    --restype javax.sql.DataSource --steadypoolsize 2 --maxpoolsize 32 --property "$props" tandem-pool >/dev/null
  "${a[@]}" create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
    --restype javax.sql.DataSource --steadypoolsize 1 --maxpoolsize 8 --nontransactionalconnections=true \
    --property "$props" tandem-log-pool >/dev/null
  "${a[@]}" ping-connection-pool tandem-pool >/dev/null
  "${a[@]}" create-jdbc-resource --connectionpoolid tandem-pool jdbc/tandem >/dev/null
  "${a[@]}" create-jdbc-resource --connectionpoolid tandem-log-pool jdbc/tandem-log >/dev/null

  log "Payara Server: deploying $ear"
  "${a[@]}" deploy --name tandem "$ear" || fail "the EAR did not deploy on Payara Server; see $domains/tandem/logs/server.log"
  wait_for "http://127.0.0.1:$http/health/ready" 120 || fail "Payara Server: /health/ready did not answer 200"
  check_login "$http" || fail "Payara Server: the REST login as admin failed"
  log "Payara Server: deployed, healthy and signing in after $(($(date +%s) - started)) s"

  run_compat "Payara Server" "$http" "$domains/tandem/logs/server.log" || compat_failed+=("Payara Server")
  payara_stop
  trap - EXIT
  log "Payara Server: done in $(($(date +%s) - started)) s"
}

payara_stop() {
  local home=$root/deploy/target/payara6 domains=$work/payara-domains pid
  "$home/bin/asadmin" stop-domain --domaindir "$domains" tandem >/dev/null 2>&1 || true
  pid=$(cat "$domains/tandem/config/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" || true; fi
}

# WildFly 39 with standalone-microprofile.xml (no EJB container: Tandem's start-up work is plain CDI), EclipseLink as
# a server module, the data sources created with jboss-cli, and the WildFly variant of the EAR (its application.xml
# names java:/jdbc/tandem and java:/jdbc/tandem-log). Health answers on the management port (README, Deploy: WildFly).
wildfly_server() {
  local started home cli base http mgmt db module pid
  started=$(date +%s)
  home=$root/deploy/target/wildfly-39.0.1.Final
  base=$work/wildfly
  http=$((port_base + 180))
  mgmt=$((port_base + 190))
  db=tandem_wildfly_$(date +%s)
  [ -x "$home/bin/standalone.sh" ] || fail "WildFly is missing in $home"
  fresh_database "$db"
  # EclipseLink joins WildFly's own org.eclipse.persistence module (which holds only WildFly's integration), with the
  # JDK modules it needs; persistence.xml's <provider> makes WildFly use that module.
  module=$home/modules/system/layers/base/org/eclipse/persistence/main
  if ! grep -q 'eclipselink.jar' "$module/module.xml"; then
    cp "$root/deploy/target/drivers/eclipselink.jar" "$module/"
    sed -i -e 's#<resources>#&\n        <resource-root path="eclipselink.jar"/>#' \
      -e 's#<module name="java.naming"/>#&\n        <module name="java.rmi"/>\n        <module name="java.sql"/>\n        <module name="java.xml"/>\n        <module name="java.desktop"/>\n        <module name="jdk.unsupported"/>#' \
      "$module/module.xml"
  fi
  rm -rf "$base" && cp -r "$home/standalone" "$base"
  log "WildFly: standalone-microprofile.xml on ports $http (HTTP) and $mgmt (management)"
  (
    # shellcheck disable=SC1091
    source "$work/fixtures/server.env"
    export TANDEM_DATA_DIR=$work/wildfly-data
    export LAUNCH_JBOSS_IN_BACKGROUND=1 # standalone.sh then passes a TERM on to the server
    export JBOSS_JAVA_SIZING="-Xms64m -Xmx1g" # the heap Payara gets here (WildFly's default is 512 MiB)
    nohup "$home/bin/standalone.sh" -c standalone-microprofile.xml -Djboss.server.base.dir="$base" \
      -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
      -Djboss.http.port="$http" -Djboss.management.http.port="$mgmt" -Djboss.https.port=$((port_base + 181)) \
      >"$base/console.log" 2>&1 &
    echo $! >"$base/standalone.pid"
  )
  trap 'wildfly_stop' EXIT
  cli=("$home/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$mgmt")
  # The management port's readiness answers 200 once the server is running (each jboss-cli call starts a JVM: poll
  # with curl, and give jboss-cli the data sources in one file).
  wait_for "http://127.0.0.1:$mgmt/health/ready" 120 || fail "WildFly did not start; see $base/console.log"

  log "WildFly: data sources on PostgreSQL database $db (jboss-cli)"
  local url="jdbc:postgresql://$TANDEM_TEST_PG_HOST:$pg_port/$db"
  cat >"$base/data-sources.cli" <<CLI
deploy $driver
data-source add --name=tandem --jndi-name=java:/jdbc/tandem --driver-name=postgresql.jar --connection-url=$url --user-name=$pg_user --password=${pg_password:-none} --min-pool-size=2 --max-pool-size=32
data-source add --name=tandem-log --jndi-name=java:/jdbc/tandem-log --jta=false --driver-name=postgresql.jar --connection-url=$url --user-name=$pg_user --password=${pg_password:-none} --min-pool-size=1 --max-pool-size=8
CLI
  "${cli[@]}" --file="$base/data-sources.cli" >/dev/null || fail "WildFly: the data sources could not be created"

  # The WildFly variant of the EAR binds the application's names to these java:/ data sources (ear/pom.xml).
  log "WildFly: deploying $wildfly_ear"
  "${cli[@]}" --command="deploy $wildfly_ear" || fail "the EAR did not deploy on WildFly; see $base/log/server.log"
  # WildFly serves MicroProfile Health on its management port.
  wait_for "http://127.0.0.1:$mgmt/health/ready" 120 || fail "WildFly: /health/ready did not answer 200"
  check_login "$http" || fail "WildFly: the REST login as admin failed"
  log "WildFly: deployed, healthy and signing in after $(($(date +%s) - started)) s"
  # Health is on the management port; Tandem's own /api/metrics and WildFly's /openapi are on the HTTP port.
  run_compat WildFly "$http" "$base/log/server.log" "$mgmt" wildfly || compat_failed+=(WildFly)
  wildfly_stop
  trap - EXIT
  log "WildFly: done in $(($(date +%s) - started)) s"
}

wildfly_stop() {
  local home=$root/deploy/target/wildfly-39.0.1.Final pid
  "$home/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$((port_base + 190))" --command=shutdown >/dev/null 2>&1 || true
  pid=$(cat "$work/wildfly/standalone.pid" 2>/dev/null || true)
  sleep 2
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -- "$pid" || true; fi
}

for server in $servers; do
  case $server in
    payara) payara_server ;;
    wildfly) wildfly_server ;;
    *) fail "unknown server $server (payara, wildfly)" ;;
  esac
done
((${#compat_failed[@]} == 0)) || fail "compat on ${compat_failed[*]} (logs under $work)"
# The servers' files are hundreds of megabytes; a failed run keeps them for its logs.
rm -rf "$work"
log "all passed"
