#!/bin/sh
# HAProxy's external check of one Galera node (written into haproxy.cfg by `docker/ops/galera.sh proxy`).
# HAProxy calls it with: proxy_address proxy_port server_address server_port. Exit 0 (node UP) only when the node
# answers within a second and is Synced (wsrep_local_state 4) and ready (wsrep_ready ON): a node that is joining,
# donating, or cut off from the primary component answers connections but refuses or stalls their statements.
# Root without a password, as on the whole loopback dev cluster; a cluster with passwords would give this check
# a user of its own (no privileges are needed to read these status variables) in a --defaults-extra-file.
state=$(mariadb --no-defaults --protocol=TCP -h"$3" -P"$4" -uroot --connect-timeout=3 -N -B -e \
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state', 'wsrep_ready')" 2>/dev/null) || exit 1
printf '%s\n' "$state" | grep -q '^wsrep_local_state	4$' && printf '%s\n' "$state" | grep -q '^wsrep_ready	ON$'
