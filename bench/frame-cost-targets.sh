#!/usr/bin/env bash
# Per-frame cost of the realtime endpoint on each deployment target, one after the other in one run (issue 21,
# part 3): Payara Micro through the launcher (bench/frame-cost.mjs starts it), then the EAR on Payara Server and on
# WildFly (.ci/full-servers.sh deploys each on PostgreSQL and runs bench/frame-cost.mjs against it instead of the
# compat files). Prints one JSON line per measured interval, each naming its target; see bench/README.md.
#
# After `mvn package -DskipTests`, `mvn -f ear/pom.xml package` and `cd compat && npm ci`, with a PostgreSQL as
# .ci/full-servers.sh needs it:
#   TANDEM_TEST_PG_HOST=127.0.0.1 TANDEM_TEST_PG_PORT=55432 TANDEM_TEST_PG_USER=postgres bash bench/frame-cost-targets.sh
# FRAME_COST_TARGETS picks targets (default "payara-micro payara-server wildfly"), FRAME_COST_ARGS the intervals
# (default "--warmup 30 --seconds 6 --repeat 3").
set -euo pipefail
cd "$(dirname "$0")/.."
targets=${FRAME_COST_TARGETS:-payara-micro payara-server wildfly}
args=${FRAME_COST_ARGS:---warmup 30 --seconds 6 --repeat 3}
# The two per-frame figures bench/README.md compares: a round trip (one frame in, one out) and a broadcast without a
# database commit (outbound frames).
modes=(
  "--mode echo --connections 16 --window 4"
  "--mode fanout --message reference --readers 32 --window 16"
)

run_modes() { # extra arguments for bench/frame-cost.mjs (the server, if started elsewhere)
  for mode in "${modes[@]}"; do
    # shellcheck disable=SC2086
    node bench/frame-cost.mjs $mode $args "$@"
  done
}

servers=()
for target in $targets; do
  case $target in
    payara-micro) run_modes --target payara-micro ;;
    payara-server) servers+=(payara) ;;
    wildfly) servers+=(wildfly) ;;
    *) echo "unknown target $target (payara-micro, payara-server, wildfly)" >&2 && exit 1 ;;
  esac
done
if ((${#servers[@]} > 0)); then
  modes_quoted=$(printf '%q ' "${modes[@]}")
  TANDEM_FULL_SERVERS="${servers[*]}" TANDEM_FULL_SERVERS_RUN="
    for mode in $modes_quoted; do
      node bench/frame-cost.mjs \$mode $args --port \"\$TANDEM_TARGET_PORT\" --server-pid \"\$TANDEM_TARGET_PID\" \
        --target \"\$TANDEM_TARGET\"
    done" bash .ci/full-servers.sh
fi
