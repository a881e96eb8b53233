package com.ewallet.common.repository;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The Galera state of the database node the reactive pool reaches. {@code SHOW VARIABLES} and {@code SHOW STATUS} run
 * on MySQL 8 and MariaDB alike and need no privilege. MySQL has no {@code wsrep_} rows at all; Debian's MariaDB has
 * them with {@code wsrep_on=OFF} (and {@code wsrep_ready=OFF}) when it is not a cluster node.
 */
@ApplicationScoped
public class NodeStateRepository {

    private static final String WSREP_ON = "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_sync_wait')";
    private static final String STATUS = "SHOW GLOBAL STATUS WHERE Variable_name IN"
            + " ('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_status')";

    private final Pool pool;

    public NodeStateRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code wsrep_ready}, {@code wsrep_local_state_comment}, {@code wsrep_cluster_status} and the node's default
     * {@code wsrep_sync_wait}; empty when the server is not a Galera node (no {@code wsrep_on}, or
     * {@code wsrep_on=OFF}).
     */
    public Uni<Map<String, String>> wsrepStatus() {
        return pool.query(WSREP_ON).execute().flatMap(on -> {
            Map<String, String> variable = values(on);
            if (!"ON".equalsIgnoreCase(variable.get("wsrep_on"))) {
                return Uni.createFrom().item(Map.of());
            }
            return pool.query(STATUS).execute().map(NodeStateRepository::values).map(status -> {
                status.put("wsrep_sync_wait", variable.getOrDefault("wsrep_sync_wait", "0"));
                return status;
            });
        });
    }

    private static Map<String, String> values(Iterable<Row> rows) {
        Map<String, String> values = new HashMap<>();
        for (Row row : rows) {
            values.put(row.getString(0).toLowerCase(Locale.ROOT), row.getString(1));
        }
        return values;
    }
}
