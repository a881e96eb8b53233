#!/usr/bin/env bash
# Shows readiness following the database: UP, DOWN while MariaDB is stopped, UP again by itself when it is
# back; liveness stays UP throughout. Stops and starts the local MariaDB: run it on a dev machine, not in CI.
source "$(dirname "$0")/common.sh"
build
start_service >/dev/null
echo "ready: $(curl -s -o /dev/null -w '%{http_code}' "$MANAGEMENT/q/health/ready")"
trap 'cleanup; pgrep -x mariadbd >/dev/null || start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd' EXIT
mariadb-admin -uroot -h127.0.0.1 shutdown
echo "database stopped; readiness DOWN after $(wait_for 503 60)s; liveness $(curl -s -o /dev/null -w '%{http_code}' "$MANAGEMENT/q/health/live")"
while pgrep -x mariadbd >/dev/null; do sleep 0.5; done
start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
echo "database started; readiness UP again after $(wait_for 200 120)s"
