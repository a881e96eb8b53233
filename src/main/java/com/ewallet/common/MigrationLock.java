package com.ewallet.common;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.quarkus.logging.Log;

/**
 * The schema migration lock that holds across a Galera cluster: one row in {@code flyway_schema_lock}, inserted in its
 * own autocommit statement ({@code INSERT IGNORE}: no row inserted means another holder). Flyway's own lock
 * ({@code GET_LOCK}) is local to the node that takes it, so replicas starting together on different nodes would all
 * migrate at once. An INSERT of the same primary key on two nodes is decided by Galera's certification: one commits,
 * the other fails with a certification conflict (1213) or, retried by the node as an autocommit statement, finds the
 * row; on one server the row lock decides the same way.
 * <p>
 * The holder refreshes {@code heartbeat_at} every few seconds; a row whose heartbeat is older than {@code staleAfter}
 * (its holder was killed) is taken over. Times are the database's, so replicas' clocks do not matter. Blocking JDBC, at
 * start-up only, on the main thread.
 */
public final class MigrationLock {

    static final String TABLE = "flyway_schema_lock";
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE
            + " (id TINYINT NOT NULL PRIMARY KEY, owner VARCHAR(200) NOT NULL,"
            + " acquired_at DATETIME(6) NOT NULL, heartbeat_at DATETIME(6) NOT NULL) ENGINE=InnoDB";
    // IGNORE: losing is the normal case and must not log the driver's warning for a duplicate key on every poll.
    private static final String INSERT = "INSERT IGNORE INTO " + TABLE + " (id, owner, acquired_at, heartbeat_at)"
            + " VALUES (1, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))";
    private static final String HOLDER = "SELECT owner, TIMESTAMPDIFF(SECOND, heartbeat_at, UTC_TIMESTAMP(6)),"
            + " TIMESTAMPDIFF(SECOND, acquired_at, UTC_TIMESTAMP(6)) FROM " + TABLE + " WHERE id = 1";
    private static final String TAKE_OVER = "DELETE FROM " + TABLE
            + " WHERE id = 1 AND owner = ? AND heartbeat_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND";
    private static final String BEAT = "UPDATE " + TABLE + " SET heartbeat_at = UTC_TIMESTAMP(6)"
            + " WHERE id = 1 AND owner = ?";
    private static final String RELEASE = "DELETE FROM " + TABLE + " WHERE id = 1 AND owner = ?";
    /** Another node or replica got the row first: 1062 duplicate key, 1213 Galera certification conflict. */
    private static final Set<Integer> LOST = Set.of(1062, 1213);
    /**
     * Worth another try: 1047 (a Galera node not yet ready, or outside the primary component), 1205 (lock wait
     * timeout), 1180/1181 (commit or rollback refused by wsrep).
     */
    private static final Set<Integer> TRANSIENT = Set.of(1047, 1205, 1180, 1181);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /**
     * How long a start-up keeps trying while the database cannot be reached (refused, or cut by a proxy whose node
     * check failed for a moment, as HAProxy does while a cluster node is starved) before it fails.
     */
    static final Duration UNREACHABLE_FOR = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private final String owner;
    private final Duration staleAfter;
    private final Duration unreachableFor;
    private ScheduledExecutorService heartbeat;
    private Thread releaseAtExit;
    private volatile boolean held;

    public MigrationLock(DataSource dataSource, Duration staleAfter) {
        this(dataSource, staleAfter, UNREACHABLE_FOR);
    }

    MigrationLock(DataSource dataSource, Duration staleAfter, Duration unreachableFor) {
        this.dataSource = dataSource;
        this.staleAfter = staleAfter;
        this.unreachableFor = unreachableFor;
        this.owner = ownerName();
    }

    public String owner() {
        return owner;
    }

    public boolean held() {
        return held;
    }

    /**
     * Blocks until this replica holds the lock, polling every {@code poll} (with jitter). Logs who it waits for, once
     * and then every 30 s. A database that cannot be reached is tried again for up to a minute.
     */
    public void acquire(Duration poll) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        long nextReport = 0;
        long unreachableSince = -1;
        while (true) {
            try {
                if (tryAcquire()) {
                    break;
                }
                unreachableSince = -1;
                long waited = System.nanoTime() - started;
                if (waited >= nextReport) {
                    Log.infof("waiting for the schema migration lock, held by %s", describeHolder());
                    nextReport = waited + TimeUnit.SECONDS.toNanos(30);
                }
            } catch (SQLException e) {
                long now = System.nanoTime();
                unreachableSince = unreachableSince < 0 ? now : unreachableSince;
                if (!isUnreachable(e) || now - unreachableSince >= unreachableFor.toNanos()) {
                    throw e;
                }
                Log.infof("schema migration lock: the database cannot be reached (%s), trying again", e.getMessage());
            }
            long ms = poll.toMillis();
            Thread.sleep(ms / 2 + ThreadLocalRandom.current().nextLong(ms + 1));
        }
        Log.infof("schema migration lock taken by %s after %d ms", owner,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** One attempt: true if this replica now holds the lock (a stale holder's row is removed first). */
    public boolean tryAcquire() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement create = connection.createStatement()) {
                create.execute(CREATE);
            }
            takeOverIfStale(connection);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, owner);
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
        } catch (SQLException e) {
            if (LOST.contains(e.getErrorCode())) {
                return false;
            }
            if (TRANSIENT.contains(e.getErrorCode())) {
                Log.infof("schema migration lock: database not ready (%d %s), trying again", e.getErrorCode(),
                        e.getMessage());
                return false;
            }
            throw e;
        }
        held = true;
        startHeartbeat();
        return true;
    }

    /**
     * No connection could be made, or it was cut before an answer (SQLState class 08): nothing ran, and the next try
     * may get through.
     */
    static boolean isUnreachable(SQLException e) {
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** Gives the lock up (idempotent). A missing table (a dev or test clean dropped it) is not an error. */
    public synchronized void release() {
        if (!held) {
            return;
        }
        held = false;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (releaseAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(releaseAtExit);
            } catch (IllegalStateException shuttingDown) {
                // Called from the hook itself.
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(RELEASE)) {
            connection.setAutoCommit(true);
            delete.setString(1, owner);
            delete.executeUpdate();
            Log.infof("schema migration lock released by %s", owner);
        } catch (SQLException e) {
            if (e.getErrorCode() != 1146) {
                Log.warnf("schema migration lock of %s not released (%s); others take it over after %s", owner,
                        e.getMessage(), staleAfter);
            }
        }
    }

    private void takeOverIfStale(Connection connection) throws SQLException {
        String holder;
        long sinceHeartbeat;
        try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery(HOLDER)) {
            if (!row.next()) {
                return;
            }
            holder = row.getString(1);
            sinceHeartbeat = row.getLong(2);
        }
        if (sinceHeartbeat < staleAfter.toSeconds()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(TAKE_OVER)) {
            delete.setString(1, holder);
            delete.setLong(2, staleAfter.toSeconds());
            if (delete.executeUpdate() == 1) {
                Log.warnf(
                        "schema migration lock of %s taken over: no heartbeat for %d s (its replica died while"
                                + " migrating? check the schema history and the log of the last migration)",
                        holder, sinceHeartbeat);
            }
        }
    }

    private String describeHolder() {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
                ResultSet row = select.executeQuery(HOLDER)) {
            return row.next() ? row.getString(1) + " for " + row.getLong(3) + " s" : "nobody (just released)";
        } catch (SQLException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schema-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        // A start-up that fails after the lock was taken (a failed validation, say) still gives it up on the way out;
        // only a killed process leaves the row, for the others to take over once it is stale.
        releaseAtExit = new Thread(this::release, "schema-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseAtExit);
    }

    private void beat() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(BEAT)) {
            connection.setAutoCommit(true);
            update.setString(1, owner);
            if (update.executeUpdate() == 0 && held) {
                Log.errorf("schema migration lock of %s was taken over while it migrates (no heartbeat for %s)", owner,
                        staleAfter);
            }
        } catch (SQLException e) {
            Log.debugf("schema migration lock heartbeat failed: %s", e.getMessage());
        }
    }

    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = host + " pid " + ProcessHandle.current().pid() + " "
                + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
