#!/usr/bin/env bash
# What a Galera cluster costs in throughput: bench/run.sh with one replica on the plain server, then one and two
# replicas on a 3-node Galera cluster on loopback (docker/ops/galera.sh, reached through its HAProxy listeners), two
# replicas through one listener (one write node), and one replica with causal reads off (wsrep_sync_wait=0); each
# with the database's own ceiling measured on the same endpoint in the same run and the invariants checked on every
# node. Prints one table; bench/README.md explains it.
#   bench/cluster.sh                                   # wallet and hot transfers at 64 connections
#   SCENARIOS="wallet hot bank" CONNECTIONS="16 64" bench/cluster.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OPS=$ROOT/docker/ops
OUT=$ROOT/bench/out
# Its own cluster, beside the dev cluster's and the tests' ports; destroyed at the end unless KEEP_CLUSTER=1.
export GALERA_DIR=${GALERA_DIR:-/tmp/ewallet-galera-bench} GALERA_SQL_PORT=${GALERA_SQL_PORT:-3347}
export GALERA_GCOMM_PORT=${GALERA_GCOMM_PORT:-4867} GALERA_IST_PORT=${GALERA_IST_PORT:-4877}
export GALERA_SST_PORT=${GALERA_SST_PORT:-4887} GALERA_PROXY_PORT=${GALERA_PROXY_PORT:-3350}
export USERS=${USERS:-2000} SESSIONS_COUNT=${SESSIONS_COUNT:-500} SCENARIOS=${SCENARIOS:-"wallet hot"}
export CONNECTIONS=${CONNECTIONS:-64} RESTARTS=0 CURVE="" DURATION=${DURATION:-15} WARMUP=${WARMUP:-10}
NODES="$GALERA_SQL_PORT $((GALERA_SQL_PORT + 1)) $((GALERA_SQL_PORT + 2))"
mkdir -p "$OUT"
trap '[ "${KEEP_CLUSTER:-0}" = 1 ] || "$OPS/galera.sh" destroy >/dev/null 2>&1 || true' EXIT

"$OPS/galera.sh" start
"$OPS/galera.sh" proxy >/dev/null
sync_wait() { for port in $NODES; do mariadb -uroot -h127.0.0.1 -P"$port" -e "SET GLOBAL wsrep_sync_wait = $1"; done; }

# run LABEL ENV...: bench/run.sh with the settings, its table kept as bench/out/cluster-LABEL.txt.
run() {
    local label=$1
    shift
    echo "== $label" >&2
    env "$@" "$ROOT/bench/run.sh" >/dev/null
    cp "$OUT/results.txt" "$OUT/cluster-$label.txt"
}
run plain DB_PORT=3306
run galera-1 DB_PORT="$GALERA_PROXY_PORT" CHECK_PORTS="$NODES"
run galera-2 DB_PORT="$GALERA_PROXY_PORT" DB_PORT_2=$((GALERA_PROXY_PORT + 1)) CHECK_PORTS="$NODES"
run galera-2-one-writer DB_PORT="$GALERA_PROXY_PORT" DB_PORT_2="$GALERA_PROXY_PORT" CHECK_PORTS="$NODES"
sync_wait 0
run galera-1-no-sync-wait DB_PORT="$GALERA_PROXY_PORT" CHECK_PORTS="$NODES"
sync_wait 1

# One table: each configuration's rows, its req/s as a share of the plain server's for the same row, and whether
# every invariant was 0 on every node it checked.
{
    printf '%-24s %-8s %5s %9s %8s %12s %9s %9s %11s\n' configuration scenario conns req/s p99_ms ceiling_tps \
        ceil_p99 of_plain invariants
    for label in plain galera-1 galera-2 galera-2-one-writer galera-1-no-sync-wait; do
        bad=$(awk '/^\| / && $(NF-1) ~ /^[0-9]+$/ && $(NF-1) != 0' "$OUT/cluster-$label.txt" | wc -l)
        awk -v label="$label" -v bad="$bad" -v plain="$OUT/cluster-plain.txt" '
            BEGIN { while ((getline line < plain) > 0) { split(line, f, " "); if (f[2] ~ /^[0-9]+$/ && f[3] ~ /^[0-9.]+$/) base[f[1] " " f[2]] = f[3] } }
            $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9.]+$/ {
                share = base[$1 " " $2] > 0 ? sprintf("%.0f%%", 100 * $3 / base[$1 " " $2]) : "-"
                printf "%-24s %-8s %5s %9s %8s %12s %9s %9s %11s\n", label, $1, $2, $3, $6, $9, $10, share, bad == 0 ? "all 0" : bad " not 0"
            }' "$OUT/cluster-$label.txt"
    done
} | tee "$OUT/cluster-results.txt"
