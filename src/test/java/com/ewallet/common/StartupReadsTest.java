package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/**
 * Start-up reads against the real database: a connection killed under the read (as HAProxy cuts the connections of a
 * node it marks down) is tried again on a fresh one; a real error stops at once; a database that stays away is given up
 * after the patience.
 */
class StartupReadsTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final Pool DATABASE = pool(Integer.parseInt(env("DB_PORT", "3306")));

    @AfterAll
    static void close() throws Exception {
        get(DATABASE.close());
        get(VERTX.close());
    }

    @Test
    void aConnectionKilledUnderTheReadIsTriedAgainOnAFreshOne() throws Throwable {
        AtomicInteger attempts = new AtomicInteger();

        long answer = StartupReads.retrying("test read", () -> {
            if (attempts.incrementAndGet() == 1) {
                SqlConnection doomed = get(DATABASE.getConnection());
                try {
                    long id = get(doomed.query("SELECT CONNECTION_ID()").execute()).iterator().next().getLong(0);
                    get(DATABASE.query("KILL " + id).execute());
                    return get(doomed.query("SELECT 41").execute()).iterator().next().getLong(0);
                } finally {
                    doomed.close();
                }
            }
            return get(DATABASE.query("SELECT 42").execute()).iterator().next().getLong(0);
        }, Duration.ofSeconds(10), Duration.ofMillis(50));

        assertThat(answer).isEqualTo(42);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aFailureThatIsNotTheDatabaseGoingAwayStopsTheStartAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> StartupReads.retrying("test read", () -> {
            attempts.incrementAndGet();
            return get(DATABASE.query("SELECT * FROM startup_reads_no_such_table").execute());
        }, Duration.ofSeconds(10), Duration.ofMillis(50))).hasRootCauseInstanceOf(MySQLException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aDatabaseThatStaysAwayIsGivenUpAfterThePatience() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Pool nowhere = pool(closedPort);
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> StartupReads.retrying("test read", () -> {
                attempts.incrementAndGet();
                return get(nowhere.query("SELECT 1").execute());
            }, Duration.ofSeconds(1), Duration.ofMillis(100)))
                    .satisfies(e -> assertThat(StartupReads.isPassing(e)).isTrue());
        } finally {
            get(nowhere.close());
        }
        assertThat(attempts.get()).isGreaterThan(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    private static Pool pool(int port) {
        return MySQLBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(new MySQLConnectOptions().setHost(env("DB_HOST", "127.0.0.1")).setPort(port)
                        .setUser(env("DB_USER", "root")).setPassword(env("DB_PASSWORD", "")))
                .using(VERTX).build();
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
