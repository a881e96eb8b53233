#!/usr/bin/env bash
# Benchmark: the service under wrk beside the database's own ceiling (sysbench doing the same SQL work per
# transfer), in one run on this machine, loopback only, bounded in time. Prints one table.
#   bench/run.sh                       # defaults below
#   USERS=10000 DURATION=20 CONNECTIONS="16 64" bench/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
USERS=${USERS:-10000}
SESSIONS=${SESSIONS_COUNT:-256}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-"16 64"}
SCENARIOS=${SCENARIOS:-"topup bank wallet hot history"}
PORT=${PORT:-18090}
DB=ewallet_bench
CEILING_DB=ewallet_ceiling
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"

for tool in wrk sysbench; do
    command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool; }
done
[ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl rsa -in "$WORK/private.pem" -pubout -out "$WORK/public.pem" 2>/dev/null

sql() { mariadb -uroot -h127.0.0.1 -N "$@"; }
sql -e "DROP DATABASE IF EXISTS $DB"

# --- start the service against a fresh database ----------------------------------------------------------
start=$(date +%s%N)
DB_NAME=$DB WALLET_AUTH_PRIVATE_KEY_LOCATION="$WORK/private.pem" WALLET_AUTH_PUBLIC_KEY_LOCATION="$WORK/public.pem" \
    WALLET_AUTH_COOKIE_SECURE=false LOG_JSON=false PORT=$PORT QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
    WALLET_LOGIN_MAX_FAILURES=1000000 \
    java ${JAVA_OPTS:-} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -s -o /dev/null "$BASE/q/health/ready"; do sleep 0.1; done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
started=$(grep -o 'started in [0-9.]*s' "$OUT/service.log" | head -1)

# --- users: one registered through the API, the rest copied from it in SQL, each funded ------------------
curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"bench-0@example.com","password":"bench-password-1","name":"Bench","mobile":"628990000000"}' "$BASE/users"
sql $DB <<SQL
INSERT INTO users (email, password_hash, name, mobile, role, created_at)
  SELECT CONCAT('bench-', seq, '@example.com'), u.password_hash, 'Bench', CONCAT('62899', LPAD(seq, 7, '0')), 'user', NOW(6)
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

# --- the database's ceiling: same SQL work per transfer, no service ---------------------------------------
sql -e "CREATE DATABASE IF NOT EXISTS $CEILING_DB"
ceiling() { # ceiling HOT CONNS -> "tps p99"
    sysbench "$ROOT/bench/sysbench/transfer.lua" --mysql-host=127.0.0.1 --mysql-user=root --mysql-db=$CEILING_DB \
        --accounts="$USERS" --hot="$1" --threads="$2" --time="$DURATION" --percentile=99 run 2>/dev/null |
        awk '/transactions:/ {gsub(/\(/,"",$3); tps=$3} /99th percentile:/ {p99=$3} END {print tps, p99}'
}
sysbench "$ROOT/bench/sysbench/transfer.lua" --mysql-host=127.0.0.1 --mysql-user=root --mysql-db=$CEILING_DB \
    --accounts="$USERS" prepare >/dev/null

cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }
hz=$(getconf CLK_TCK)
printf '\nservice ready %s ms after launch (%s incl. migrations)\n\n' "$ready_ms" "$started" | tee "$OUT/results.txt"
printf '%-9s %5s %10s %9s %9s %9s %7s %8s %12s %9s %7s\n' scenario conns req/s p50_ms p90_ms p99_ms non2xx cpu_s \
    ceiling_tps ceil_p99 ratio | tee -a "$OUT/results.txt"
for conns in $CONNECTIONS; do
    uniform=$(ceiling 0 "$conns")
    hot=$(ceiling 1 "$conns")
    for scenario in $SCENARIOS; do
        # Unmeasured warm-up: on 2 cores the JIT compilers compete with the service for the first seconds.
        SCENARIO=$scenario SESSIONS="$WORK/sessions" wrk -t2 -c"$conns" -d"${WARMUP}s" \
            -s "$ROOT/bench/lua/wallet.lua" "$BASE" >/dev/null
        before=$(cpu)
        result=$(SCENARIO=$scenario SESSIONS="$WORK/sessions" wrk -t2 -c"$conns" -d"${DURATION}s" --latency \
            -s "$ROOT/bench/lua/wallet.lua" "$BASE" | grep '^RESULT')
        secs=$(awk -v a="$before" -v b="$(cpu)" -v hz="$hz" 'BEGIN {printf "%.1f", (b - a) / hz}')
        read -r _ rps p50 p90 p99 non2xx <<<"$result"
        ref=$([ "$scenario" = hot ] && echo "$hot" || echo "$uniform")
        read -r ctps cp99 <<<"$ref"
        ratio=$(awk -v a="$rps" -v b="$ctps" 'BEGIN {printf "%.0f%%", 100 * a / b}')
        [ "$scenario" = history ] && ratio="-"
        printf '%-9s %5s %10s %9s %9s %9s %7s %8s %12s %9s %7s\n' "$scenario" "$conns" "$rps" "$p50" "$p90" "$p99" \
            "$non2xx" "$secs" "$ctps" "$cp99" "$ratio" | tee -a "$OUT/results.txt"
    done
done
printf '\npeak RSS of the service: %s MB\n' "$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$PID/status)" |
    tee -a "$OUT/results.txt"
sql $DB -t <"$ROOT/docker/ops/check-invariants.sql" | tee -a "$OUT/results.txt"
