package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keys written by the earlier two-step version (an IN_FLIGHT claim, or a DONE key holding its whole answer) still
 * behave after the upgrade. These tests write such rows straight into the database, so they run in-process only (the
 * black-box *IT suite cannot inject the pool).
 */
@QuarkusTest
class IdempotencyUpgradeTest {

    @Inject
    Pool pool;

    @Test
    void aKeyLeftInFlightByAnOlderVersionIsRefusedUntilItsTimeIsUpThenFreed() {
        TestClient user = TestClient.registered();
        String live = UUID.randomUUID().toString();
        String stale = UUID.randomUUID().toString();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        inFlight(user, live, now.plusMinutes(5), "topup|40");
        inFlight(user, stale, now.minusMinutes(5), "topup|40");

        user.money().header("Idempotency-Key", live).body(Map.of("amount", 40)).post("/api/topup").then()
                .statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
        user.money().header("Idempotency-Key", stale).body(Map.of("amount", 40)).post("/api/topup").then()
                .statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_IN_FLIGHT"));
        assertThat(user.balance()).isZero();
        // The stale one was freed by that answer: the retry moves the money, once.
        user.money().header("Idempotency-Key", stale).body(Map.of("amount", 40)).post("/api/topup").then()
                .statusCode(200).header("Idempotent-Replayed", (String) null);
        user.money().header("Idempotency-Key", stale).body(Map.of("amount", 40)).post("/api/topup").then()
                .statusCode(200).header("Idempotent-Replayed", "true");
        user.money().header("Idempotency-Key", live).body(Map.of("amount", 40)).post("/api/topup").then()
                .statusCode(409);
        assertThat(user.balance()).isEqualTo(40);
    }

    @Test
    void anAnswerStoredWholeByTheEarlierVersionIsReplayedAsStored() {
        TestClient user = TestClient.registered();
        // The earlier version stored the answer of a movement that is in the ledger (the invariant checker reads it).
        String reference = user.topUp(40).then().statusCode(200).extract().path("reference");
        String key = UUID.randomUUID().toString();
        String stored = "{\"msg\":\"transaction success.\",\"reference\":\"" + reference + "\"}";
        pool.preparedQuery("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, state, claim, locked_until,"
                + " response_status, response_body, created_at) SELECT id, ?, SHA2('topup|40', 256), 'DONE', 'old',"
                + " UTC_TIMESTAMP(6), 200, ?, UTC_TIMESTAMP(6) FROM users WHERE email = ?")
                .execute(Tuple.of(key, stored, user.email)).await().atMost(Duration.ofSeconds(10));

        Response replay = user.money().header("Idempotency-Key", key).body(Map.of("amount", 40)).post("/api/topup");
        replay.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(stored);
        assertThat(user.balance()).isEqualTo(40);
        assertThat(user.historySize()).isEqualTo(1);
    }

    private void inFlight(TestClient user, String key, LocalDateTime lockedUntil, String canonical) {
        pool.preparedQuery("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, state, claim, locked_until,"
                + " created_at) SELECT id, ?, SHA2(?, 256), 'IN_FLIGHT', 'old-claim', ?, UTC_TIMESTAMP(6) FROM users"
                + " WHERE email = ?").execute(Tuple.of(key, canonical, lockedUntil, user.email)).await()
                .atMost(Duration.ofSeconds(10));
    }
}
