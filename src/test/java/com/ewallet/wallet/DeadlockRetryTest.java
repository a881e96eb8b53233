package com.ewallet.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A money transaction the database aborts is run again whole, with its key and reference: real InnoDB deadlocks (the
 * error 1213 a Galera certification failure also gives), made on purpose with the test's own connections. The test
 * holds the payer's account row while the service's transaction, which has inserted its Idempotency-Key first, waits
 * for it; then the test asks for the key's row, closing the cycle. InnoDB rolls back the lighter transaction, and the
 * test's has written a few hundred rows first, so the victim is always the service's.
 */
@QuarkusTest
class DeadlockRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * The requests that must wait run here, not in the common pool: on Java 25 its threads lack the test's class loader
     * (rest-assured's Jackson then fails to load its modules).
     */
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();
    /** wallet.transactions.retries in the test profile (the default). */
    private static final int RETRIES = 6;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Test
    void aTopUpChosenAsADeadlockVictimIsRunAgainAndSucceedsOnce() throws Exception {
        TestClient user = TestClient.registered();
        long userId = userId(user);
        String key = UUID.randomUUID().toString();
        double retriedBefore = counter("wallet.transactions.retried");

        CompletableFuture<Response> answer;
        try (Deadlocks deadlocks = new Deadlocks(userId, key)) {
            answer = CompletableFuture.supplyAsync(
                    () -> user.money().header("Idempotency-Key", key).body(Map.of("amount", 700)).post("/api/topup"),
                    CLIENTS);
            deadlocks.victimise(1);
        }
        Response topUp = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        topUp.then().statusCode(200).body("balance", equalTo(700));
        assertThat(topUp.header("Idempotent-Replayed")).isNull();
        assertThat(counter("wallet.transactions.retried") - retriedBefore).isGreaterThanOrEqualTo(1);
        assertThat(user.balance()).isEqualTo(700);
        assertThat(user.historySize()).isEqualTo(1);
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 700)).post("/api/topup").then()
                .statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(user.balance()).isEqualTo(700);
    }

    @Test
    void aTransferAbortedMoreOftenThanItIsRetriedIs503WithRetryAfterAndWritesNothing() throws Exception {
        TestClient payer = TestClient.registered();
        TestClient payee = TestClient.registered();
        payer.topUp(1000).then().statusCode(200);
        long userId = userId(payer);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("amount", 300, "account", payee.accountNumber);
        double exhaustedBefore = counter("wallet.transactions.exhausted");

        CompletableFuture<Response> answer;
        try (Deadlocks deadlocks = new Deadlocks(userId, key)) {
            answer = CompletableFuture.supplyAsync(
                    () -> payer.money().header("Idempotency-Key", key).body(body).post("/api/transfer"), CLIENTS);
            deadlocks.victimise(RETRIES + 1);
            answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(503).header("Retry-After", "1")
                    .body("code", equalTo("UNAVAILABLE"));
        }

        assertThat(counter("wallet.transactions.exhausted") - exhaustedBefore).isEqualTo(1);
        assertThat(payer.balance()).isEqualTo(1000);
        assertThat(payee.balance()).isZero();
        assertThat(payer.historySize()).isEqualTo(1);
        assertThat(pool.preparedQuery("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = ? AND idem_key = ?")
                .execute(Tuple.of(userId, key)).await().atMost(WAIT).iterator().next().getLong(0)).isZero();
        // The key was left unused: the client's retry runs.
        Response retry = payer.money().header("Idempotency-Key", key).body(body).post("/api/transfer");
        retry.then().statusCode(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(payer.balance()).isEqualTo(700);
        assertThat(payee.balance()).isEqualTo(300);
    }

    @Test
    void aRegistrationChosenAsADeadlockVictimIsRunAgainThroughANewSessionAndCreatesOneUser() throws Exception {
        long weightOwner = userId(TestClient.registered());
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        double retriedBefore = counter("wallet.transactions.retried");

        SqlConnection test = pool.getConnection().await().atMost(WAIT);
        Transaction transaction = test.begin().await().atMost(WAIT);
        CompletableFuture<Response> answer;
        try {
            weigh(test, weightOwner, 9);
            long lastAccount = test.query("SELECT MAX(id) FROM accounts").execute().await().atMost(WAIT).iterator()
                    .next().getLong(0);
            // Every new account row goes after the last one: this gap lock holds them all back.
            test.preparedQuery("SELECT id FROM accounts WHERE id > ? FOR UPDATE").execute(Tuple.of(lastAccount)).await()
                    .atMost(WAIT);
            answer = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON).body(Map.of("email",
                    email, "password", "correct-horse-42", "name", "Test User", "mobile", TestClient.freshMobile()))
                    .post("/users"), CLIENTS);
            // The registration has inserted its user row and waits to insert the account row.
            waitFor(() -> pool
                    .query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                            + " AND INFO LIKE 'insert into accounts%'")
                    .execute().await().atMost(WAIT).iterator().next().getLong(0) > 0,
                    "the registration waiting to insert its account");
            test.preparedQuery("SELECT id FROM users WHERE email = ? FOR UPDATE").execute(Tuple.of(email)).await()
                    .atMost(WAIT);
        } finally {
            transaction.rollback().await().atMost(WAIT);
            test.close().await().atMost(WAIT);
        }

        answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).then().statusCode(201);
        assertThat(counter("wallet.transactions.retried") - retriedBefore).isGreaterThanOrEqualTo(1);
        assertThat(pool
                .preparedQuery(
                        "SELECT COUNT(*) FROM users u JOIN accounts a ON a.user_id = u.id" + " WHERE u.email = ?")
                .execute(Tuple.of(email)).await().atMost(WAIT).iterator().next().getLong(0)).isEqualTo(1);
        TestClient.loggedIn(email).topUp(10).then().statusCode(200);
    }

    /** Rows a test transaction writes (and rolls back) so that InnoDB picks the service's as a deadlock's victim. */
    private static void weigh(SqlConnection connection, long userId, int generation) {
        connection
                .preparedQuery("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, reference,"
                        + " created_at) SELECT ?, CONCAT('~weight-', ?, '-', seq), 'x', NULL, NOW(6)"
                        + " FROM (SELECT a.n * 20 + b.n AS seq FROM " + DIGITS + " a, " + DIGITS + " b) s")
                .execute(Tuple.of(userId, generation)).await().atMost(WAIT);
    }

    private double counter(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private long userId(TestClient user) {
        return pool.preparedQuery("SELECT user_id FROM accounts WHERE account_number = ?")
                .execute(Tuple.of(user.accountNumber)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /**
     * One test transaction holding the payer's account row, which makes runs of the service's transaction deadlock
     * victims one after the other. It runs at READ COMMITTED, so asking for the key's row leaves no gap lock behind
     * once the victim's row is gone: the next run inserts its key again and waits for the account row, ready to be made
     * a victim again.
     */
    private final class Deadlocks implements AutoCloseable {

        private final long userId;
        private final String key;
        private final SqlConnection connection;
        private final Transaction transaction;
        private final long threadId;
        /** The query id of the service's statement last made a victim. */
        private long lastRun = -1;

        Deadlocks(long userId, String key) {
            this.userId = userId;
            this.key = key;
            connection = pool.getConnection().await().atMost(WAIT);
            threadId = connection.query("SELECT CONNECTION_ID()").execute().await().atMost(WAIT).iterator().next()
                    .getLong(0);
            // The next transaction only: the connection goes back to the pool afterwards.
            connection.query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED").execute().await().atMost(WAIT);
            transaction = connection.begin().await().atMost(WAIT);
            weigh(connection, userId, 0);
            connection.preparedQuery("SELECT id FROM accounts WHERE user_id = ? FOR UPDATE").execute(Tuple.of(userId))
                    .await().atMost(WAIT);
        }

        void victimise(int times) {
            for (int i = 1; i <= times; i++) {
                waitFor(this::serviceWaitsForTheAccount,
                        "run " + i + " of the service's transaction waiting for the" + " account row");
                // Closes the cycle: the service holds the key's row and waits for the account row, which we hold.
                RowSet<Row> key = connection
                        .preparedQuery(
                                "SELECT idem_key FROM idempotency_keys WHERE user_id = ? AND idem_key = ? FOR UPDATE")
                        .execute(Tuple.of(userId, this.key)).await().atMost(WAIT);
                assertThat(key.size()).as("the victim's key row is gone").isZero();
            }
        }

        /**
         * A new statement on the account row we hold: it waits for us (MariaDB's innodb_trx did not list it). New, by
         * its MariaDB query id: right after a victim's rollback its connection may still show the statement it was
         * running (seen once in CI: the loop took that stale entry for the next run, which then waited out the attempt
         * timeout).
         */
        private boolean serviceWaitsForTheAccount() {
            for (Row row : pool
                    .query("SELECT ID, QUERY_ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                            + " AND INFO LIKE '%FROM accounts WHERE%FOR UPDATE%' AND ID <> CONNECTION_ID()")
                    .execute().await().atMost(WAIT)) {
                if (row.getLong(0) != threadId && row.getLong(1) != lastRun) {
                    lastRun = row.getLong(1);
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            transaction.rollback().onFailure().recoverWithNull().await().atMost(WAIT);
            connection.close().await().atMost(WAIT);
        }
    }

    /** 20 rows, 0 to 19: squared, 400 rows of weight. */
    private static final String DIGITS = "(SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
            + " UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8"
            + " UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13"
            + " UNION ALL SELECT 14 UNION ALL SELECT 15 UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18"
            + " UNION ALL SELECT 19)";

    private String transactions() {
        StringBuilder all = new StringBuilder();
        for (Row row : pool.query(
                "SELECT trx_mysql_thread_id, trx_state, trx_weight, trx_query" + " FROM information_schema.innodb_trx")
                .execute().await().atMost(WAIT)) {
            all.append(row.toJson().encode()).append(' ');
        }
        for (Row row : pool.query(
                "SELECT ID, COMMAND, TIME, STATE, INFO FROM information_schema.PROCESSLIST" + " WHERE DB = DATABASE()")
                .execute().await().atMost(WAIT)) {
            all.append(row.toJson().encode()).append(' ');
        }
        return all.toString();
    }

    private void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; " + transactions());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
