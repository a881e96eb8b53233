package com.ewallet.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import io.quarkus.logging.Log;

/**
 * Keeps a failed migration out of the schema history, and gives the {@link MigrationLock} up when migrate ends.
 * <p>
 * MySQL and MariaDB cannot roll DDL back, so Flyway records a failed migration ({@code success = 0}) and then refuses
 * every later start until someone runs {@code repair}: on a cluster of replicas, one failure stopped them all. Here the
 * failed row is deleted at once, so the next start simply runs the migration again once its cause is fixed (a V9 email
 * collision, a node that left the cluster mid-migration). Whether the failed migration left changes behind is told in
 * the log: the tables, columns and indexes are compared before and after it. A migration that failed before changing
 * anything is then safe to run again; one that changed the schema halfway fails again at its first statement that
 * already took effect ("already exists"), and the operator undoes the listed changes first (see docs/operations.md,
 * "Failed migrations").
 */
final class FailedMigrationCleanup implements Callback {

    private static final String SCHEMA = "SELECT CONCAT(table_name, '.', column_name, ' ', column_type,"
            + " IF(is_nullable = 'YES', ' null', ' not null')) FROM information_schema.columns"
            + " WHERE table_schema = DATABASE() UNION ALL SELECT CONCAT(table_name, ' index ', index_name, ' (',"
            + " GROUP_CONCAT(column_name ORDER BY seq_in_index), ')') FROM information_schema.statistics"
            + " WHERE table_schema = DATABASE() GROUP BY table_name, index_name";

    private final MigrationLock lock;
    private Set<String> schemaBefore = Set.of();
    private MigrationInfo failed;
    private Set<String> schemaAfter = Set.of();

    FailedMigrationCleanup(MigrationLock lock) {
        this.lock = lock;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_ERROR
                || event == Event.AFTER_MIGRATE_ERROR || event == Event.AFTER_MIGRATE_OPERATION_FINISH;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        switch (event) {
        case BEFORE_EACH_MIGRATE -> schemaBefore = schema(context.getConnection());
        case AFTER_EACH_MIGRATE_ERROR -> {
            failed = context.getMigrationInfo();
            schemaAfter = schema(context.getConnection());
        }
        case AFTER_MIGRATE_ERROR -> {
            try {
                removeFailedRow(context);
            } finally {
                lock.release();
            }
        }
        case AFTER_MIGRATE_OPERATION_FINISH -> lock.release();
        default -> {
        }
        }
    }

    @Override
    public String getCallbackName() {
        return "failed-migration-cleanup";
    }

    private void removeFailedRow(Context context) {
        if (failed == null || failed.getVersion() == null) {
            return;
        }
        String version = failed.getVersion().getVersion();
        String what = "V" + version + " (" + failed.getDescription() + ")";
        int removed;
        try (PreparedStatement delete = context.getConnection().prepareStatement(
                "DELETE FROM `" + context.getConfiguration().getTable() + "` WHERE version = ? AND success = 0")) {
            delete.setString(1, version);
            removed = delete.executeUpdate();
            if (!context.getConnection().getAutoCommit()) {
                context.getConnection().commit();
            }
        } catch (SQLException e) {
            Log.errorf(
                    "migration %s failed, and its failed entry could not be removed from the schema history (%s):"
                            + " remove it (DELETE FROM %s WHERE version = '%s' AND success = 0) before the next start",
                    what, e.getMessage(), context.getConfiguration().getTable(), version);
            return;
        }
        Set<String> added = difference(schemaAfter, schemaBefore);
        Set<String> dropped = difference(schemaBefore, schemaAfter);
        String entry = removed > 0 ? "its failed entry was removed from the schema history" : "it left no entry";
        if (added.isEmpty() && dropped.isEmpty()) {
            Log.errorf("migration %s failed and changed no table, column or index; %s. Fix the cause (the error"
                    + " below) and start again: the migration runs again from its start.", what, entry);
        } else {
            Log.errorf("migration %s failed HALFWAY and MySQL/MariaDB cannot roll DDL back; %s. Left behind: added"
                    + " [%s], dropped [%s]. Undo these changes (or restore a backup) and start again: the migration"
                    + " runs again from its start. See docs/operations.md, Failed migrations.", what, entry,
                    String.join("; ", added), String.join("; ", dropped));
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).limit(40).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> schema(Connection connection) {
        Set<String> items = new LinkedHashSet<>();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(SCHEMA)) {
            while (rows.next()) {
                items.add(rows.getString(1));
            }
        } catch (SQLException e) {
            Log.debugf("schema snapshot failed: %s", e.getMessage());
        }
        return items;
    }
}
