package com.ewallet.bills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;
import com.ewallet.VtuProviderStub;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Airtime from the cookie side: bought like every movement, refused with the money back, followed up, in the history.
 */
@QuarkusTest
@QuarkusTestResource(VtuProviderStub.class)
class VtuResourceTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void deliveredAirtimeIsDebitedOnceAndShowsInTheHistory() {
        TestClient user = TestClient.registered();
        user.topUp(50_000).then().statusCode(200);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("mobile", "0803 1234561".replace(" ", ""), "amount", 10_000, "provider",
                "MTN");
        String reference = user.money().header("Idempotency-Key", key).body(body).post("/api/vtu").then()
                .statusCode(200).body("msg", equalTo("transaction success.")).body("status", equalTo("success"))
                .body("activity", equalTo("VTU")).body("mobile", equalTo("2348031234561"))
                .body("provider", equalTo("mtn")).body("balance", equalTo(40_000)).extract().path("reference");
        user.money().header("Idempotency-Key", key).body(body).post("/api/vtu").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("reference", equalTo(reference));
        assertThat(user.balance()).isEqualTo(40_000);
        user.authed().get("/api/vtu/" + reference).then().statusCode(200).body("status", equalTo("success"))
                .body("amount", equalTo(10_000));
        user.authed().get("/api/transactions").then().body("data.activity", hasItems("VTU"));
        TestClient.registered().authed().get("/api/vtu/" + reference).then().statusCode(404).body("code",
                equalTo("VTU_NOT_FOUND"));
    }

    @Test
    void aRefusedPurchaseAnswers400AndReturnsTheMoney() {
        TestClient user = TestClient.registered();
        user.topUp(50_000).then().statusCode(200);
        user.money().body(Map.of("mobile", "2348031234562", "amount", 10_000, "provider", "glo")).post("/api/vtu")
                .then().statusCode(400).body("msg", equalTo("transaction failed.")).body("code", equalTo("VTU_FAILED"));
        assertThat(user.balance()).isEqualTo(50_000);
        user.authed().get("/api/transactions").then().body("data.activity", hasItems("VTU", "VTU_REFUND"));
    }

    @Test
    void anUnknownOutcomeIsPendingAndNeverSaysSuccess() {
        TestClient user = TestClient.registered();
        user.topUp(50_000).then().statusCode(200);
        user.money().body(Map.of("mobile", "08031234563", "amount", 10_000, "provider", "airtel")).post("/api/vtu")
                .then().statusCode(200).body("status", equalTo("pending")).body("msg", equalTo("transaction pending."));
        assertThat(user.balance()).isEqualTo(40_000);
    }

    @Test
    void anOutcomeTheProviderNeverConfirmsStaysPendingAndIsNeverRefunded() throws Exception {
        TestClient user = TestClient.registered();
        user.topUp(50_000).then().statusCode(200);
        String reference = user.money().body(Map.of("mobile", "08031234566", "amount", 10_000, "provider", "mtn"))
                .post("/api/vtu").then().statusCode(200).body("status", equalTo("pending")).extract().path("reference");
        // The reconciler runs every second in tests: let it ask a few times.
        Thread.sleep(4_000);
        user.authed().get("/api/vtu/" + reference).then().statusCode(200).body("status", equalTo("pending"));
        assertThat(user.balance()).isEqualTo(40_000);
        assertThat(checks(reference)).as("times the reconciler asked").isGreaterThanOrEqualTo(2);
    }

    private int checks(String reference) {
        return pool.preparedQuery("SELECT checks FROM vtu_purchases WHERE reference = ?")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(reference)).await().atMost(java.time.Duration.ofSeconds(10))
                .iterator().next().getInteger(0);
    }

    @Test
    void badAirtimeRequestsChangeNothing() {
        TestClient user = TestClient.registered();
        user.topUp(5_000).then().statusCode(200);
        user.money().body(Map.of("mobile", "08031234561", "amount", 1_000, "provider", "vodafone")).post("/api/vtu")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_PROVIDER"));
        user.money().body(Map.of("mobile", "12345", "amount", 1_000, "provider", "mtn")).post("/api/vtu").then()
                .statusCode(400).body("code", equalTo("INVALID_MOBILE"));
        user.money().body(Map.of("mobile", "08031234561", "amount", "1000", "provider", "mtn")).post("/api/vtu").then()
                .statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        user.money().body(Map.of("mobile", "08031234561", "amount", 6_000, "provider", "mtn")).post("/api/vtu").then()
                .statusCode(400).body("code", equalTo("INSUFFICIENT_FUNDS"));
        user.authed().contentType("application/json")
                .body(Map.of("mobile", "08031234561", "amount", 1, "provider", "mtn")).post("/api/vtu").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        assertThat(user.balance()).isEqualTo(5_000);
        assertThat(user.historySize()).isEqualTo(1);
    }

    @Test
    void bankTransfersGoToAnyActiveBankByItsCode() {
        TestClient user = TestClient.registered();
        user.topUp(5_000).then().statusCode(200);
        user.toBank(1_000, "058").then().statusCode(200).body("counterparty", equalTo("bank:058"));
        user.toBank(1_000, "999").then().statusCode(400).body("code", equalTo("UNKNOWN_BANK"));
        assertThat(user.balance()).isEqualTo(4_000);
    }
}
