package com.ewallet.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;
import com.ewallet.it.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What operators rely on: business counters that move, request ids, the three probes (on the management port). */
@QuarkusTest
class OperationsTest {

    static double metric(String name, String labels) {
        return ManagementPort.metric(name, labels);
    }

    @Test
    void moneyCountersMoveWithEachOutcome() {
        double topups = metric("wallet_money_movements_total", "kind=\"topup\",outcome=\"success\"");
        double moved = metric("wallet_money_moved_minor_units_total", "kind=\"topup\"");
        double insufficient = metric("wallet_insufficient_funds_total", "");
        double replays = metric("wallet_idempotent_replays_total", "");
        double logins = metric("wallet_login_failures_total", "");

        TestClient user = TestClient.registered();
        String key = UUID.randomUUID().toString();
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 250)).post("/api/topup").then()
                .statusCode(200);
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 250)).post("/api/topup").then()
                .statusCode(200);
        user.toBank(1_000, "bni").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", "wrong-one-1"))
                .post("/token/auth").then().statusCode(400);

        assertThat(metric("wallet_money_movements_total", "kind=\"topup\",outcome=\"success\"")).isEqualTo(topups + 1);
        assertThat(metric("wallet_money_moved_minor_units_total", "kind=\"topup\"")).isEqualTo(moved + 250);
        assertThat(metric("wallet_insufficient_funds_total", "")).isEqualTo(insufficient + 1);
        assertThat(metric("wallet_idempotent_replays_total", "")).isEqualTo(replays + 1);
        assertThat(metric("wallet_login_failures_total", "")).isEqualTo(logins + 1);
        assertThat(metric("http_server_requests_seconds_count", "")).isPositive();
        assertThat(metric("sql_pool_completed_total", "")).isPositive();
    }

    @Test
    void theRequestIdIsEchoedOrMadeUp() {
        given().header("X-Request-Id", "trace-42").get("/api/balance").then().header("X-Request-Id", "trace-42");
        given().get("/api/balance").then().header("X-Request-Id", matchesPattern("[A-Za-z0-9_-]{22}"));
        given().header("X-Request-Id", "bad id with spaces").get("/api/balance").then().header("X-Request-Id",
                matchesPattern("[A-Za-z0-9_-]{22}"));
    }

    @Test
    void livenessDoesNotLookAtTheDatabaseButReadinessDoesAndStartupIsUp() {
        String live = ManagementPort.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .extract().asString();
        assertThat(live).doesNotContainIgnoringCase("mysql").doesNotContainIgnoringCase("database");
        String ready = ManagementPort.given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).containsIgnoringCase("Reactive MySQL");
        ManagementPort.given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }
}
