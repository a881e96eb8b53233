#!/usr/bin/env bash
# Benchmark: the service under wrk beside the database's own ceiling (sysbench doing the same SQL work per
# transfer), in one run on this machine, loopback only, bounded in time. Prints one table.
#   bench/run.sh                       # defaults below
#   USERS=10000 DURATION=20 CONNECTIONS="16 64" bench/run.sh
#   USERS=50 HISTORY_ROWS=1000 SCENARIOS=history LEDGER_ROWS=10000000 bench/run.sh  # history at 1,000 rows, then 10M
#   DB_PORT=3310 DB_PORT_2=3311 bench/run.sh   # two replicas, each through its own port (bench/cluster.sh does this)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
USERS=${USERS:-10000}
SESSIONS=${SESSIONS_COUNT:-1000}
[ "$SESSIONS" -gt "$USERS" ] && SESSIONS=$USERS
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-"16 64"}
SCENARIOS=${SCENARIOS:-"topup bank wallet hot hotwallet hotpayee history"}
PORT=${PORT:-18090}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-$((PORT + 1000))}
# The database the service, the setup and the ceiling use (3306: the plain server); DB_PORT_2 set: a second replica
# on PORT + 1 through that port, the load split evenly over both. CHECK_PORTS: where the invariants are checked at
# the end (every node of a cluster). RESTARTS=0 skips the restart timings.
DB_PORT=${DB_PORT:-3306}
DB_PORT_2=${DB_PORT_2:-}
CHECK_PORTS=${CHECK_PORTS:-$DB_PORT}
RESTARTS=${RESTARTS:-3}
# CURVE: after everything else, a fresh start under this scenario's load at 64 connections, throughput and p99 in
# 5 s windows for the first 60 s after ready (warm-up); empty: skipped.
CURVE=${CURVE-hot}
# JAVA: the java binary, by default the Temurin 25 under /usr/lib/jvm that docker/Dockerfile.jvm's base image matches
# (else the java on the PATH); CURVE_OPTS: JVM flags of the curve's start alone.
JAVA=${JAVA:-$(ls /usr/lib/jvm/temurin-25-jdk-*/bin/java 2>/dev/null | head -1 || true)}
JAVA=${JAVA:-java}
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
# The JVM flags docker/Dockerfile.jvm ships with (JAVA_OPTS replaces them): serial collector, fixed 40 MB heap with
# 8 MB young, the AppCDS archive, native heap trimmed, each C2 compilation's memory capped at 10 MB (Java 25: a
# compilation that needs more is given up and its method keeps C1's code), compact object headers off (a C2 bug
# corrupts byte arrays with them on 25.0.3, JDK-8380060); measured on 2 cores: about 238 MB under load, 246-250 MB at
# the largest sample (bench/README.md#c2s-memory-and-java-25s-cap). On Java 17 (JAVA=java) the same heap without
# the cap, which 17 lacks: 254-260 MB at the largest sample.
if [ "${JAVA_MAJOR%%.*}" -ge 25 ]; then
    CDS=app-cds-$JAVA_MAJOR.jsa
    VERSION_FLAGS="-XX:-UseCompactObjectHeaders -XX:CompileCommand=quiet -XX:CompileCommand=MemLimit,*.*,10M
        --sun-misc-unsafe-memory-access=allow"
else
    CDS=app-cds.jsa
    VERSION_FLAGS="-XX:MetaspaceReclaimPolicy=aggressive"
fi
JVM_FLAGS="-XX:+UseSerialGC -Xms40m -Xmx40m -Xmn8m -Xss256k -XX:ReservedCodeCacheSize=48m -XX:SharedArchiveFile=$CDS
    -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -XX:-UsePerfData $VERSION_FLAGS"
DB=ewallet_bench
CEILING_DB=ewallet_ceiling
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"

for tool in wrk sysbench; do
    command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool; }
done
# The jar with its AppCDS archive (class data shared from a file: faster start), as the JVM image ships it.
APP="$ROOT/target/quarkus-app"
[ -f "$APP/quarkus-run.jar" ] && [ -f "$APP/app-cds.jsa" ] ||
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)
# A newer JVM writes its own archive (an archive only fits the JVM that wrote it), as the image build does.
[ "$CDS" = app-cds.jsa ] || (cd "$APP" && "$JAVA" -XX:+UseSerialGC -XX:-UseCompactObjectHeaders \
    -XX:ArchiveClassesAtExit="$CDS" -Dquarkus.appcds.generate=true -jar quarkus-run.jar >/dev/null 2>&1)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl rsa -in "$WORK/private.pem" -pubout -out "$WORK/public.pem" 2>/dev/null
openssl rand -base64 32 >"$WORK/app-secret.kek"

sql() { mariadb -uroot -h127.0.0.1 -P"$DB_PORT" -N "$@"; }
sql -e "DROP DATABASE IF EXISTS $DB"

# --- start the service against a fresh database ----------------------------------------------------------
launch() { # launch LOG [API_PORT DB_PORT MANAGEMENT_PORT JVM_FLAGS]: starts the service, waits until ready; sets PID, ready_ms
    local start port=${2:-$PORT} db_port=${3:-$DB_PORT} management=${4:-$MANAGEMENT_PORT}
    start=$(date +%s%N)
    DB_PORT=$db_port DB_NAME=$DB WALLET_AUTH_PRIVATE_KEY_LOCATION="$WORK/private.pem" WALLET_AUTH_PUBLIC_KEY_LOCATION="$WORK/public.pem" \
        WALLET_DEVELOPER_SECRET_KEK_LOCATION="$WORK/app-secret.kek" \
        WALLET_AUTH_COOKIE_SECURE=false LOG_JSON=false PORT=$port MANAGEMENT_PORT=$management QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
        WALLET_LOGIN_MAX_FAILURES_PER_ADDRESS=1000000 WALLET_USERS_REGISTRATIONS_PER_ADDRESS=1000000 WALLET_AUTH_BCRYPT_COST=4 \
        MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} bash -c 'cd "$1" && exec "$3" $2 -jar quarkus-run.jar' _ "$APP" \
        "${5:-${JAVA_OPTS:-$JVM_FLAGS}}" "$JAVA" >"$1" 2>&1 &
    PID=$!
    # -f: readiness answers 503 until it is UP (during the warm-up, say)
    until curl -sf -o /dev/null "http://127.0.0.1:$management/q/health/ready"; do
        kill -0 "$PID" 2>/dev/null || { echo "the service did not start; see $1" >&2; tail -20 "$1" >&2; exit 1; }
        sleep 0.05
    done
    ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
}
PID2=""
trap 'kill $PID $PID2 2>/dev/null || true' EXIT
launch "$OUT/service.log"
started=$(grep -o 'started in [0-9.]*s' "$OUT/service.log" | head -1)
if [ -n "$DB_PORT_2" ]; then
    first=$PID
    launch "$OUT/service-2.log" $((PORT + 1)) "$DB_PORT_2" $((MANAGEMENT_PORT + 1))
    PID2=$PID PID=$first
fi

# --- users: one registered through the API, the rest copied from it in SQL, each funded ------------------
curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"bench-0@example.com","password":"bench-password-1","name":"Bench","mobile":"628990000000"}' "$BASE/users"
sql $DB <<SQL
INSERT INTO users (public_id, email, password_hash, name, mobile, role, created_at)
  SELECT RIGHT(LPAD(CONV(HEX(RANDOM_BYTES(8)), 16, 32), 13, '0'), 12), CONCAT('bench-', seq, '@example.com'),
    u.password_hash, 'Bench', CONCAT('62899', LPAD(seq, 7, '0')), 'user', NOW(6)
  FROM seq_1_to_$USERS JOIN users u ON u.email = 'bench-0@example.com';
INSERT INTO accounts (user_id, account_number, type, tier, balance, created_at, updated_at)
  SELECT id, CONCAT('9', LPAD(id, 9, '0')), 'personal', 3, 0, NOW(6), NOW(6) FROM users u
  WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = u.id);
UPDATE accounts SET tier = 3, balance = 1000000000;
INSERT INTO ledger_entries (account_id, reference, activity, direction, amount, balance_before, balance_after,
  ip_address, location, author_user_id, created_at)
  SELECT id, LPAD(HEX(id), 32, '0'), 'TOPUP', 'CREDIT', 1000000000, 0, 1000000000, '127.0.0.1', 'bench', user_id, NOW(6)
  FROM accounts;
SQL
: >"$WORK/sessions"
for i in $(seq 1 "$SESSIONS"); do
    curl -s -c "$WORK/jar$i" -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"email\":\"bench-$i@example.com\",\"password\":\"bench-password-1\"}" "$BASE/token/auth"
    echo "$(awk '/access_token_cookie/ {print $7}' "$WORK/jar$i") $(awk '/csrf_access_token/ {print $7}' "$WORK/jar$i") $(sql $DB -e "SELECT account_number FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = 'bench-$i@example.com'")" >>"$WORK/sessions"
done

# --- ledger rows for the history comparison ----------------------------------------------------------------
# load_ledger N: N more rows, as pairs of WALLET_TRANSFER rows (credit 1, debit 1 under one reference) spread
# round-robin over every account, so the books still balance and every account's history grows alike.
# settle_db: waits until InnoDB has written out its dirty pages (flushing eagerly for the while).
settle_db() {
    local pct
    pct=$(sql -e "SELECT @@innodb_max_dirty_pages_pct")
    sql -e "SET GLOBAL innodb_max_dirty_pages_pct = 0"
    for _ in $(seq 1 300); do
        [ "$(sql -e "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | awk '{print $2}')" -lt 500 ] && break
        sleep 1
    done
    sql -e "SET GLOBAL innodb_max_dirty_pages_pct = $pct"
}
loaded=0
load_ledger() {
    local pairs=$(( $1 / 2 )) chunk=500000 done=0 n count
    sql $DB -e "CREATE TABLE IF NOT EXISTS bench_accounts (k INT PRIMARY KEY, id BIGINT, user_id BIGINT, balance BIGINT)
                SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, user_id, balance FROM accounts"
    count=$(sql $DB -e "SELECT COUNT(*) FROM bench_accounts")
    while [ "$done" -lt "$pairs" ]; do
        n=$(( pairs - done < chunk ? pairs - done : chunk ))
        sql $DB <<SQL
INSERT INTO ledger_entries (account_id, reference, activity, direction, amount, balance_before, balance_after,
  counterparty, ip_address, location, author_user_id, created_at)
  SELECT a.id, LPAD(HEX($loaded + s.seq), 32, 'f'), 'WALLET_TRANSFER', d.direction, 1,
         IF(d.direction = 'CREDIT', a.balance, a.balance + 1), IF(d.direction = 'CREDIT', a.balance + 1, a.balance),
         'wallet:bench', '127.0.0.1', 'bench', a.user_id, NOW(6)
  FROM seq_1_to_$n s
  JOIN bench_accounts a ON a.k = ($loaded + s.seq) % $count
  JOIN (SELECT 'CREDIT' AS direction UNION ALL SELECT 'DEBIT') d;
SQL
        done=$(( done + n ))
        loaded=$(( loaded + n ))
    done
    # Let InnoDB write the loaded pages out first, so the page is measured against the table, not the load.
    settle_db
}
# HISTORY_ROWS: make the ledger that many rows before the first measurement, so that the history scenario reads
# full pages (USERS=50 HISTORY_ROWS=1000: 20 rows an account, one page of the default size).
if [ "${HISTORY_ROWS:-0}" -gt 0 ]; then
    have=$(sql $DB -e "SELECT COUNT(*) FROM ledger_entries")
    [ "$HISTORY_ROWS" -gt "$have" ] && load_ledger $(( HISTORY_ROWS - have ))
fi

# --- the database's ceiling: same SQL work per transfer, no service ---------------------------------------
sql -e "CREATE DATABASE IF NOT EXISTS $CEILING_DB"
ceiling() { # ceiling HOT CONNS -> "tps p99"
    sysbench "$ROOT/bench/sysbench/transfer.lua" --mysql-host=127.0.0.1 --mysql-user=root --mysql-db=$CEILING_DB \
        --mysql-port="$DB_PORT" --accounts="$USERS" --hot="$1" --threads="$2" --time="$DURATION" --percentile=99 run 2>/dev/null |
        awk '/transactions:/ {gsub(/\(/,"",$3); tps=$3} /99th percentile:/ {p99=$3} END {print tps, p99}'
}
sysbench "$ROOT/bench/sysbench/transfer.lua" --mysql-host=127.0.0.1 --mysql-port="$DB_PORT" --mysql-user=root \
    --mysql-db=$CEILING_DB --accounts="$USERS" prepare >/dev/null

cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }
hz=$(getconf CLK_TCK)
# Resident set sampled every second during the measured windows (the whole run's peak, start-up included, is VmHWM).
: >"$WORK/rss"
sample_rss() { while sleep 1; do awk '/VmRSS/ {print $2}' /proc/$PID/status >>"$WORK/rss" 2>/dev/null || break; done; }
# One pass over every scenario before the first measurement: the JIT compilers otherwise still compete with the
# service for the 2 cores while the first scenario is measured.
for scenario in $SCENARIOS; do
    SCENARIO=$scenario SESSIONS="$WORK/sessions" wrk -t2 -c64 -d"${WARMUP}s" -s "$ROOT/bench/lua/wallet.lua" "$BASE" \
        >/dev/null
done
printf '\nservice ready %s ms after launch (%s incl. migrations), Java %s\n\n' "$ready_ms" "$started" "$JAVA_MAJOR" |
    tee "$OUT/results.txt"
printf '%-9s %5s %10s %9s %9s %9s %7s %8s %12s %9s %7s\n' scenario conns req/s p50_ms p90_ms p99_ms non2xx cpu_s \
    ceiling_tps ceil_p99 ratio | tee -a "$OUT/results.txt"
# load SCENARIO CONNS -> "RESULT req/s p50 p90 p99 non2xx": one wrk, or with a second replica one wrk per replica
# with half the connections each (req/s and non-2xx summed, latencies the worse of the two).
load() {
    if [ -z "$DB_PORT_2" ]; then
        SCENARIO=$1 SESSIONS="$WORK/sessions" wrk -t2 -c"$2" -d"${DURATION}s" --latency \
            -s "$ROOT/bench/lua/wallet.lua" "$BASE" | grep '^RESULT'
        return
    fi
    SCENARIO=$1 SESSIONS="$WORK/sessions" wrk -t1 -c$(($2 / 2)) -d"${DURATION}s" --latency \
        -s "$ROOT/bench/lua/wallet.lua" "$BASE" | grep '^RESULT' >"$WORK/load-1" &
    SCENARIO=$1 SESSIONS="$WORK/sessions" wrk -t1 -c$(($2 / 2)) -d"${DURATION}s" --latency \
        -s "$ROOT/bench/lua/wallet.lua" "http://127.0.0.1:$((PORT + 1))" | grep '^RESULT' >"$WORK/load-2"
    wait
    cat "$WORK/load-1" "$WORK/load-2" | awk '{rps += $2; for (i = 3; i <= 5; i++) if ($i > m[i]) m[i] = $i; n += $6}
        END {printf "RESULT %.0f %s %s %s %d\n", rps, m[3], m[4], m[5], n}'
}
measure() { # measure SCENARIO CONNS LABEL: the service, after the ceiling measured just before it (not for history)
    local scenario=$1 conns=$2 label=$3 before secs result rps p50 p90 p99 non2xx ctps="-" cp99="-" ratio="-"
    # The ceiling moves by 10 % and more over a day on these machines: measure it next to the scenario it rates.
    case $scenario in
    history) ;;
    hot*) read -r ctps cp99 <<<"$(ceiling 1 "$conns")" ;;
    *) read -r ctps cp99 <<<"$(ceiling 0 "$conns")" ;;
    esac
    # Unmeasured warm-up: on 2 cores the JIT compilers compete with the service for the first seconds.
    SCENARIO=$scenario SESSIONS="$WORK/sessions" wrk -t2 -c"$conns" -d"${WARMUP}s" \
        -s "$ROOT/bench/lua/wallet.lua" "$BASE" >/dev/null
    before=$(cpu)
    sample_rss &
    local sampler=$!
    result=$(load "$scenario" "$conns")
    kill "$sampler" 2>/dev/null || true
    secs=$(awk -v a="$before" -v b="$(cpu)" -v hz="$hz" 'BEGIN {printf "%.1f", (b - a) / hz}')
    read -r _ rps p50 p90 p99 non2xx <<<"$result"
    [ "$ctps" = "-" ] || ratio=$(awk -v a="$rps" -v b="$ctps" 'BEGIN {printf "%.0f%%", 100 * a / b}')
    printf '%-9s %5s %10s %9s %9s %9s %7s %8s %12s %9s %7s\n' "$label" "$conns" "$rps" "$p50" "$p90" "$p99" \
        "$non2xx" "$secs" "$ctps" "$cp99" "$ratio" | tee -a "$OUT/results.txt"
}

for conns in $CONNECTIONS; do
    for scenario in $SCENARIOS; do
        measure "$scenario" "$conns" "$scenario"
    done
done

printf '\nRSS of the service under load (largest 1 s sample in the measured windows): %s MB; peak of the whole run, start-up included: %s MB\n' \
    "$(sort -n "$WORK/rss" | tail -1 | awk '{printf "%.0f", $1 / 1024}')" \
    "$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$PID/status)" |
    tee -a "$OUT/results.txt"
for port in $CHECK_PORTS; do
    [ "$port" = "$DB_PORT" ] || echo "invariants on the node at port $port:" | tee -a "$OUT/results.txt"
    mariadb -uroot -h127.0.0.1 -P"$port" -N $DB -t <"$ROOT/docker/ops/check-invariants.sql" | tee -a "$OUT/results.txt"
done

# --- optional: the history page again with LEDGER_ROWS more rows in the ledger ---------------------------
if [ "${LEDGER_ROWS:-0}" -gt 0 ]; then
    t0=$(date +%s)
    load_ledger "$LEDGER_ROWS"
    rows=$(sql $DB -e "SELECT COUNT(*) FROM ledger_entries")
    printf '\nloaded %s ledger rows in %s s (InnoDB buffer pool %s MB); the history page again:\n' "$rows" \
        "$(( $(date +%s) - t0 ))" "$(sql -e 'SELECT @@innodb_buffer_pool_size DIV 1048576')" |
        tee -a "$OUT/results.txt"
    for conns in $CONNECTIONS; do
        measure history "$conns" history+
    done
fi

# --- start-up again, now that the schema is migrated: what a restarted or added replica costs ---------------
# Three starts, after MariaDB has written out what the load left behind (a start right after heavy load measures
# the database's flushing instead).
kill $PID $PID2
while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
PID2=""
if [ "$RESTARTS" -gt 0 ] || [ -n "$CURVE" ]; then settle_db; fi
if [ "$RESTARTS" -gt 0 ]; then
    starts=""
    for i in $(seq 1 "$RESTARTS"); do
        # The start itself: readiness would otherwise come WARM_UP (30 s of rehearsal) later, on purpose.
        WARM_UP=0s launch "$OUT/service-restart.log"
        starts="$starts ${ready_ms} ms ($(grep -o 'started in [0-9.]*s' "$OUT/service-restart.log" | head -1)),"
        kill "$PID"
        while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
    done
    printf '\nrestarts on the migrated database (WARM_UP=0s), ready after launch:%s\n' "${starts%,}" |
        tee -a "$OUT/results.txt"
fi

# --- warm-up: a fresh JVM under load from the moment it is ready -------------------------------------------
# Twelve consecutive 5 s wrk windows (new connections each, a few ms apart) starting as readiness turns UP. "Steady"
# is the mean of the last three windows (45-60 s): the first window's share of it, and the first window whose
# throughput reaches 90 % of it, say how long a new replica serves below its speed.
if [ -n "$CURVE" ]; then
    launch "$OUT/service-curve.log" "$PORT" "$DB_PORT" "$MANAGEMENT_PORT" "${CURVE_OPTS:-}"
    : >"$WORK/curve"
    for w in $(seq 1 12); do
        SCENARIO=$CURVE SESSIONS="$WORK/sessions" wrk -t2 -c64 -d5s --latency -s "$ROOT/bench/lua/wallet.lua" \
            "$BASE" | grep '^RESULT' >>"$WORK/curve"
    done
    awk -v scenario="$CURVE" '{ rps[NR] = $2; p99[NR] = $5 }
        END {
            steady = (rps[10] + rps[11] + rps[12]) / 3; p99s = (p99[10] + p99[11] + p99[12]) / 3
            for (reach = 1; reach <= NR && rps[reach] < 0.9 * steady; reach++) ;
            printf "\nwarm-up (%s, 64 connections, fresh start), req/s per 5 s window after ready:", scenario
            for (i = 1; i <= NR; i++) printf " %.0f", rps[i]
            printf "\n  p99 ms per window:"
            for (i = 1; i <= NR; i++) printf " %.0f", p99[i]
            printf "\n  steady (45-60 s) %.0f req/s, p99 %.0f ms; first window %.0f%% of steady, p99 %.1fx steady; 90%% of steady from window %d (%d-%d s)\n",
                steady, p99s, 100 * rps[1] / steady, p99[1] / p99s, reach, 5 * (reach - 1), 5 * reach
        }' "$WORK/curve" | tee -a "$OUT/results.txt"
    kill "$PID"
    while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
fi
