package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyTest {

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstAnswerAndMovesNoMoney() {
        TestClient user = TestClient.registered();
        String key = UUID.randomUUID().toString();
        Response first = user.money().header("Idempotency-Key", key).body(Map.of("amount", 500)).post("/api/topup");
        first.then().statusCode(200);
        Response retry = user.money().header("Idempotency-Key", key).body(Map.of("amount", 500)).post("/api/topup");
        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(user.balance()).isEqualTo(500);
        assertThat(user.historySize()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        TestClient user = TestClient.registered();
        String key = UUID.randomUUID().toString();
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 500)).post("/api/topup").then()
                .statusCode(200);
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 501)).post("/api/topup").then()
                .statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(user.balance()).isEqualTo(500);
    }

    @Test
    void aRefusalIsRememberedTooSoARetryGetsTheSameAnswer() {
        TestClient user = TestClient.registered();
        String key = UUID.randomUUID().toString();
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 10, "code", "bni")).post("/api/transfer")
                .then().statusCode(400).body("code", equalTo("INSUFFICIENT_FUNDS"));
        user.topUp(100).then().statusCode(200);
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 10, "code", "bni")).post("/api/transfer")
                .then().statusCode(400).header("Idempotent-Replayed", "true");
        assertThat(user.balance()).isEqualTo(100);
    }

    @Test
    void keysArePerUser() {
        TestClient alice = TestClient.registered();
        TestClient bob = TestClient.registered();
        String key = UUID.randomUUID().toString();
        alice.money().header("Idempotency-Key", key).body(Map.of("amount", 70)).post("/api/topup").then()
                .statusCode(200);
        bob.money().header("Idempotency-Key", key).body(Map.of("amount", 80)).post("/api/topup").then().statusCode(200);
        assertThat(alice.balance()).isEqualTo(70);
        assertThat(bob.balance()).isEqualTo(80);
    }

    @Test
    void malformedKeysAreRejected() {
        TestClient user = TestClient.registered();
        user.money().header("Idempotency-Key", "x".repeat(256)).body(Map.of("amount", 5)).post("/api/topup").then()
                .statusCode(400);
        user.money().header("Idempotency-Key", "has space").body(Map.of("amount", 5)).post("/api/topup").then()
                .statusCode(400);
        assertThat(user.balance()).isZero();
    }
}
