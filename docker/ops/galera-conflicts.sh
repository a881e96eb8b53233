#!/usr/bin/env bash
# Two replicas of the service on two nodes of a 3-node Galera cluster, under concurrent conflicting money traffic:
# does every client get a right answer while the cluster aborts transactions (certification failures, error 1213)?
# `docker/ops/galera-conflicts.sh --help` says how to use it; docs/operations.md, "Galera cluster (dev and CI)", why.
set -euo pipefail

usage() {
    cat <<USAGE
Usage: ${0##*/} [JAR]

Starts a 3-node Galera cluster (docker/ops/galera.sh, own directory and ports), the packaged jar (JAR, default
target/quarkus-app/quarkus-run.jar, built if missing) twice, replica A on node 1 and replica B on node 2, one after
the other, then sends CLIENTS concurrent clients of mixed money traffic split over both replicas for DURATION
seconds: a hot payer paying everyone, top-ups, wallet and bank transfers, each with a fresh Idempotency-Key, and
duplicates (one key and body sent to both replicas at the same moment). Then it checks, on every node: every
request answered 200 is in the ledger, every invariant of check-invariants.sql is 0. Prints the answers by kind and
exits 1 if a fresh key got 409, anything got 500, a duplicate pair did not agree, or a check failed.
The cluster is destroyed at the end unless KEEP_CLUSTER=1.

Environment (defaults in brackets):
  GALERA_DIR [/tmp/ewallet-galera-conflicts]  GALERA_SQL_PORT [3317]  GALERA_GCOMM_PORT [4717]
  GALERA_IST_PORT [4727]  GALERA_SST_PORT [4737]           the cluster (see galera.sh --help)
  PORT_A [18281]  PORT_B [18282]                           API ports; management ports are +1000
  CLIENTS [12]  DURATION [40]  USERS [8]                  the traffic
  DB_NAME [ewallet_conflicts]  KEEP_CLUSTER [0]
  KILL_NODE [none]        kill -9 this node a quarter into the traffic, restart it 5 s later (rejoins by IST):
                          nothing may get 500, every 503 must carry Retry-After
  ISOLATE_NODE [none]     cut this node off (gmcast.isolate) for 15 s a quarter into the traffic: it answers 1047
USAGE
}
[ "${1:-}" = -h ] || [ "${1:-}" = --help ] && { usage; exit 0; }

OPS=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$OPS/../.." && pwd)
JAR=${1:-$ROOT/target/quarkus-app/quarkus-run.jar}
export GALERA_DIR=${GALERA_DIR:-/tmp/ewallet-galera-conflicts}
export GALERA_SQL_PORT=${GALERA_SQL_PORT:-3317} GALERA_GCOMM_PORT=${GALERA_GCOMM_PORT:-4717}
export GALERA_IST_PORT=${GALERA_IST_PORT:-4727} GALERA_SST_PORT=${GALERA_SST_PORT:-4737}
PORT_A=${PORT_A:-18281} PORT_B=${PORT_B:-18282}
export CLIENTS=${CLIENTS:-12} DURATION=${DURATION:-40} USERS=${USERS:-8}
export DB_NAME=${DB_NAME:-ewallet_conflicts} GALERA_GCACHE=${GALERA_GCACHE:-32M}
WORK=$(mktemp -d)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ "${KEEP_CLUSTER:-0}" = 1 ] || "$OPS/galera.sh" destroy >/dev/null 2>&1 || true
    echo "service logs: $WORK/replica-*.log"
}
trap cleanup EXIT

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl rsa -in "$WORK/private.pem" -pubout -out "$WORK/public.pem" 2>/dev/null
openssl rand -base64 32 >"$WORK/app-secret.kek"

"$OPS/galera.sh" start

# replica NAME NODE PORT: the jar on node NODE, waiting until it is ready.
replica() {
    local name=$1 node=$2 port=$3 management=$(($3 + 1000)) t=0
    DB_PORT=$((GALERA_SQL_PORT + node - 1)) PORT=$port MANAGEMENT_PORT=$management LOG_JSON=false \
        WALLET_AUTH_PRIVATE_KEY_LOCATION="$WORK/private.pem" WALLET_AUTH_PUBLIC_KEY_LOCATION="$WORK/public.pem" \
        WALLET_DEVELOPER_SECRET_KEK_LOCATION="$WORK/app-secret.kek" WALLET_AUTH_COOKIE_SECURE=false \
        WALLET_USERS_REGISTRATIONS_PER_ADDRESS=1000000 WARM_UP=${WARM_UP:-0s} \
        java -jar "$JAR" >>"$WORK/replica-$name.log" 2>&1 &
    PIDS+=($!)
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$management/q/health/ready" || true)" = 200 ]; do
        sleep 0.5; t=$((t + 1))
        [ $t -lt 240 ] || { echo "replica $name not ready in 120 s" >&2; tail -20 "$WORK/replica-$name.log" >&2; exit 1; }
    done
    echo "replica $name on node $node: ready in $((t / 2)) s"
}
# One after the other: replicas starting together on different nodes is Flyway's problem (issue 12), not this one's.
replica A 1 "$PORT_A"
replica B 2 "$PORT_B"

export BASES="http://127.0.0.1:$PORT_A http://127.0.0.1:$PORT_B" WORK
if [ -n "${KILL_NODE:-}${ISOLATE_NODE:-}" ]; then
    python3 "$OPS/galera-traffic.py" &
    traffic=$!
    sleep $((DURATION / 4 + 10))   # the traffic starts after registering its users
    if [ -n "${KILL_NODE:-}" ]; then
        "$OPS/galera.sh" kill "$KILL_NODE"
        sleep 5
        "$OPS/galera.sh" restart "$KILL_NODE"
    else
        # Cut off from the others, the node leaves the primary component about 5 s later and answers 1047.
        "$OPS/galera.sh" sql "$ISOLATE_NODE" "SET GLOBAL wsrep_provider_options='gmcast.isolate=1'"
        sleep 15
        "$OPS/galera.sh" sql "$ISOLATE_NODE" "SET GLOBAL wsrep_provider_options='gmcast.isolate=0'"
        echo "node $ISOLATE_NODE isolated for 15 s (non-primary, error 1047, from about 5 s in), then let back"
    fi
    wait $traffic
else
    python3 "$OPS/galera-traffic.py"
fi

failed=0
for node in 1 2 3; do
    refs=$("$OPS/galera.sh" sql "$node" -N -D"$DB_NAME" "SELECT DISTINCT reference FROM ledger_entries" | sort)
    missing=$(comm -23 <(sort -u "$WORK/references") <(echo "$refs") | wc -l)
    bad=$("$OPS/galera.sh" sql "$node" -N -D"$DB_NAME" <"$OPS/check-invariants.sql" | awk '$NF != 0' | wc -l)
    rows=$("$OPS/galera.sh" sql "$node" -N -D"$DB_NAME" "SELECT (SELECT COUNT(*) FROM ledger_entries), (SELECT SUM(balance) FROM accounts)" | tr '\t' ' ')
    echo "node $node: answered 200 but not in the ledger: $missing; invariants not 0: $bad; ledger rows, balances: $rows"
    [ "$missing" = 0 ] && [ "$bad" = 0 ] || failed=1
done
[ -f "$WORK/failed" ] && failed=1
echo "aborted transactions run again (replica A, B): $(grep -ho 'wallet_transactions_retried_total [0-9.]*' <(curl -s "http://127.0.0.1:$((PORT_A + 1000))/q/metrics") <(curl -s "http://127.0.0.1:$((PORT_B + 1000))/q/metrics") | awk '{print $2}' | paste -sd' ')"
[ $failed = 0 ] && echo "PASS" || echo "FAIL"
exit $failed
