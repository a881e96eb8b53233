package com.ewallet.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the start-up migration safe with any number of replicas starting at once, on one server or on the nodes of a
 * Galera cluster: Quarkus builds Flyway (and calls this) right before its start-up actions (clean in tests, migrate),
 * and this blocks until the replica holds the cluster-wide {@link MigrationLock}. The first replica migrates; each of
 * the others takes the lock in turn once it is free, and its migrate finds nothing to apply and only validates. The
 * lock is given up when migrate has finished or failed ({@link FailedMigrationCleanup}), at the latest when the
 * application has started.
 * <p>
 * The lowest priority, so that the customizers that check the signing keys and the app-secret key run first: a start
 * without them must not touch the database, not even to create the lock table.
 */
@Singleton
@Priority(Integer.MIN_VALUE)
public class OneMigrationAtATime implements FlywayConfigurationCustomizer {

    /** A holder silent for this long (killed while migrating) loses the lock; heartbeats come every 5 s. */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);

    private MigrationLock lock;

    @Override
    public void customize(FluentConfiguration configuration) {
        lock = new MigrationLock(configuration.getDataSource(), STALE_AFTER);
        try {
            lock.acquire(POLL);
            createHistoryTable(configuration);
        } catch (SQLException e) {
            lock.release();
            throw new IllegalStateException("Could not take the schema migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema migration lock", e);
        }
        Callback[] callbacks = Arrays.copyOf(configuration.getCallbacks(), configuration.getCallbacks().length + 1);
        callbacks[callbacks.length - 1] = new FailedMigrationCleanup(lock);
        configuration.callbacks(callbacks);
    }

    void started(@Observes StartupEvent event) {
        if (lock != null) {
            lock.release();
        }
    }

    /**
     * The lock table makes a new database non-empty, and Flyway refuses to create its history in a non-empty schema
     * ("Use baseline()"). So the history table is created here, under the lock, exactly as Flyway 11 creates it on
     * MySQL and MariaDB ({@code SchemaHistoryTableTest} compares the two); on an existing database this is a no-op.
     */
    private static void createHistoryTable(FluentConfiguration configuration)
            throws SQLException, InterruptedException {
        String table = "`" + configuration.getTable() + "`";
        long giveUp = System.nanoTime() + MigrationLock.UNREACHABLE_FOR.toNanos();
        while (true) {
            try (Connection connection = configuration.getDataSource().getConnection();
                    Statement create = connection.createStatement()) {
                create.execute(historyTableDdl(table, configuration.getTable()));
                return;
            } catch (SQLException e) {
                if (!MigrationLock.isUnreachable(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    static String historyTableDdl(String quotedTable, String table) {
        return "CREATE TABLE IF NOT EXISTS " + quotedTable + " (`installed_rank` INT NOT NULL,"
                + " `version` VARCHAR(50), `description` VARCHAR(200) NOT NULL, `type` VARCHAR(20) NOT NULL,"
                + " `script` VARCHAR(1000) NOT NULL, `checksum` INT, `installed_by` VARCHAR(100) NOT NULL,"
                + " `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, `execution_time` INT NOT NULL,"
                + " `success` BOOL NOT NULL, CONSTRAINT `" + table + "_pk` PRIMARY KEY (`installed_rank`)," + " INDEX `"
                + table + "_s_idx` (`success`)) ENGINE=InnoDB";
    }
}
