package com.ewallet.common;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Fails start-up when the schema is missing. Without a JDBC URL Flyway is skipped silently and the first request would
 * fail instead; here the service refuses to start with a message that says why.
 */
@ApplicationScoped
public class StartupSchemaCheck {

    private final Pool pool;

    public StartupSchemaCheck(Pool pool) {
        this.pool = pool;
    }

    void check(@Observes StartupEvent event) throws Throwable {
        String version;
        try {
            Row row = StartupReads.retrying("checking the schema", () -> pool
                    .query("SELECT MAX(CAST(version AS UNSIGNED)) AS v FROM flyway_schema_history WHERE success = 1")
                    .execute().await().atMost(Duration.ofSeconds(30)).iterator().next());
            version = String.valueOf(row.getValue("v"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("The database schema is missing or unreadable (" + e.getMessage()
                    + "). Flyway creates it at start-up from quarkus.datasource.jdbc.url: check that it and "
                    + "quarkus.datasource.reactive.url name the same reachable database.", e);
        }
        Log.infof("database schema at version %s", version);
    }
}
