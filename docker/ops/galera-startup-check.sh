#!/usr/bin/env bash
# Issue 12, start-up on a cluster. Against the 3-node Galera cluster of docker/ops/galera.sh (started here if it is
# not running, and then destroyed at the end unless KEEP_CLUSTER=1):
#  1. ROUNDS times (default 4): drops the database, starts 3 packaged replicas at the same moment, each on another
#     node, and checks that all become ready, that exactly one migrated, that every node's flyway_schema_history has
#     every version exactly once with success = 1 and no failed entry, and that no replica logged a deadlock, an
#     "already exists", a failed migration or any ERROR or WARN line;
#  2. readiness of a replica on node 2: DOWN while node 2 is desynced (wsrep_desync=ON), UP after; DOWN when nodes 1
#     and 3 are killed (node 2 alone is non-primary), UP once node 2 is bootstrapped again; nodes 1 and 3 rejoin.
# Prints the measured times; exits non-zero on the first failed check. Needs the packaged jar (built if missing),
# java, curl, openssl. Settings: the GALERA_* variables of galera.sh, ROUNDS, BASE_PORT (API ports BASE_PORT+1..3,
# management ports +1000), DB_NAME, JAR (another build to compare with, e.g. one from before the migration lock).
set -euo pipefail
OPS=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${ROUNDS:-4}
BASE_PORT=${BASE_PORT:-18480}
export DB_NAME=${DB_NAME:-ewallet_gstart}
PORT=$BASE_PORT
# shellcheck source=common.sh
source "$OPS/common.sh"
GALERA="$OPS/galera.sh"
JAR=${JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
GALERA_DIR=${GALERA_DIR:-/tmp/ewallet-galera}
PIDS=()
STARTED_CLUSTER=0

# The replicas' logs of each round stay in $LOGS (target/galera-startup-check) for a look after a failure.
LOGS=${LOGS:-$ROOT/target/galera-startup-check}
keep_logs() { mkdir -p "$LOGS/$1" && cp "$WORK"/replica-*.log "$LOGS/$1/" 2>/dev/null || true; }
fail() { echo "FAIL: $*" >&2; keep_logs "${ROUND:-readiness}-failed"; exit 1; }
now_ms() { date +%s%3N; }
node_port() {
    local base
    base=$(sed -n 's/^SQL_PORT=//p' "$GALERA_DIR/cluster.env" 2>/dev/null || true)
    echo $((${base:-${GALERA_SQL_PORT:-3307}} + $1 - 1))
}
gsql() { local n=$1; shift; "$GALERA" sql "$n" -N "$@"; }

stop_replicas() {
    for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
    PIDS=()
}
finish() {
    stop_replicas
    if [ "$STARTED_CLUSTER" = 1 ] && [ "${KEEP_CLUSTER:-0}" != 1 ]; then "$GALERA" destroy >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap finish EXIT

# start_replica I NODE: replica I (1-based) on Galera node NODE; its log is $WORK/replica-I.log.
start_replica() {
    local i=$1 node=$2
    WALLET_AUTH_PRIVATE_KEY_LOCATION="$WORK/private.pem" WALLET_AUTH_PUBLIC_KEY_LOCATION="$WORK/public.pem" \
        WALLET_DEVELOPER_SECRET_KEK_LOCATION="$WORK/app-secret.kek" LOG_JSON=false SHUTDOWN_DELAY=0s \
        DB_PORT=$(node_port "$node") PORT=$((BASE_PORT + i)) MANAGEMENT_PORT=$((BASE_PORT + 1000 + i)) WARM_UP=${WARM_UP:-0s} \
        java -XX:TieredStopAtLevel=1 -jar "$JAR" >"$WORK/replica-$i.log" 2>&1 &
    PIDS[i]=$!
}
ready_status() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((BASE_PORT + 1000 + $1))/q/health/ready" || true; }
# wait_status I STATUS SECONDS: milliseconds until replica I's readiness answers STATUS.
wait_status() {
    local i=$1 want=$2 limit=$3 t0
    t0=$(now_ms)
    while [ "$(ready_status "$i")" != "$want" ]; do
        if [ -n "${PIDS[i]:-}" ] && ! kill -0 "${PIDS[i]}" 2>/dev/null; then
            tail -40 "$WORK/replica-$i.log" >&2; fail "replica $i exited before its readiness answered $want"
        fi
        [ $(($(now_ms) - t0)) -lt $((limit * 1000)) ] || { tail -20 "$WORK/replica-$i.log" >&2; fail "replica $i: readiness not $want within ${limit}s"; }
        sleep 0.2
    done
    echo $(($(now_ms) - t0))
}

if ! "$GALERA" status >/dev/null 2>&1; then
    STARTED_CLUSTER=1
    "$GALERA" start
fi
build
# Every version the sources hold: SQL and Java migrations.
EXPECTED=$( (cd "$ROOT" && ls src/main/resources/db/migration/ src/main/java/db/migration/) | sed -n 's/^V\([0-9.]*\)__.*/\1/p' | sort -V | tr '\n' ' ')
echo "galera-startup-check: migrations $EXPECTED; $ROUNDS rounds of 3 replicas on nodes 1, 2, 3 of an empty database $DB_NAME"

rm -rf "$LOGS"
for round in $(seq 1 "$ROUNDS"); do
    ROUND=round-$round
    gsql 1 "DROP DATABASE IF EXISTS $DB_NAME"
    # The other nodes apply the DROP a moment after node 1 answers: wait until none has the database any more.
    for n in 1 2 3; do
        for _ in $(seq 1 100); do
            [ "$(gsql "$n" "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$DB_NAME'")" = 0 ] && break
            sleep 0.1
        done
        [ "$(gsql "$n" "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$DB_NAME'")" = 0 ] || fail "node $n still has $DB_NAME"
    done
    t0=$(now_ms)
    for i in 1 2 3; do start_replica "$i" "$i"; done
    times=()
    for i in 1 2 3; do wait_status "$i" 200 240 >/dev/null; times+=("$(($(now_ms) - t0))"); done
    all=$(($(now_ms) - t0))
    migrated=$(grep -l 'Successfully applied' "$WORK"/replica-*.log | wc -l)
    [ "$migrated" = 1 ] || fail "round $round: $migrated replicas applied migrations (want exactly 1)"
    waits=$(grep -ho 'lock taken by .* after [0-9]* ms' "$WORK"/replica-*.log | sed 's/.* after \([0-9]*\) ms/\1/' | tr '\n' ' ')
    for n in 1 2 3; do
        versions=$(gsql "$n" "SELECT version FROM $DB_NAME.flyway_schema_history WHERE success = 1 ORDER BY installed_rank" | sort -V | tr '\n' ' ')
        [ "$versions" = "$EXPECTED" ] || fail "round $round node $n: history [$versions], want [$EXPECTED]"
        bad=$(gsql "$n" "SELECT COUNT(*) FROM $DB_NAME.flyway_schema_history WHERE success = 0 OR version IN (SELECT version FROM $DB_NAME.flyway_schema_history GROUP BY version HAVING COUNT(*) > 1)")
        [ "$bad" = 0 ] || fail "round $round node $n: $bad failed or repeated history entries"
        [ "$(gsql "$n" "SELECT COUNT(*) FROM $DB_NAME.flyway_schema_lock")" = 0 ] || fail "round $round node $n: the migration lock is still held"
    done
    if grep -E '[Dd]eadlock|1213|already exists|Migration .* failed| ERROR | WARN ' "$WORK"/replica-*.log; then fail "round $round: errors in the replicas' logs (above)"; fi
    echo "round $round: all 3 ready in ${all} ms (replicas ${times[*]} ms after launch), 1 migrated, lock waits [${waits% }] ms; history identical on the 3 nodes, every version once, success = 1"
    stop_replicas
    keep_logs "$ROUND"
    rm -f "$WORK"/replica-*.log
done
ROUND=readiness

# Readiness follows node 2's state. Replica 2 only.
start_replica 2 2
wait_status 2 200 240 >/dev/null
gsql 2 "SET GLOBAL wsrep_desync = ON"
t=$(wait_status 2 503 30)
echo "node 2 desynced: readiness DOWN after $t ms ($(gsql 2 "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2))"
gsql 2 "SET GLOBAL wsrep_desync = OFF"
t=$(wait_status 2 200 30)
echo "node 2 synced again: readiness UP after $t ms"
"$GALERA" kill 1 >/dev/null
"$GALERA" kill 3 >/dev/null
t=$(wait_status 2 503 60)
echo "nodes 1 and 3 killed: readiness DOWN after $t ms ($(gsql 2 "SHOW STATUS LIKE 'wsrep_cluster_status'" | cut -f2))"
gsql 2 "SET GLOBAL wsrep_provider_options = 'pc.bootstrap=YES'"
t=$(wait_status 2 200 60)
echo "node 2 bootstrapped as the primary component: readiness UP after $t ms"
"$GALERA" restart 1 | tail -1
"$GALERA" restart 3 | tail -1
"$GALERA" status >/dev/null || fail "the cluster is not Synced again"
[ "$(ready_status 2)" = 200 ] || fail "replica 2 not ready after nodes 1 and 3 rejoined"
echo "galera-startup-check: OK"
