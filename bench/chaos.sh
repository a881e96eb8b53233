#!/usr/bin/env bash
# Reliability under load. While wallet and bank transfers run: (1) restart the database, (2) kill -9 the
# service and start it again, (3) send 10 concurrent retries with one Idempotency-Key. After each step the
# checker (docker/ops/check-invariants.sql) must report 0 everywhere, and readiness must have gone down and
# come back. Stops and starts the local MariaDB: a dev machine's tool, not CI's. Bounded: ~2 minutes.
export DB_NAME=ewallet_chaos PORT=${PORT:-18095}
source "$(dirname "$0")/../docker/ops/common.sh"
sql_root() { mariadb -uroot -h127.0.0.1 -N "$@"; }
sql_root -e "DROP DATABASE IF EXISTS $DB_NAME"
build
start_service >/dev/null

# 32 users with 1,000,000 each, logged in; sessions for wrk in bench/lua/wallet.lua's format.
: >"$WORK/sessions"
for i in $(seq 1 32); do
    curl -s -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"email\":\"chaos-$i@example.com\",\"password\":\"correct-horse-42\",\"name\":\"C\",\"mobile\":\"6289977$(printf %05d $i)\"}" "$BASE/users"
    curl -s -o /dev/null -c "$WORK/jar$i" -H 'Content-Type: application/json' \
        -d "{\"email\":\"chaos-$i@example.com\",\"password\":\"correct-horse-42\"}" "$BASE/token/auth"
    cookie=$(awk '/access_token_cookie/ {print $7}' "$WORK/jar$i"); csrf=$(awk '/csrf_access_token/ {print $7}' "$WORK/jar$i")
    curl -s -o /dev/null -H "Cookie: access_token_cookie=$cookie" -H "X-CSRF-TOKEN: $csrf" -H 'location: chaos' \
        -H 'ip-address: 127.0.0.1' -H 'Content-Type: application/json' -d '{"amount":1000000}' "$BASE/api/topup"
    echo "$cookie $csrf $(db -e "SELECT a.account_number FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = 'chaos-$i@example.com'")" >>"$WORK/sessions"
done

load() { # load SCENARIO SECONDS: transfers in the background
    SCENARIO=$1 SESSIONS="$WORK/sessions" wrk -t2 -c16 -d"$2s" -s "$ROOT/bench/lua/wallet.lua" "$BASE" >"$WORK/wrk-$1.log" 2>&1 &
    LOADS+=($!)
}
# Waits for the load only (the service is a background job of this shell too).
wait_load() { wait "${LOADS[@]}" || true; LOADS=(); }
LOADS=()
check() {
    local bad
    bad=$(db <"$ROOT/docker/ops/check-invariants.sql" | awk -F'\t' '$2 != 0' | wc -l)
    printf '  invariants: %s  (ledger rows %s, bank transfers %s)\n' "$([ "$bad" = 0 ] && echo 'all 0' || echo "$bad VIOLATED")" \
        "$(db -e 'SELECT COUNT(*) FROM ledger_entries')" "$(db -e 'SELECT COUNT(*) FROM bank_transfers')"
    [ "$bad" = 0 ] || { db -t <"$ROOT/docker/ops/check-invariants.sql"; exit 1; }
}

echo "1. database restart under load"
load wallet 20; load bank 20
sleep 4
mariadb-admin -uroot -h127.0.0.1 shutdown
down=$(wait_for 503 30)
while pgrep -x mariadbd >/dev/null; do sleep 0.5; done
sleep 2
start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
up=$(wait_for 200 120)
echo "  readiness DOWN after ${down}s, UP again ${up}s after the restart"
wait_load
check

echo "2. kill -9 of the service under load"
load wallet 12; load bank 12
sleep 4
kill -9 "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null || true
echo "  readiness while dead: $(curl -s -o /dev/null -w '%{http_code}' "$MANAGEMENT/q/health/ready")"
start_service >/dev/null
echo "  service restarted and ready"
wait_load
check

echo "3. ten concurrent retries with one Idempotency-Key"
read -r cookie csrf _ <"$WORK/sessions"
before=$(db -e 'SELECT COUNT(*) FROM ledger_entries')
seq 1 10 | xargs -P 10 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: access_token_cookie=$cookie" \
    -H "X-CSRF-TOKEN: $csrf" -H 'location: chaos' -H 'ip-address: 127.0.0.1' -H 'Idempotency-Key: chaos-once' \
    -H 'Content-Type: application/json' -d '{"amount":5,"code":"bri"}' "$BASE/api/transfer" >"$WORK/retries"
echo "  answers: $(sort "$WORK/retries" | uniq -c | tr '\n' ' ')"
echo "  ledger rows added: $(( $(db -e 'SELECT COUNT(*) FROM ledger_entries') - before )) (must be 1)"
[ "$(( $(db -e 'SELECT COUNT(*) FROM ledger_entries') - before ))" = 1 ] || exit 1
check
echo "chaos checks passed"
