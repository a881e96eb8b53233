package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A money transaction that runs longer than {@code wallet.transactions.attempt-timeout} (here 2 s, held up on purpose
 * by the test's own lock on the payer's account row) is answered 503 with Retry-After rather than left without an
 * answer. Its outcome is the database's: once the lock goes, it commits, and the client's retry under the same key
 * replays it. Money moves once.
 */
@QuarkusTest
@TestProfile(AttemptTimeoutTest.TwoSecondAttempts.class)
class AttemptTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    public static class TwoSecondAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.transactions.attempt-timeout", "2s");
        }
    }

    @Test
    void aTransferHeldUpLongerThanTheAttemptTimeoutIs503ThenItsRetryReplaysTheMovementOnce() {
        TestClient payer = TestClient.registered();
        TestClient payee = TestClient.registered();
        payer.topUp(1000).then().statusCode(200);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("amount", 300, "account", payee.accountNumber);

        SqlConnection test = pool.getConnection().await().atMost(WAIT);
        Transaction hold = test.begin().await().atMost(WAIT);
        Response first;
        long started = System.nanoTime();
        try {
            test.preparedQuery("SELECT balance FROM accounts WHERE account_number = ? FOR UPDATE")
                    .execute(Tuple.of(payer.accountNumber)).await().atMost(WAIT);
            first = payer.money().header("Idempotency-Key", key).body(body).post("/api/transfer");
        } finally {
            hold.rollback().await().atMost(WAIT);
            test.close().await().atMost(WAIT);
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        first.then().statusCode(503).header("Retry-After", "1").body("code", equalTo("UNAVAILABLE"));
        assertThat(tookMillis).as("answered after the attempt timeout, long before the lock wait's 50 s")
                .isBetween(2_000L, 10_000L);
        // Released, the abandoned run commits; the retry under the same key replays it (or, while it still holds its
        // key, is told it is in flight).
        Response retry = payer.money().header("Idempotency-Key", key).body(body).post("/api/transfer");
        for (int i = 0; i < 50 && retry.statusCode() == 409; i++) {
            retry = payer.money().header("Idempotency-Key", key).body(body).post("/api/transfer");
        }
        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(payer.balance()).isEqualTo(700);
        assertThat(payee.balance()).isEqualTo(300);
        assertThat(payer.historySize()).isEqualTo(2);
    }
}
