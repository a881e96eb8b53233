package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * What a Galera cluster needs of the schema and of the start-up migration, on the plain server with scratch databases
 * of this test's own: every table has a primary key and is InnoDB (Galera replicates only InnoDB, and a table without a
 * primary key replicates badly or not at all), with a negative control; the history table created before Flyway is
 * Flyway's own; the migration lock admits one holder, takes over a stale one, and a failed migration leaves no entry in
 * the history. Plain JDBC and Flyway, as at start-up.
 */
class SchemaForClustersTest {

    private static final String BASE = env("DB_TEST_NAME", "ewallet_test");
    private static final List<String> CREATED = new ArrayList<>();

    /** Tables a Galera cluster cannot replicate properly: without a primary key, or not InnoDB. */
    static final String UNFIT_TABLES = "SELECT t.table_name FROM information_schema.tables t"
            + " WHERE t.table_schema = ? AND t.table_type = 'BASE TABLE' AND (t.engine <> 'InnoDB' OR NOT EXISTS"
            + " (SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema"
            + " AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')) ORDER BY t.table_name";

    @Test
    void everyTableOfTheMigratedSchemaHasAPrimaryKeyAndIsInnoDb() throws Exception {
        DataSource db = fresh("_pk");
        migrate(db);
        new MigrationLock(db, Duration.ofMinutes(1)).tryAcquire();

        assertThat(tables(db)).contains("users", "accounts", "ledger_entries", "flyway_schema_history",
                MigrationLock.TABLE);
        assertThat(unfitTables(db, BASE + "_pk")).isEmpty();
    }

    @Test
    void theCheckFindsATableWithoutAPrimaryKeyAndANonInnoDbTable() throws Exception {
        DataSource db = fresh("_nopk");
        execute(db, "CREATE TABLE with_key (id INT PRIMARY KEY) ENGINE=InnoDB");
        execute(db, "CREATE TABLE without_key (id INT, note VARCHAR(10), UNIQUE KEY (id)) ENGINE=InnoDB");
        execute(db, "CREATE TABLE not_innodb (id INT PRIMARY KEY) ENGINE=MyISAM");

        assertThat(unfitTables(db, BASE + "_nopk")).containsExactly("not_innodb", "without_key");
    }

    @Test
    void theHistoryTableMadeBeforeFlywayIsTheOneFlywayMakes() throws Exception {
        DataSource flyways = fresh("_hist_flyway");
        Flyway.configure().dataSource(flyways).locations("classpath:db/no-migrations").load().migrate();
        DataSource ours = fresh("_hist_ours");
        execute(ours, OneMigrationAtATime.historyTableDdl("`flyway_schema_history`", "flyway_schema_history"));

        assertThat(shape(ours, BASE + "_hist_ours")).isEqualTo(shape(flyways, BASE + "_hist_flyway")).isNotEmpty();
    }

    @Test
    void theLockAdmitsOneHolderAtATimeAndTakesOverAStaleOne() throws Exception {
        DataSource db = fresh("_lock");
        MigrationLock first = new MigrationLock(db, Duration.ofSeconds(60));
        MigrationLock second = new MigrationLock(db, Duration.ofSeconds(60));

        assertThat(first.tryAcquire()).isTrue();
        assertThat(second.tryAcquire()).isFalse();
        first.release();
        assertThat(second.tryAcquire()).isTrue();

        // The second holder dies without a heartbeat for longer than staleAfter: a third one takes over, and the late
        // release of the dead one removes nothing.
        execute(db, "UPDATE " + MigrationLock.TABLE + " SET heartbeat_at = UTC_TIMESTAMP(6) - INTERVAL 61 SECOND");
        MigrationLock third = new MigrationLock(db, Duration.ofSeconds(60));
        assertThat(third.tryAcquire()).isTrue();
        second.release();
        assertThat(holder(db)).isEqualTo(third.owner());
        third.release();
        assertThat(holder(db)).isNull();
    }

    @Test
    void aMigrationThatFailsHalfwayLeavesNoEntryInTheHistoryAndRunsAgainOnceFixed() throws Exception {
        DataSource db = fresh("_failed");
        MigrationLock lock = new MigrationLock(db, Duration.ofSeconds(60));
        assertThat(lock.tryAcquire()).isTrue();
        execute(db, OneMigrationAtATime.historyTableDdl("`flyway_schema_history`", "flyway_schema_history"));
        Flyway flyway = Flyway.configure().dataSource(db).locations("classpath:db/no-migrations")
                .javaMigrations(new V1__first(), new V2__fails_halfway()).callbacks(new FailedMigrationCleanup(lock))
                .load();

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class).hasStackTraceContaining("boom");

        assertThat(history(db)).containsExactly("1=1");
        assertThat(lock.held()).as("released when migrate failed").isFalse();
        assertThat(holder(db)).isNull();
        // The operator undoes what V2 left (the table it created), fixes the cause and starts again.
        execute(db, "DROP TABLE second_table");
        V2__fails_halfway.fail = false;
        Flyway.configure().configuration(flyway.getConfiguration()).load().migrate();
        assertThat(history(db)).containsExactly("1=1", "2=1");
    }

    public static class V1__first extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("CREATE TABLE first_table (id INT PRIMARY KEY)");
            }
        }
    }

    public static class V2__fails_halfway extends BaseJavaMigration {
        static volatile boolean fail = true;

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("CREATE TABLE second_table (id INT PRIMARY KEY)");
            }
            if (fail) {
                throw new IllegalStateException("boom");
            }
        }
    }

    /**
     * A start-up whose database cannot be reached for a moment (a proxy that accepts connections and closes them, as
     * HAProxy does while it counts its only node down) keeps trying, and takes the lock once the database answers.
     */
    @Test
    void theLockWaitsForADatabaseThatCannotBeReachedForAMoment() throws Exception {
        MariaDbDataSource real = (MariaDbDataSource) fresh("_unreachable");
        try (ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            MariaDbDataSource db = new MariaDbDataSource(
                    "jdbc:mariadb://127.0.0.1:" + closing.getLocalPort() + "/x?connectTimeout=2000&socketTimeout=2000");
            db.setUser(real.getUser());
            db.setPassword(env("DB_PASSWORD", ""));
            AtomicInteger cut = new AtomicInteger();
            Thread proxy = new Thread(() -> {
                try {
                    while (cut.get() < 3) {
                        try (Socket connection = closing.accept()) {
                            if (cut.incrementAndGet() == 3) {
                                // Before the third cut: the next try reaches the database.
                                db.setUrl(real.getUrl());
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            proxy.start();
            MigrationLock lock = new MigrationLock(db, Duration.ofSeconds(60));
            lock.acquire(Duration.ofMillis(200));
            proxy.join(10_000);

            assertThat(cut.get()).as("connections cut before the database answered").isEqualTo(3);
            assertThat(lock.held()).isTrue();
            assertThat(holder(real)).isEqualTo(lock.owner());
            lock.release();
        }
    }

    /** A database that stays out of reach fails the start-up with the connection's error, after the given time. */
    @Test
    void theLockGivesUpOnADatabaseThatStaysOutOfReach() throws Exception {
        try (ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread proxy = new Thread(() -> {
                while (!closing.isClosed()) {
                    try {
                        closing.accept().close();
                    } catch (IOException stopped) {
                        return;
                    }
                }
            });
            proxy.start();
            MariaDbDataSource db = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + closing.getLocalPort() + "/x");
            MigrationLock lock = new MigrationLock(db, Duration.ofSeconds(60), Duration.ofSeconds(2));
            long started = System.nanoTime();

            assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(200)))
                    .isInstanceOf(SQLNonTransientConnectionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(lock.held()).isFalse();
        }
    }

    @AfterAll
    static void dropScratchDatabases() throws SQLException {
        for (String database : CREATED) {
            execute(dataSource(""), "DROP DATABASE IF EXISTS " + database);
        }
    }

    private static void migrate(DataSource db) {
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }

    private static DataSource fresh(String suffix) throws SQLException {
        MariaDbDataSource server = dataSource("");
        execute(server, "DROP DATABASE IF EXISTS " + BASE + suffix);
        execute(server, "CREATE DATABASE " + BASE + suffix);
        CREATED.add(BASE + suffix);
        return dataSource(BASE + suffix);
    }

    private static MariaDbDataSource dataSource(String database) throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(
                "jdbc:mariadb://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "3306") + "/" + database);
        ds.setUser(env("DB_USER", "root"));
        ds.setPassword(env("DB_PASSWORD", ""));
        return ds;
    }

    static List<String> unfitTables(DataSource db, String schema) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(UNFIT_TABLES)) {
            select.setString(1, schema);
            return strings(select.executeQuery());
        }
    }

    private static List<String> tables(DataSource db) throws SQLException {
        return query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
    }

    private static List<String> shape(DataSource db, String schema) throws SQLException {
        return query(db, "SELECT CONCAT(column_name, ' ', column_type, ' ', is_nullable, ' ', IFNULL(column_default,"
                + " '-'), ' ', ordinal_position) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'flyway_schema_history' UNION ALL SELECT CONCAT(index_name, ' ', column_name,"
                + " ' ', non_unique) FROM information_schema.statistics WHERE table_schema = '" + schema
                + "' AND table_name = 'flyway_schema_history' UNION ALL SELECT CONCAT(engine, ' ', table_collation)"
                + " FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name = 'flyway_schema_history' ORDER BY 1");
    }

    private static List<String> history(DataSource db) throws SQLException {
        return query(db, "SELECT CONCAT(version, '=', success) FROM flyway_schema_history ORDER BY installed_rank");
    }

    private static String holder(DataSource db) throws SQLException {
        List<String> owners = query(db, "SELECT owner FROM " + MigrationLock.TABLE);
        return owners.isEmpty() ? null : owners.get(0);
    }

    private static List<String> query(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement select = c.createStatement()) {
            return strings(select.executeQuery(sql));
        }
    }

    private static List<String> strings(ResultSet rows) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
            values.add(rows.getString(1));
        }
        return values;
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
