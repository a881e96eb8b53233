package com.ewallet.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.TestClient;
import com.ewallet.it.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Batched movements, made deterministic: the test holds an account's row lock, so the first movement on it runs alone
 * and waits in the database while every later one gathers in the account's lane; released, the lane applies them in one
 * transaction. Each request must still get exactly its own answer, and money must move exactly once per success.
 */
@QuarkusTest
class BatchedMovementsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(40);

    @Inject
    Pool pool;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @Test
    void aBatchMixingSuccessesRefusalsDuplicatesAndAReusedKeyAnswersEachRequestItsOwn() throws Exception {
        TestClient payer = TestClient.registered();
        TestClient payee = TestClient.registered();
        payer.topUp(10_000).then().statusCode(200);
        double batches = batchCount();
        double members = batchMembers();

        String duplicate = key();
        String refusedKey = key();
        String reused = key();
        List<CompletableFuture<Response>> plain = new ArrayList<>();
        List<CompletableFuture<Response>> copies = new ArrayList<>();
        List<CompletableFuture<Response>> refused = new ArrayList<>();
        List<CompletableFuture<Response>> reusedPair = new ArrayList<>();
        CompletableFuture<Response> first;
        try (Hold hold = new Hold(payer.accountNumber)) {
            first = send(() -> keyed(payer, key()).body(Map.of("amount", 100, "code", "bni")).post("/api/transfer"));
            hold.awaitWaiters(1);
            for (int i = 0; i < 6; i++) {
                plain.add(send(() -> keyed(payer, key()).body(Map.of("amount", 1_000, "account", payee.accountNumber))
                        .post("/api/transfer")));
                if (i == 0) {
                    // The first ran in a shared lane (no other movement on its accounts); this one runs alone in the
                    // payer's lane, and the rest gather behind it.
                    hold.awaitWaiters(2);
                }
            }
            plain.add(send(() -> payer.toBank(500, "bni")));
            for (int i = 0; i < 3; i++) {
                copies.add(send(() -> keyed(payer, duplicate).body(Map.of("amount", 250, "code", "bri"))
                        .post("/api/transfer")));
            }
            for (int i = 0; i < 2; i++) {
                refused.add(send(() -> keyed(payer, refusedKey).body(Map.of("amount", 50_000, "code", "bni"))
                        .post("/api/transfer")));
            }
            reusedPair.add(
                    send(() -> keyed(payer, reused).body(Map.of("amount", 10, "code", "bni")).post("/api/transfer")));
            reusedPair.add(
                    send(() -> keyed(payer, reused).body(Map.of("amount", 20, "code", "bni")).post("/api/transfer")));
            gather();
        }

        first.get(30, TimeUnit.SECONDS).then().statusCode(200);
        for (CompletableFuture<Response> r : plain) {
            r.get(30, TimeUnit.SECONDS).then().statusCode(200);
        }
        Set<String> references = new HashSet<>();
        for (CompletableFuture<Response> r : copies) {
            Response copy = r.get(30, TimeUnit.SECONDS);
            copy.then().statusCode(200);
            references.add(copy.path("reference"));
        }
        assertThat(references).as("three copies of one key: one movement, replayed").hasSize(1);
        for (CompletableFuture<Response> r : refused) {
            Response refusal = r.get(30, TimeUnit.SECONDS);
            refusal.then().statusCode(400);
            assertThat((String) refusal.path("code")).isEqualTo("INSUFFICIENT_FUNDS");
        }
        List<Integer> reusedStatuses = new ArrayList<>();
        for (CompletableFuture<Response> r : reusedPair) {
            reusedStatuses.add(r.get(30, TimeUnit.SECONDS).statusCode());
        }
        assertThat(reusedStatuses).as("one key, two requests: the first moves, the other is refused")
                .containsExactlyInAnyOrder(200, 422);
        int reusedAmount = reusedPair.get(0).get().statusCode() == 200 ? 10 : 20;

        long sent = 100 + 6 * 1_000 + 500 + 250 + reusedAmount;
        assertThat(payer.balance()).isEqualTo(10_000 - sent);
        assertThat(payee.balance()).isEqualTo(6_000);
        // The top-up, the first transfer, 6 wallet transfers, the bank transfer, the duplicated one, the reused key's.
        assertThat(payer.historySize()).isEqualTo(11);
        // A refusal is remembered under its key like any other answer.
        Response again = keyed(payer, refusedKey).body(Map.of("amount", 50_000, "code", "bni")).post("/api/transfer");
        again.then().statusCode(400).header("Idempotent-Replayed", "true");
        assertThat(batchCount() - batches).as("batches of the payer's lane").isGreaterThanOrEqualTo(2);
        assertThat(batchMembers() - members - (batchCount() - batches))
                .as("movements that shared a transaction with another").isGreaterThanOrEqualTo(10);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
        assertThat(LedgerCheck.unexplainedMoney(pool)).isZero();
    }

    @Test
    void manyPayersToOnePayeeShareTheirTransactionsThroughThePayeesLane() throws Exception {
        TestClient payee = TestClient.registered();
        List<TestClient> payers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TestClient payer = TestClient.registered();
            payer.topUp(1_000).then().statusCode(200);
            payers.add(payer);
        }
        double batches = batchCount();
        double members = batchMembers();
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        try (Hold hold = new Hold(payee.accountNumber)) {
            // The first runs alone (its payer's lane); the second finds more waiting on the payee and runs alone in
            // the payee's lane; the rest wait there for one batch.
            sent.add(send(() -> payers.get(0).toWallet(100, payee.accountNumber)));
            hold.awaitWaiters(1);
            sent.add(send(() -> payers.get(1).toWallet(100, payee.accountNumber)));
            hold.awaitWaiters(2);
            for (TestClient payer : payers.subList(2, payers.size())) {
                sent.add(send(() -> payer.toWallet(100, payee.accountNumber)));
            }
            gather();
        }
        for (CompletableFuture<Response> r : sent) {
            r.get(30, TimeUnit.SECONDS).then().statusCode(200);
        }
        assertThat(payee.balance()).isEqualTo(1_200);
        for (TestClient payer : payers) {
            assertThat(payer.balance()).isEqualTo(900);
        }
        assertThat(batchMembers() - members - (batchCount() - batches))
                .as("movements that shared a transaction with another").isGreaterThanOrEqualTo(9);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
    }

    /**
     * Movements on accounts nothing else is waiting on (uniform traffic) queue in the shared lane while its transaction
     * is in the database, and the next transaction takes them all: one transaction for many unrelated payers, each with
     * its own answer, refusal included.
     */
    @Test
    void unrelatedMovementsShareATransactionThroughTheSharedLane() throws Exception {
        TestClient blocked = TestClient.registered();
        blocked.topUp(1_000).then().statusCode(200);
        List<TestClient> payers = new ArrayList<>();
        List<TestClient> payees = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestClient payer = TestClient.registered();
            payer.topUp(1_000).then().statusCode(200);
            payers.add(payer);
            payees.add(TestClient.registered());
        }
        double batches = batchCount();
        double members = batchMembers();
        CompletableFuture<Response> first;
        List<CompletableFuture<Response>> toWallets = new ArrayList<>();
        List<CompletableFuture<Response>> toBanks = new ArrayList<>();
        CompletableFuture<Response> refused;
        try (Hold hold = new Hold(blocked.accountNumber)) {
            // Runs at once in the idle shared lane, and waits in the database on the held row.
            first = send(() -> blocked.toBank(100, "bni"));
            hold.awaitWaiters(1);
            for (int i = 0; i < 4; i++) {
                TestClient payer = payers.get(i);
                TestClient payee = payees.get(i);
                toWallets.add(send(() -> payer.toWallet(300, payee.accountNumber)));
            }
            for (TestClient payer : payers.subList(4, 7)) {
                toBanks.add(send(() -> payer.toBank(200, "bni")));
            }
            refused = send(() -> keyed(payers.get(7), key()).body(Map.of("amount", 5_000, "code", "bni"))
                    .post("/api/transfer"));
            gather();
            assertThat(first).as("the shared lane's transaction waits on the held row").isNotDone();
            assertThat(toWallets).as("the rest wait for the lane's next transaction")
                    .noneMatch(CompletableFuture::isDone);
        }
        first.get(30, TimeUnit.SECONDS).then().statusCode(200);
        Set<String> references = new HashSet<>();
        for (CompletableFuture<Response> r : Stream.concat(toWallets.stream(), toBanks.stream()).toList()) {
            Response moved = r.get(30, TimeUnit.SECONDS);
            moved.then().statusCode(200);
            references.add(moved.path("reference"));
        }
        assertThat(references).as("each movement its own reference").hasSize(7);
        Response refusal = refused.get(30, TimeUnit.SECONDS);
        refusal.then().statusCode(400);
        assertThat((String) refusal.path("code")).isEqualTo("INSUFFICIENT_FUNDS");

        assertThat(blocked.balance()).isEqualTo(900);
        for (int i = 0; i < 4; i++) {
            assertThat(payers.get(i).balance()).isEqualTo(700);
            assertThat(payees.get(i).balance()).isEqualTo(300);
        }
        for (int i = 4; i < 7; i++) {
            assertThat(payers.get(i).balance()).isEqualTo(800);
        }
        assertThat(payers.get(7).balance()).as("the refused payer's money stays").isEqualTo(1_000);
        assertThat(payers.get(7).historySize()).isEqualTo(1);
        assertThat(batchCount() - batches).as("the first alone, then one transaction for the eight others")
                .isEqualTo(2);
        assertThat(batchMembers() - members).isEqualTo(9);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
        assertThat(LedgerCheck.unexplainedMoney(pool)).isZero();
    }

    @Test
    void aBatchWhoseTransactionFailsRunsItsMembersOneByOne() throws Exception {
        TestClient payer = TestClient.registered();
        payer.topUp(10_000).then().statusCode(200);
        double failed = ManagementPort.metric("wallet_batch_failed_total", "");
        // A member whose ledger row the database refuses: the batch's multi-row insert fails as a whole.
        execute("CREATE TRIGGER batch_test_refuse BEFORE INSERT ON ledger_entries FOR EACH ROW"
                + " BEGIN IF NEW.location = 'refuse-me' THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by the test'; END IF; END");
        String failingKey = key();
        CompletableFuture<Response> failing;
        List<CompletableFuture<Response>> others = new ArrayList<>();
        try {
            try (Hold hold = new Hold(payer.accountNumber)) {
                for (int i = 1; i <= 2; i++) {
                    // The first in a shared lane, the second alone in the payer's lane: both wait on the held row.
                    others.add(send(() -> keyed(payer, key()).body(Map.of("amount", 100, "code", "bni"))
                            .post("/api/transfer")));
                    hold.awaitWaiters(i);
                }
                for (int i = 0; i < 2; i++) {
                    others.add(send(() -> keyed(payer, key()).body(Map.of("amount", 100, "code", "bni"))
                            .post("/api/transfer")));
                }
                failing = send(() -> refuseMe(payer, failingKey).body(Map.of("amount", 1_000, "code", "bni"))
                        .post("/api/transfer"));
                for (int i = 0; i < 3; i++) {
                    others.add(send(() -> keyed(payer, key()).body(Map.of("amount", 100, "code", "bni"))
                            .post("/api/transfer")));
                }
                gather();
            }
            for (CompletableFuture<Response> r : others) {
                r.get(30, TimeUnit.SECONDS).then().statusCode(200);
            }
            Response refused = failing.get(30, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).as("the failing member alone fails, as a server error").isEqualTo(500);
            assertThat(refused.asString()).doesNotContain("refused by the test").doesNotContain("Exception");
        } finally {
            execute("DROP TRIGGER IF EXISTS batch_test_refuse");
        }
        assertThat(ManagementPort.metric("wallet_batch_failed_total", "") - failed).isEqualTo(1);
        assertThat(payer.balance()).as("the others moved once each, the failing one not at all").isEqualTo(9_300);
        // Nothing was recorded under the failing key: its retry moves the money, once.
        refuseMe(payer, failingKey).body(Map.of("amount", 1_000, "code", "bni")).post("/api/transfer").then()
                .statusCode(200);
        assertThat(payer.balance()).isEqualTo(8_300);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
    }

    /**
     * A key recorded by another request after the batch looked for its keys, and committed while the batch's insert
     * waits on it: the insert fails, the batch writes nothing, and each member runs alone: the key's member meets the
     * recorded key (here with another request's hash: 422), the others move once each.
     */
    @Test
    void aKeyRecordedWhileTheBatchInsertsItsKeysFailsTheBatchAndItsMembersRunAlone() throws Exception {
        TestClient payer = TestClient.registered();
        payer.topUp(10_000).then().statusCode(200);
        long userId = pool.preparedQuery("SELECT user_id FROM accounts WHERE account_number = ?")
                .execute(Tuple.of(payer.accountNumber)).await().atMost(WAIT).iterator().next().getLong(0);
        double failed = ManagementPort.metric("wallet_batch_failed_total", "");
        String taken = key();
        List<CompletableFuture<Response>> others = new ArrayList<>();
        CompletableFuture<Response> late;
        SqlConnection other = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction recording = other.begin().await().atMost(WAIT);
            try (Hold hold = new Hold(payer.accountNumber)) {
                for (int i = 1; i <= 2; i++) {
                    // The first in a shared lane, the second alone in the payer's lane: both wait on the held row.
                    others.add(send(() -> payer.toBank(100, "bni")));
                    hold.awaitWaiters(i);
                }
                for (int i = 0; i < 2; i++) {
                    others.add(send(() -> payer.toBank(100, "bni")));
                }
                late = send(() -> keyed(payer, taken).body(Map.of("amount", 100, "code", "bni")).post("/api/transfer"));
                gather();
                // Another request's refusal, not committed yet: the batch does not see it, and its insert of the key
                // will wait for it.
                other.preparedQuery("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, response_status,"
                        + " response_body, created_at) VALUES (?, ?, 'another request', 400,"
                        + " '{\"message\":\"refused\",\"code\":\"INSUFFICIENT_FUNDS\"}', UTC_TIMESTAMP(6))")
                        .execute(Tuple.of(userId, taken)).await().atMost(WAIT);
            }
            awaitStatement("INSERT INTO idempotency_keys");
            recording.commit().await().atMost(WAIT);
        } finally {
            other.close().await().atMost(WAIT);
        }

        for (CompletableFuture<Response> r : others) {
            r.get(30, TimeUnit.SECONDS).then().statusCode(200);
        }
        Response refused = late.get(30, TimeUnit.SECONDS);
        refused.then().statusCode(422);
        assertThat((String) refused.path("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(ManagementPort.metric("wallet_batch_failed_total", "") - failed).isEqualTo(1);
        assertThat(payer.balance()).isEqualTo(9_600);
        assertThat(payer.historySize()).isEqualTo(5);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
    }

    @Test
    void aMemberWhoseSessionEndedWhileItWaitedIsRefusedAndTheRestMove() throws Exception {
        TestClient payer = TestClient.registered();
        payer.topUp(10_000).then().statusCode(200);
        TestClient second = TestClient.loggedIn(payer.email);
        List<CompletableFuture<Response>> live = new ArrayList<>();
        List<CompletableFuture<Response>> ended = new ArrayList<>();
        try (Hold hold = new Hold(payer.accountNumber)) {
            for (int i = 1; i <= 2; i++) {
                // The first in a shared lane, the second alone in the payer's lane: both wait on the held row.
                live.add(send(() -> payer.toBank(100, "bni")));
                hold.awaitWaiters(i);
            }
            for (int i = 0; i < 2; i++) {
                live.add(send(() -> payer.toBank(100, "bni")));
                ended.add(send(
                        () -> keyed(second, key()).body(Map.of("amount", 100, "code", "bni")).post("/api/transfer")));
            }
            gather();
            given().cookie("csrf_access_token", second.csrfAccess()).cookie("csrf_refresh_token", second.csrfRefresh())
                    .post("/token/remove").then().statusCode(200);
        }
        for (CompletableFuture<Response> r : live) {
            r.get(30, TimeUnit.SECONDS).then().statusCode(200);
        }
        for (CompletableFuture<Response> r : ended) {
            r.get(30, TimeUnit.SECONDS).then().statusCode(401);
        }
        assertThat(payer.balance()).isEqualTo(9_600);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static io.restassured.specification.RequestSpecification keyed(TestClient client, String key) {
        return client.money().header("Idempotency-Key", key);
    }

    /** A keyed request from {@code location} "refuse-me", whose ledger row the test's trigger refuses. */
    private static io.restassured.specification.RequestSpecification refuseMe(TestClient client, String key) {
        return client.authed().contentType(io.restassured.http.ContentType.JSON).header("location", "refuse-me")
                .header("ip-address", "10.1.2.3").header("Idempotency-Key", key);
    }

    private static CompletableFuture<Response> send(Supplier<Response> request) {
        return CompletableFuture.supplyAsync(request, CLIENTS);
    }

    /** Lets the requests just sent reach their lane (they wait in memory, where the test cannot see them). */
    private static void gather() throws InterruptedException {
        Thread.sleep(1_000);
    }

    private static double batchCount() {
        return ManagementPort.metric("wallet_batch_size_count", "");
    }

    private static double batchMembers() {
        return ManagementPort.metric("wallet_batch_size_sum", "");
    }

    /** Waits until a statement starting with {@code prefix} is running (waiting for a lock, here). */
    private void awaitStatement(String prefix) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (running(pool).stream().anyMatch(info -> info.startsWith(prefix))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no statement " + prefix + " ever ran");
    }

    /** The statements the database is running now, this query left out. */
    private static List<String> running(Pool pool) {
        List<String> statements = new ArrayList<>();
        for (var row : pool.query("SELECT info FROM information_schema.processlist").execute().await().atMost(WAIT)) {
            String info = String.valueOf(row.getValue(0));
            if (!info.contains("processlist")) {
                statements.add(info);
            }
        }
        return statements;
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    /** The test's own lock on an account row, until closed (rolled back). */
    private final class Hold implements AutoCloseable {
        private final SqlConnection connection;
        private final Transaction transaction;

        Hold(String accountNumber) {
            connection = pool.getConnection().await().atMost(WAIT);
            transaction = connection.begin().await().atMost(WAIT);
            connection.preparedQuery("SELECT id FROM accounts WHERE account_number = ? FOR UPDATE")
                    .execute(Tuple.of(accountNumber)).await().atMost(WAIT);
        }

        /** Waits until {@code n} statements wait for a row lock (of the movements that run alone). */
        void awaitWaiters(int n) throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                // A lock wait shows as the locking statement still running (MariaDB may wait in "Statistics").
                if (running(pool).stream().filter(info -> info.contains("FOR UPDATE")).count() >= n) {
                    return;
                }
                Thread.sleep(50);
            }
            StringBuilder processes = new StringBuilder();
            pool.query("SELECT command, state, info FROM information_schema.processlist").execute().await().atMost(WAIT)
                    .forEach(row -> processes.append('\n').append(row.getString(0)).append(" | ")
                            .append(row.getString(1)).append(" | ").append(row.getString(2)));
            throw new AssertionError(n + " movements never waited for the held row; processes:" + processes);
        }

        @Override
        public void close() {
            transaction.rollback().await().atMost(WAIT);
            connection.close().await().atMost(WAIT);
        }
    }
}
