#!/usr/bin/env bash
# SIGTERM while transfers are in flight: each transfer either fully happens or not at all. Starts the
# service, funds a user, fires transfers, sends SIGTERM in the middle, restarts, and checks the books.
source "$(dirname "$0")/common.sh"
build
start_service >/dev/null
email="shutdown-$RANDOM$RANDOM@example.com"
curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct-horse-42\",\"name\":\"S\",\"mobile\":\"62812$RANDOM$RANDOM\"}" "$BASE/users"
curl -s -o /dev/null -c "$WORK/jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct-horse-42\"}" "$BASE/token/auth"
csrf=$(awk '/csrf_access_token/ {print $7}' "$WORK/jar")
money() {
    curl -s -o /dev/null -w '%{http_code}\n' -b "$WORK/jar" -H "X-CSRF-TOKEN: $csrf" -H 'location: ops' \
        -H 'ip-address: 127.0.0.1' -H 'Content-Type: application/json' -d "$1" "$BASE/api/$2"
}
money '{"amount":1000000}' topup >/dev/null
seq 1 400 | xargs -P 16 -I{} bash -c "$(declare -f money); WORK=$WORK csrf=$csrf BASE=$BASE money '{\"amount\":7,\"code\":\"bni\"}' transfer" \
    >"$WORK/statuses" 2>/dev/null &
load=$!
sleep 1
kill -TERM "$SERVICE_PID"
wait "$SERVICE_PID" || true
wait "$load" || true
echo "answers while shutting down: $(sort "$WORK/statuses" | uniq -c | tr '\n' ' ')"
ok=$(grep -c '^200$' "$WORK/statuses" || true)
start_service >/dev/null
moved=$(db -e "SELECT COUNT(*) FROM bank_transfers b JOIN accounts a ON a.id = b.account_id JOIN users u ON u.id = a.user_id WHERE u.email = '$email'")
echo "transfers answered 200: $ok; transfers in the books: $moved (>= $ok: some may commit after the client lost its answer)"
db -t < "$(dirname "$0")/check-invariants.sql"
