#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback, beside the plain server, for development and CI.
# `docker/ops/galera.sh --help` says how to use it; docs/operations.md, "Galera cluster (dev and CI)", says why.
set -euo pipefail

PROG=${0##*/}

usage() {
    cat <<EOF
Usage: $PROG COMMAND [ARGS]

A 3-node MariaDB Galera cluster on 127.0.0.1 for development and CI. It runs beside the plain server
on 3306 and never touches it: every node reads only its own config (--defaults-file). Nodes run as the
mysql user from data directories under \$GALERA_DIR; root has no password over TCP, as on the plain server.

Commands:
  start         Install galera-4 and rsync with apt-get if missing, then start the cluster and wait until
                every node is Synced; prints one status line. A new cluster: node 1 bootstraps, nodes 2
                and 3 join by rsync SST. Existing data directories: bootstraps the node Galera marked
                safe_to_bootstrap, or else (all nodes crashed) the one with the highest recovered seqno;
                the others rejoin by IST where the gcache allows. A running cluster is only reported.
  status        Per node: SQL port, pid, running, wsrep_cluster_size, wsrep_local_state_comment,
                wsrep_ready. Exits 1 unless every node runs and is Synced in one cluster.
  stop          Shut every node down cleanly (SIGTERM; node 1 last, so it is the one safe to bootstrap).
  destroy       Stop, then delete \$GALERA_DIR.
  kill N        kill -9 node N.
  restart N     Stop node N if it runs, recover its position (mariadbd --wsrep-recover), start it with
                --wsrep_start_position=uuid:seqno and wait until it is Synced; says whether it caught up
                by IST (incremental), by SST (full copy) or needed no transfer.
  proxy         Start HAProxy (installed with apt-get if missing) in front of the nodes, or restart it: listener
                i (port GALERA_PROXY_PORT + i - 1) sends every connection to node i while it is Synced and ready,
                else to the next node in order that is, and stays there (no fail-back: one write node per
                listener). A node is marked down after docker/ops/galera-node-check.sh fails three times (checked
                every 2 s), or at its first refused connection, and its connections are cut; up again after two
                passes. Prints where each listener goes.
  proxy-status  Per listener: the node it sends connections to, and every node's state as HAProxy sees it.
  proxy-stop    Stop HAProxy.
  sql N [OPT...] [STMT]
                Run STMT on node N, or SQL from stdin: mariadb -uroot -h127.0.0.1 -P<port of N> with the
                client options OPT (those starting with -, e.g. -Dewallet -N).
  -h, --help    This text.

Environment, read when the cluster is created and then remembered in \$GALERA_DIR/cluster.env:
  GALERA_SQL_PORT    SQL port of node 1, +1 for each next node          (default 3307: 3307 3308 3309)
  GALERA_GCOMM_PORT  group communication port of node 1, +1 per node   (default 4567)
  GALERA_IST_PORT    IST receive port of node 1, +1 per node           (default 4577)
  GALERA_SST_PORT    rsync SST receive port of node 1, +1 per node     (default 4444)
  GALERA_GCACHE      gcache.size, how many writes a node can catch up on by IST (default 128M)
  GALERA_PROXY_PORT  HAProxy listener 1 (node 1 first), +1 per next node (default 3310: 3310 3311 3312)
Read every time:
  GALERA_DIR         data directories, configs and logs                (default /tmp/ewallet-galera)
  GALERA_TIMEOUT     seconds to wait for a node to become Synced       (default 180)
  GALERA_EXTRA_CNF   a file of extra [mysqld] settings every node includes (e.g. wsrep_slave_threads=4)

Files: \$GALERA_DIR/nodeN/my.cnf, data/, error.log (the node's log: state transfers are logged there).

Examples:
  $PROG start && DB_PORT=3307 java -jar target/quarkus-app/quarkus-run.jar
  $PROG sql 2 'CREATE DATABASE demo'; $PROG sql 3 'SHOW DATABASES'
  $PROG sql 1 -Dewallet < docker/ops/check-invariants.sql
  $PROG kill 2; $PROG sql 1 'INSERT ...'; $PROG restart 2   # -> "node 2 rejoined by IST ..."
  $PROG proxy && DB_PORT=3310 java -jar target/quarkus-app/quarkus-run.jar   # node 1, failing over to 2, then 3
  $PROG destroy
EOF
}

NODES=3
GALERA_DIR=${GALERA_DIR:-/tmp/ewallet-galera}
GALERA_DIR=${GALERA_DIR%/}
TIMEOUT=${GALERA_TIMEOUT:-180}
MARIADBD=/usr/sbin/mariadbd
PROVIDER=/usr/lib/galera/libgalera_smm.so
RUN_AS=mysql
CLUSTER_NAME=ewallet-dev

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "$*"; exit 1; }

# Millisecond clock and "12.3 s" formatting for the timings the commands report.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
since() { local ms=$(($(now_ms) - $1)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

# ---- settings: environment on creation, cluster.env afterwards ----------------------------------------------

load_settings() {
    SQL_PORT=${GALERA_SQL_PORT:-3307}
    GCOMM_PORT=${GALERA_GCOMM_PORT:-4567}
    IST_PORT=${GALERA_IST_PORT:-4577}
    SST_PORT=${GALERA_SST_PORT:-4444}
    GCACHE=${GALERA_GCACHE:-128M}
    PROXY_PORT=${GALERA_PROXY_PORT:-3310}
    local env_file=$GALERA_DIR/cluster.env key value
    if [ -f "$env_file" ]; then
        while IFS='=' read -r key value; do
            case $key in
                SQL_PORT) SQL_PORT=$value ;;
                GCOMM_PORT) GCOMM_PORT=$value ;;
                IST_PORT) IST_PORT=$value ;;
                SST_PORT) SST_PORT=$value ;;
                GCACHE) GCACHE=$value ;;
                PROXY_PORT) PROXY_PORT=$value ;;
            esac
        done <"$env_file"
    fi
    local port
    for port in "$SQL_PORT" "$GCOMM_PORT" "$IST_PORT" "$SST_PORT" "$PROXY_PORT"; do
        if ! [[ $port =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -ge 65530 ]; then die "not a port: '$port'"; fi
    done
    [[ $GCACHE =~ ^[0-9]+[KMG]?$ ]] || die "GALERA_GCACHE must look like 128M, not '$GCACHE'"
}

save_settings() {
    printf 'SQL_PORT=%s\nGCOMM_PORT=%s\nIST_PORT=%s\nSST_PORT=%s\nGCACHE=%s\nPROXY_PORT=%s\n' \
        "$SQL_PORT" "$GCOMM_PORT" "$IST_PORT" "$SST_PORT" "$GCACHE" "$PROXY_PORT" >"$GALERA_DIR/cluster.env"
}

node_dir() { echo "$GALERA_DIR/node$1"; }
cnf() { echo "$GALERA_DIR/node$1/my.cnf"; }
errlog() { echo "$GALERA_DIR/node$1/error.log"; }
sql_port() { echo $((SQL_PORT + $1 - 1)); }

check_node() {
    if ! [[ ${1:-} =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt "$NODES" ]; then
        die "node must be 1 to $NODES, not '${1:-}'"
    fi
}

# ---- packages -----------------------------------------------------------------------------------------------

apt_install() {
    [ "$(id -u)" -eq 0 ] || die "$* missing and installing needs root: apt-get install $*"
    log "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "$@" >&2 ||
        { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "$@" >&2; }
}

ensure_packages() {
    local missing=()
    [ -x "$MARIADBD" ] || missing+=(mariadb-server)
    [ -e "$PROVIDER" ] || missing+=(galera-4)
    command -v rsync >/dev/null || missing+=(rsync)
    # wsrep_sst_rsync finds its rsync daemon with ss or lsof.
    command -v ss >/dev/null || command -v lsof >/dev/null || missing+=(iproute2)
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
    id "$RUN_AS" >/dev/null 2>&1 || die "no '$RUN_AS' user (it comes with mariadb-server)"
}

# ---- processes ----------------------------------------------------------------------------------------------

# The pid of node N's server, or nothing: only a live mariadbd started with this node's config counts, so a
# stale pid file or the plain server can never be mistaken for a node.
node_pid() {
    local d pid f args
    d=$(node_dir "$1")
    for f in "$d/mysqld.pid" "$d/launch.pid"; do
        [ -s "$f" ] || continue
        pid=$(cat "$f" 2>/dev/null) || continue
        [[ $pid =~ ^[0-9]+$ ]] || continue
        args=$(tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline") || continue
        if grep -qxF -- "--defaults-file=$(cnf "$1")" <<<"$args" && ! grep -qxF -- --wsrep-recover <<<"$args"; then
            echo "$pid"
            return 0
        fi
    done
    return 0
}

running() { [ -n "$(node_pid "$1")" ]; }

# Runs SQL on node N over TCP (stdin when no statement is given); --no-defaults so no ~/.my.cnf redirects it.
q() {
    local port
    port=$(sql_port "$1")
    shift
    mariadb --no-defaults --protocol=TCP -h127.0.0.1 -P"$port" -uroot --connect-timeout=2 "$@"
}

# wsrep status variable of node N, "-" when the node does not answer.
wsrep() {
    local v
    v=$(q "$1" -N -B -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | cut -f2) || true
    echo "${v:--}"
}

synced() {
    [ "$(wsrep "$1" wsrep_local_state_comment)" = Synced ] && [ "$(wsrep "$1" wsrep_ready)" = ON ]
}

# Waits until node N is Synced and ready, or fails with the end of its log if it dies or the time runs out.
wait_synced() {
    local n=$1 started deadline
    started=$(now_ms)
    deadline=$((started + TIMEOUT * 1000))
    while ! synced "$n"; do
        if ! running "$n"; then
            sleep 1
            if ! running "$n"; then
                log "node $n stopped while starting; end of $(errlog "$n"):"
                tail -n 25 "$(errlog "$n")" >&2
                return 1
            fi
        fi
        if [ "$(now_ms)" -gt "$deadline" ]; then
            log "node $n not Synced after ${TIMEOUT}s (state $(wsrep "$n" wsrep_local_state_comment)); end of $(errlog "$n"):"
            tail -n 25 "$(errlog "$n")" >&2
            return 1
        fi
        sleep 0.3
    done
}

# ---- node setup ---------------------------------------------------------------------------------------------

write_cnf() {
    local n=$1 d gcomm i peers=""
    d=$(node_dir "$n")
    gcomm=$((GCOMM_PORT + n - 1))
    for ((i = 1; i <= NODES; i++)); do peers+="${peers:+,}127.0.0.1:$((GCOMM_PORT + i - 1))"; done
    cat >"$d/my.cnf" <<EOF
# Written by docker/ops/galera.sh at every start; put extra settings in GALERA_EXTRA_CNF instead.
[mysqld]
user                     = $RUN_AS
datadir                  = $d/data
socket                   = $d/mysqld.sock
tmpdir                   = $d/tmp
pid-file                 = $d/mysqld.pid
log-error                = $d/error.log
port                     = $(sql_port "$n")
bind-address             = 127.0.0.1
skip-name-resolve
binlog_format            = ROW
default_storage_engine   = InnoDB
innodb_autoinc_lock_mode = 2
# Small redo log: every rsync SST copies it whole (a dev cluster's load fits; override in GALERA_EXTRA_CNF).
innodb_log_file_size     = 32M
wsrep_on                 = ON
wsrep_provider           = $PROVIDER
wsrep_cluster_name       = $CLUSTER_NAME
wsrep_cluster_address    = gcomm://$peers
wsrep_node_name          = node$n
wsrep_node_address       = 127.0.0.1:$gcomm
wsrep_node_incoming_address = 127.0.0.1:$(sql_port "$n")
wsrep_provider_options   = "gmcast.listen_addr=tcp://127.0.0.1:$gcomm;ist.recv_addr=127.0.0.1:$((IST_PORT + n - 1));gcache.size=$GCACHE;gcache.recover=yes"
wsrep_sst_method         = rsync
# Reads (and the reads of writing transactions) wait until this node has applied every write the cluster committed
# before them: a balance read through one node right after a transfer through another sees it.
wsrep_sync_wait          = 1
wsrep_sst_receive_address = 127.0.0.1:$((SST_PORT + n - 1))
EOF
    if [ -n "${GALERA_EXTRA_CNF:-}" ]; then
        [ -r "$GALERA_EXTRA_CNF" ] || die "GALERA_EXTRA_CNF=$GALERA_EXTRA_CNF is not readable"
        printf '!include %s\n' "$(realpath "$GALERA_EXTRA_CNF")" >>"$d/my.cnf"
    fi
    chmod 644 "$d/my.cnf"
}

make_node_dir() {
    local d
    d=$(node_dir "$1")
    rm -rf "$d"
    mkdir -p "$d/tmp" "$d/data"
    chown "$RUN_AS:" "$d" "$d/tmp" "$d/data"
    chmod 700 "$d/data"
}

init_node() {
    local n=$1 d
    d=$(node_dir "$n")
    make_node_dir "$n"
    mariadb-install-db --no-defaults --user="$RUN_AS" --datadir="$d/data" --tmpdir="$d/tmp" \
        --auth-root-authentication-method=normal \
        --skip-name-resolve --skip-test-db --innodb-log-file-size=32M >"$d/install-db.log" 2>&1 ||
        { tail -n 20 "$d/install-db.log" >&2; die "mariadb-install-db failed for node $n"; }
}

initialised() { [ -d "$(node_dir "$1")/data/mysql" ]; }
# Written once the new cluster's first start got every node Synced: until then, start begins afresh.
created() { [ -f "$GALERA_DIR/created" ]; }

# Starts node N's server in the background, detached from this shell; extra arguments go to mariadbd.
launch() {
    local n=$1 d
    shift
    d=$(node_dir "$n")
    local port
    for port in "$(sql_port "$n")" $((GCOMM_PORT + n - 1)); do
        if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
            die "node $n: port $port is already in use ($(ss -Hltnp "sport = :$port" | grep -o 'users:.*' || true))"
        fi
    done
    rm -f "$d/mysqld.pid"
    setsid "$MARIADBD" --defaults-file="$(cnf "$n")" "$@" </dev/null >>"$d/stdout.log" 2>&1 &
    echo $! >"$d/launch.pid"
}

# grastate.dat field of node N (uuid, seqno, safe_to_bootstrap), empty if there is none.
grastate() {
    local f
    f=$(node_dir "$1")/data/grastate.dat
    [ -f "$f" ] || return 0
    sed -n "s/^$2:[[:space:]]*//p" "$f" | head -n 1
}

# Recovers node N's last committed position from InnoDB, as Debian's galera_recovery does for systemd, into
# nodeN/position ("uuid:seqno"; empty when the node has none, e.g. it never finished joining).
recover_position() {
    local n=$1 d pos
    d=$(node_dir "$n")
    : >"$d/position"
    if ! "$MARIADBD" --defaults-file="$(cnf "$n")" --wsrep-recover --disable-log-error \
        </dev/null >"$d/wsrep-recover.log" 2>&1; then
        tail -n 20 "$d/wsrep-recover.log" >&2
        die "mariadbd --wsrep-recover failed for node $n"
    fi
    pos=$(grep -a 'WSREP: Recovered position:' "$d/wsrep-recover.log" | tail -n 1 |
        sed 's/.*WSREP: Recovered position:[[:space:]]*//; s/[[:space:]]*$//') || true
    if [[ $pos =~ ^[0-9a-f-]{36}:-?[0-9]+$ ]]; then echo "$pos" >"$d/position"; fi
}

# Recovers the positions of the given nodes in parallel (each takes an InnoDB start, ~1-2 s).
recover_positions() {
    local n pids=()
    for n in "$@"; do
        recover_position "$n" &
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || die "position recovery failed"; done
}

position() { cat "$(node_dir "$1")/position" 2>/dev/null || true; }
seqno_of() { local p; p=$(position "$1"); [ -n "$p" ] && echo "${p##*:}" || echo -1; }

start_args() {
    local p
    p=$(position "$1")
    if [ -n "$p" ]; then echo "--wsrep_start_position=$p"; fi
}

# How node N caught up, read from its error log after the given byte offset. The joiner's log says "SST"
# either way (an IST is a bypassed SST: "SST received", "Installed new state from SST"); the rsync script's
# "rsync IST completed on joiner" or "rsync SST completed on joiner" and Galera's "IST received" tell them apart.
transfer_kind() {
    local text donor range
    text=$(tail -c +"$(($2 + 1))" "$(errlog "$1")" 2>/dev/null || true)
    donor=$(grep -a -o 'Selected [0-9.]* ([^)]*)' <<<"$text" | tail -n 1 | sed 's/.*(\(.*\))/\1/' || true)
    range=$(grep -a -o 'Receiving IST: [0-9]* writesets, seqnos [0-9-]*' <<<"$text" | tail -n 1 || true)
    range=${range#Receiving IST: }
    if grep -a -q 'rsync SST completed on joiner' <<<"$text"; then
        echo "SST (a full rsync copy)${donor:+ from $donor}${range:+, then IST of $range}"
    elif grep -a -q 'IST received' <<<"$text"; then
        echo "IST${donor:+ from $donor}${range:+ ($range)}"
    else
        echo "no state transfer"
    fi
}

log_size() { stat -c %s "$(errlog "$1")" 2>/dev/null || echo 0; }

# Starts the given stopped nodes into the running cluster, a second apart, and waits until all are Synced;
# says how each caught up. Side by side saves ~5 s of a new cluster's start: a joiner that asks for a state
# transfer while the only donor is busy is told to retry (every second) and gets the next free donor.
join_nodes() {
    local n t0 args
    declare -A off=()
    t0=$(now_ms)
    for n in "$@"; do
        off[$n]=$(log_size "$n")
        args=$(start_args "$n")
        log "node $n: joining${args:+ from $(position "$n")}"
        # shellcheck disable=SC2086 # args is one option or nothing
        launch "$n" $args
        if [ "$n" != "${*: -1}" ]; then sleep 1; fi
    done
    for n in "$@"; do
        wait_synced "$n"
        log "node $n: Synced $(since "$t0") after the first join began, by $(transfer_kind "$n" "${off[$n]}")"
    done
}

stop_node() {
    local n=$1 pid i
    pid=$(node_pid "$n")
    [ -n "$pid" ] || return 0
    kill -TERM "$pid"
    for ((i = 0; i < 1200; i++)); do
        [ -d "/proc/$pid" ] || { log "node $n: stopped"; return 0; }
        sleep 0.1
    done
    log "node $n (pid $pid) still running 120 s after SIGTERM"
    return 1
}

# ---- HAProxy in front of the nodes --------------------------------------------------------------------------

proxy_cfg() { echo "$GALERA_DIR/haproxy.cfg"; }
proxy_port() { echo $((PROXY_PORT + $1 - 1)); }

proxy_pid() {
    local pid
    pid=$(head -n 1 "$GALERA_DIR/haproxy.pid" 2>/dev/null) || return 0
    if [[ $pid =~ ^[0-9]+$ ]] && [ -d "/proc/$pid" ] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF "$(proxy_cfg)"; then
        echo "$pid"
    fi
    return 0
}

# Listener i sends connections to node i, else to the next node in order that passes the check, and keeps them
# there: the one-entry stick table remembers the node in use, so a node coming back takes no connections from
# the one that replaced it (writes from one listener never spread over two nodes). A node is marked down by its
# check, or at once by the first connection it refuses ("observe layer4": the connection is then sent to the next
# node, instead of being closed before the MySQL greeting, which the service's driver would wait on forever).
# "shutdown-sessions" cuts the connections of a node marked down, so a pool holding them sees them close at once
# rather than wait on a node that left the primary component.
write_proxy_cfg() {
    local ops i k n
    ops=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    {
        cat <<EOF
# Written by docker/ops/galera.sh proxy; see docs/operations.md, "Failover".
global
    maxconn 4096
    pidfile $GALERA_DIR/haproxy.pid
    stats socket $GALERA_DIR/haproxy.sock mode 600 level admin
    external-check
    insecure-fork-wanted

defaults
    mode tcp
    # A node that refuses the connection (it died): at once to the next one (redispatch on every retry).
    timeout connect 500ms
    # An external check's process is killed after "inter" ("timeout check" does not apply to it). On a starved
    # machine (two replicas beside three nodes on two cores) the check took up to 500 ms, so with "inter 500ms" live
    # nodes timed out three times in a row, were marked down and had their connections cut, several in turn: every
    # connection closed, 503s for seconds, once a failed start. So 2 s per check, and three failures in a row before
    # a node that still answers is cut off (6 s for one cut off from the primary component). A dead node refuses at
    # once, and observe layer4 marks it down on the first refused connection.
    timeout check 2s
    # Longer than the service's pool idle timeout (5 min): HAProxy never cuts a pooled connection on its own.
    timeout client 30m
    timeout server 30m
    retries 2
    option redispatch 1
    default-server check inter 2s fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down on-marked-down shutdown-sessions
EOF
        for ((i = 1; i <= NODES; i++)); do
            printf '\nlisten node%s-first\n    bind 127.0.0.1:%s\n    stick-table type integer size 1\n    stick on int(1)\n' \
                "$i" "$(proxy_port "$i")"
            printf '    option external-check\n    external-check path "/usr/bin:/bin"\n'
            printf '    external-check command %s/galera-node-check.sh\n' "$ops"
            for ((k = 0; k < NODES; k++)); do
                n=$(((i - 1 + k) % NODES + 1))
                printf '    server node%s 127.0.0.1:%s' "$n" "$(sql_port "$n")"
                if [ "$k" -gt 0 ]; then printf ' backup'; fi
                printf '\n'
            done
        done
    } >"$(proxy_cfg)"
}

# A command to HAProxy's admin socket, its answer on stdout.
proxy_ask() {
    python3 - "$GALERA_DIR/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
out = b""
while chunk := s.recv(65536):
    out += chunk
sys.stdout.write(out.decode())
EOF
}

# Per listener: the node it sends connections to (the stick table's entry, else the first one UP), and the
# state of every node as HAProxy sees it.
proxy_report() {
    local i stat table id node
    stat=$(proxy_ask "show stat") || return 0
    for ((i = 1; i <= NODES; i++)); do
        table=$(proxy_ask "show table node$i-first") || table=""
        id=$(grep -o 'server_id=[0-9]*' <<<"$table" | head -n 1 | cut -d= -f2 || true)
        node=$(awk -F, -v px="node$i-first" -v id="${id:-x}" '$1 == px && $29 == id { print $2 }' <<<"$stat")
        [ -n "$node" ] || node=$(awk -F, -v px="node$i-first" '$1 == px && $18 == "UP" { print $2; exit }' <<<"$stat")
        printf 'listener %s -> %s;' "$(proxy_port "$i")" "${node:-none}"
        awk -F, -v px="node$i-first" '$1 == px && $2 ~ /^node/ { printf " %s %s", $2, $18 }' <<<"$stat"
        printf '\n'
    done
}

cmd_proxy() {
    local pid i t0
    [ "$(id -u)" -eq 0 ] || die "proxy needs root"
    command -v haproxy >/dev/null || apt_install haproxy
    created || die "no cluster in $GALERA_DIR; run start first"
    cmd_proxy_stop >/dev/null
    for ((i = 1; i <= NODES; i++)); do
        if [ -n "$(ss -Hltn "sport = :$(proxy_port "$i")" 2>/dev/null)" ]; then
            die "port $(proxy_port "$i") is already in use"
        fi
    done
    write_proxy_cfg
    haproxy -c -q -f "$(proxy_cfg)" || die "HAProxy refused $(proxy_cfg)"
    haproxy -D -f "$(proxy_cfg)" >>"$GALERA_DIR/haproxy.log" 2>&1 || die "HAProxy did not start; see $GALERA_DIR/haproxy.log"
    # Servers count as UP until their first checks: wait for one round of them.
    t0=$(now_ms)
    while [ $(($(now_ms) - t0)) -lt 1500 ]; do sleep 0.1; done
    pid=$(proxy_pid)
    [ -n "$pid" ] || die "HAProxy is not running; see $GALERA_DIR/haproxy.log"
    proxy_report
    echo "haproxy: pid $pid; listeners on 127.0.0.1 ports $(proxy_port 1)-$(proxy_port "$NODES") (listener i: node i first)"
}

cmd_proxy_status() {
    [ -n "$(proxy_pid)" ] || { echo "haproxy: not running"; return 1; }
    proxy_report
}

cmd_proxy_stop() {
    local pid i
    pid=$(proxy_pid)
    [ -n "$pid" ] || { echo "haproxy: not running"; return 0; }
    kill -TERM "$pid"
    for ((i = 0; i < 50; i++)); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    echo "haproxy: stopped"
}

# ---- commands -----------------------------------------------------------------------------------------------

status_line() {
    local n ports="" sizes="" states=""
    for ((n = 1; n <= NODES; n++)); do
        ports+="${ports:+,}$(sql_port "$n")"
        states+="${states:+ }$(wsrep "$n" wsrep_local_state_comment)"
        sizes+="${sizes:+ }$(wsrep "$n" wsrep_cluster_size)"
    done
    echo "galera: cluster size $sizes, states $states; SQL on 127.0.0.1 ports $ports (root, no password); data in $GALERA_DIR${1:+; $1}"
}

all_synced() {
    local n
    for ((n = 1; n <= NODES; n++)); do
        running "$n" && synced "$n" && [ "$(wsrep "$n" wsrep_cluster_size)" = "$NODES" ] || return 1
    done
}

cmd_start() {
    local t0 n up=() down=() boot best best_seq safe s
    t0=$(now_ms)
    [ "$(id -u)" -eq 0 ] || die "start needs root (it runs the nodes as $RUN_AS)"
    ensure_packages
    mkdir -p "$GALERA_DIR"
    [ -f "$GALERA_DIR/cluster.env" ] || save_settings

    if ! created; then
        for ((n = 1; n <= NODES; n++)); do
            if running "$n"; then die "node $n runs but $GALERA_DIR was never fully started; destroy first"; fi
        done
        log "new cluster in $GALERA_DIR"
        # Only node 1 needs system tables: the joiners' data directories are replaced by the rsync SST from it
        # (initialising all three costs ~4 s more, mariadb-install-db being fsync-bound when run side by side).
        init_node 1
        for ((n = 2; n <= NODES; n++)); do make_node_dir "$n"; done
        for ((n = 1; n <= NODES; n++)); do write_cnf "$n"; : >"$(node_dir "$n")/position"; done
        log "node 1: initialised in $(since "$t0"); bootstrapping a new cluster"
        local t1
        t1=$(now_ms)
        launch 1 --wsrep-new-cluster
        wait_synced 1
        log "node 1: Synced in $(since "$t1")"
        join_nodes $(seq 2 "$NODES")
        date -u +%FT%TZ >"$GALERA_DIR/created"
        status_line "started in $(since "$t0")"
        return 0
    fi

    for ((n = 1; n <= NODES; n++)); do
        if running "$n"; then up+=("$n"); else down+=("$n"); fi
    done
    if [ ${#down[@]} -eq 0 ]; then
        for ((n = 1; n <= NODES; n++)); do wait_synced "$n"; done
        status_line "already running"
        return 0
    fi
    if [ ${#up[@]} -gt 0 ]; then
        local primary=""
        for n in "${up[@]}"; do
            if [ "$(wsrep "$n" wsrep_cluster_status)" = Primary ]; then primary=$n; fi
        done
        [ -n "$primary" ] || die "node(s) ${up[*]} run but none is in a primary component (quorum lost);" \
            "run '$PROG stop' and then '$PROG start' to bootstrap again"
        log "node(s) ${up[*]} running; starting node(s) ${down[*]}"
    fi
    for n in "${down[@]}"; do write_cnf "$n"; done
    # Like galera_recovery before every start under systemd: the committed position, from InnoDB.
    recover_positions "${down[@]}"

    if [ ${#up[@]} -eq 0 ]; then
        # No node runs: bootstrap the one Galera marked safe_to_bootstrap (the last to leave after a clean
        # stop), or else, when all crashed, the one with the highest recovered seqno, as the Galera docs say.
        boot="" best="" best_seq=-2
        for n in "${down[@]}"; do
            safe=$(grastate "$n" safe_to_bootstrap)
            if [ "$safe" = 1 ] && [ -z "$boot" ]; then boot=$n; fi
            s=$(seqno_of "$n")
            if [ "$s" -gt "$best_seq" ]; then best=$n best_seq=$s; fi
        done
        if [ -z "$boot" ]; then
            boot=$best
            log "no node is safe_to_bootstrap (all crashed?); recovered seqnos:$(for n in "${down[@]}"; do printf ' node%s=%s' "$n" "$(seqno_of "$n")"; done); bootstrapping node $boot"
            [ -f "$(node_dir "$boot")/data/grastate.dat" ] &&
                sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$(node_dir "$boot")/data/grastate.dat" &&
                chown "$RUN_AS:" "$(node_dir "$boot")/data/grastate.dat"
        else
            [ "$(seqno_of "$boot")" -ge "$best_seq" ] ||
                log "warning: node $boot is safe_to_bootstrap but node $best has a higher seqno ($best_seq)"
            log "node $boot is safe_to_bootstrap"
        fi
        log "node $boot: bootstrapping the cluster again from $(position "$boot")"
        # shellcheck disable=SC2046 # one option or nothing
        launch "$boot" --wsrep-new-cluster $(start_args "$boot")
        wait_synced "$boot"
        up+=("$boot")
    fi
    local joiners=()
    for n in "${down[@]}"; do
        if [ "$n" != "${boot:-}" ]; then joiners+=("$n"); fi
    done
    if [ ${#joiners[@]} -gt 0 ]; then join_nodes "${joiners[@]}"; fi
    status_line "started in $(since "$t0")"
}

cmd_status() {
    local n pid ok=0 up
    printf '%-5s %-5s %-8s %-8s %-13s %-26s %s\n' node port pid running cluster_size local_state_comment ready
    for ((n = 1; n <= NODES; n++)); do
        pid=$(node_pid "$n")
        up=no
        [ -n "$pid" ] && up=yes
        printf '%-5s %-5s %-8s %-8s %-13s %-26s %s\n' "$n" "$(sql_port "$n")" "${pid:--}" "$up" \
            "$(wsrep "$n" wsrep_cluster_size)" "$(wsrep "$n" wsrep_local_state_comment)" "$(wsrep "$n" wsrep_ready)"
    done
    all_synced || ok=1
    if [ $ok -eq 0 ]; then echo "all $NODES nodes Synced"; else echo "cluster NOT all Synced"; fi
    return $ok
}

cmd_stop() {
    local n
    cmd_proxy_stop >/dev/null
    # Highest node first: the last one to leave is marked safe_to_bootstrap, and that is node 1.
    for ((n = NODES; n >= 1; n--)); do stop_node "$n" || die "stop failed; kill -9 with '$PROG kill $n'"; done
    echo "galera: stopped (data kept in $GALERA_DIR; start brings it back)"
}

cmd_destroy() {
    local n pid
    [ -d "$GALERA_DIR" ] || { echo "galera: nothing in $GALERA_DIR"; return 0; }
    [ -f "$GALERA_DIR/cluster.env" ] || [ -d "$GALERA_DIR/node1" ] ||
        die "$GALERA_DIR does not look like a cluster made by this script; not deleting it"
    cmd_proxy_stop >/dev/null
    for ((n = NODES; n >= 1; n--)); do
        if ! stop_node "$n"; then
            pid=$(node_pid "$n")
            if [ -n "$pid" ]; then kill -KILL "$pid"; fi
        fi
    done
    rm -rf "$GALERA_DIR"
    echo "galera: destroyed $GALERA_DIR"
}

cmd_kill() {
    local n=$1 pid i
    pid=$(node_pid "$n")
    [ -n "$pid" ] || die "node $n is not running"
    kill -KILL "$pid"
    for ((i = 0; i < 100; i++)); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    echo "galera: node $n (pid $pid) killed with SIGKILL"
}

# Right after a kill -9 the others still count node N until they suspect it (evs.suspect_timeout, 5 s, plus
# the vote): a new instance joining meanwhile goes through non-primary views and takes ~10 s longer. Waits
# until every running node's cluster size no longer counts N.
wait_dropped() {
    local n=$1 i expected=0 t0 waited=0 deadline
    for ((i = 1; i <= NODES; i++)); do
        if [ "$i" != "$n" ] && running "$i"; then expected=$((expected + 1)); fi
    done
    t0=$(now_ms)
    deadline=$((t0 + 30000))
    for ((i = 1; i <= NODES; i++)); do
        if [ "$i" = "$n" ] || ! running "$i"; then continue; fi
        while [ "$(wsrep "$i" wsrep_cluster_size)" != "$expected" ] && [ "$(now_ms)" -lt "$deadline" ]; do
            waited=1
            sleep 0.3
        done
    done
    if [ $waited = 1 ]; then log "node $n: waited $(since "$t0") for the cluster to drop its old instance"; fi
}

cmd_restart() {
    local n=$1 t0 off how
    [ "$(id -u)" -eq 0 ] || die "restart needs root (it runs the nodes as $RUN_AS)"
    initialised "$n" || die "node $n has no data directory; run start first"
    local others=0 i
    for ((i = 1; i <= NODES; i++)); do
        if [ "$i" != "$n" ] && running "$i"; then others=1; fi
    done
    [ $others -eq 1 ] || die "no other node runs, nothing to rejoin; use start"
    stop_node "$n" || die "node $n did not stop"
    t0=$(now_ms)
    write_cnf "$n"
    recover_position "$n"
    log "node $n: recovered position $(position "$n") in $(since "$t0")"
    wait_dropped "$n"
    off=$(log_size "$n")
    # shellcheck disable=SC2046 # one option or nothing
    launch "$n" $(start_args "$n")
    wait_synced "$n"
    how=$(transfer_kind "$n" "$off")
    echo "galera: node $n rejoined by $how, Synced $(since "$t0") after the restart began"
}

cmd_sql() {
    local n=$1 opts=()
    shift
    while [ $# -gt 0 ] && [[ $1 == -* ]]; do
        opts+=("$1")
        shift
    done
    if [ $# -gt 0 ]; then q "$n" "${opts[@]}" -e "$*"; else q "$n" "${opts[@]}"; fi
}

main() {
    local cmd=${1:-}
    [ $# -gt 0 ] && shift
    case $cmd in
        -h | --help | help) usage; return 0 ;;
        "") usage >&2; return 2 ;;
    esac
    load_settings
    case $cmd in
        start) cmd_start ;;
        status) cmd_status ;;
        stop) cmd_stop ;;
        destroy) cmd_destroy ;;
        kill) check_node "${1:-}"; cmd_kill "$1" ;;
        restart) check_node "${1:-}"; cmd_restart "$1" ;;
        sql) check_node "${1:-}"; cmd_sql "$@" ;;
        proxy) cmd_proxy ;;
        proxy-status) cmd_proxy_status ;;
        proxy-stop) cmd_proxy_stop ;;
        *) log "unknown command '$cmd'"; usage >&2; return 2 ;;
    esac
}

main "$@"
