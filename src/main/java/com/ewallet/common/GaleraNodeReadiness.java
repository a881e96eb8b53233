package com.ewallet.common;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.ewallet.common.repository.NodeStateRepository;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness follows the Galera state of the node this replica uses: DOWN unless the node is {@code Synced}, ready
 * ({@code wsrep_ready=ON}) and in the primary component. A joining node answers 1047 to every statement; a donor or
 * desynced node ({@code wsrep_desync}, a backup) lags the cluster, and an rsync donor blocks writes for the whole
 * transfer: traffic goes to the other replicas meanwhile, and comes back by itself. On a server without Galera there is
 * no such state: UP. An unreachable database is the datasource check's business (DOWN there).
 */
@Readiness
@ApplicationScoped
public class GaleraNodeReadiness implements AsyncHealthCheck {

    static final String NAME = "Galera node synced";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final NodeStateRepository nodes;

    public GaleraNodeReadiness(NodeStateRepository nodes) {
        this.nodes = nodes;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return nodes.wsrepStatus().ifNoItem().after(TIMEOUT).fail().map(GaleraNodeReadiness::judge).onFailure()
                .recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }

    static HealthCheckResponse judge(Map<String, String> status) {
        if (status.isEmpty()) {
            return HealthCheckResponse.named(NAME).up().withData("galera", false).build();
        }
        String ready = status.getOrDefault("wsrep_ready", "OFF");
        String state = status.getOrDefault("wsrep_local_state_comment", "unknown");
        String cluster = status.getOrDefault("wsrep_cluster_status", "unknown");
        boolean up = "ON".equalsIgnoreCase(ready) && "Synced".equalsIgnoreCase(state)
                && "Primary".equalsIgnoreCase(cluster);
        return HealthCheckResponse.named(NAME).status(up).withData("galera", true).withData("wsrep_ready", ready)
                .withData("state", state).withData("cluster_status", cluster)
                // 0 means reads through this node may miss writes just made through another (docs/operations.md).
                .withData("sync_wait", status.getOrDefault("wsrep_sync_wait", "0")).build();
    }
}
