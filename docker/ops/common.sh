# Shared by the ops scripts: build the jar if needed, make throwaway keys, start and stop the service.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PORT=${PORT:-18080}
# Health and metrics are on the management port, never on the API port.
MANAGEMENT_PORT=${MANAGEMENT_PORT:-$((PORT + 1000))}
export DB_NAME=${DB_NAME:-ewallet_ops}
WORK=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"
MANAGEMENT="http://127.0.0.1:$MANAGEMENT_PORT"

build() {
    [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
    openssl rsa -in "$WORK/private.pem" -pubout -out "$WORK/public.pem" 2>/dev/null
    openssl rand -base64 32 >"$WORK/app-secret.kek"
}

# The ops checks time readiness and failover, not the warm-up: WARM_UP=0s unless the caller sets it.
start_service() {
    WALLET_AUTH_PRIVATE_KEY_LOCATION="$WORK/private.pem" WALLET_AUTH_PUBLIC_KEY_LOCATION="$WORK/public.pem" \
        WALLET_DEVELOPER_SECRET_KEK_LOCATION="$WORK/app-secret.kek" WALLET_AUTH_COOKIE_SECURE=false LOG_JSON=false PORT=$PORT MANAGEMENT_PORT=$MANAGEMENT_PORT SHUTDOWN_DELAY=${SHUTDOWN_DELAY:-2s} \
        WALLET_USERS_REGISTRATIONS_PER_ADDRESS=1000000 WARM_UP=${WARM_UP:-0s} \
        java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >>"$WORK/service.log" 2>&1 &
    SERVICE_PID=$!
    wait_for 200 60
}

# wait_for STATUS SECONDS: polls readiness until it answers STATUS.
wait_for() {
    local want=$1 limit=$2 t=0
    while [ "$(curl -s -o /dev/null -w '%{http_code}' "$MANAGEMENT/q/health/ready" || true)" != "$want" ]; do
        sleep 0.5; t=$((t + 1))
        if [ $t -ge $((limit * 2)) ]; then echo "readiness did not become $want within ${limit}s" >&2; return 1; fi
    done
    echo "$((t / 2))"
}

db() { mariadb -uroot -h127.0.0.1 -N "$DB_NAME" "$@"; }

cleanup() { [ -n "${SERVICE_PID:-}" ] && kill "$SERVICE_PID" 2>/dev/null || true; }
trap cleanup EXIT
