package com.ewallet.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class WalletResourceTest {

    @Inject
    Pool pool;

    @Test
    void topUpCreditsTheBalanceAndRecordsWhoAndWhere() {
        TestClient user = TestClient.registered();
        user.money().header("User-Agent", "wallet-test/1.0").body(Map.of("amount", 1500)).post("/api/topup").then()
                .statusCode(200).body("msg", equalTo("transaction success."))
                .body("reference", matchesPattern("[0-9a-f]{32}")).body("balance", equalTo(1500));
        assertThat(user.balance()).isEqualTo(1500);
        user.authed().get("/api/transactions").then().statusCode(200).body("data", hasSize(1))
                .body("data[0].activity", equalTo("TOPUP")).body("data[0].direction", equalTo("CREDIT"))
                .body("data[0].amount", equalTo(1500)).body("data[0].balanceBefore", equalTo(0))
                .body("data[0].balanceAfter", equalTo(1500)).body("data[0].ipAddress", equalTo("10.1.2.3"))
                .body("data[0].location", equalTo("Jakarta")).body("data[0].userAgent", equalTo("wallet-test/1.0"))
                .body("nextCursor", nullValue());
    }

    @Test
    void bankTransferDebitsTheWalletAndRecordsTheBank() {
        TestClient user = TestClient.registered();
        user.topUp(1000).then().statusCode(200);
        user.toBank(400, "mandiri").then().statusCode(200).body("balance", equalTo(600)).body("counterparty",
                equalTo("bank:mandiri"));
        assertThat(user.balance()).isEqualTo(600);
        user.authed().get("/api/transactions").then().body("data[0].activity", equalTo("BANK_TRANSFER"))
                .body("data[0].direction", equalTo("DEBIT")).body("data[0].balanceBefore", equalTo(1000))
                .body("data[0].balanceAfter", equalTo(600));
    }

    @Test
    void transferMoreThanBalanceIsRejectedAndChangesNothing() {
        TestClient user = TestClient.registered();
        user.topUp(100).then().statusCode(200);
        user.toBank(101, "bni").then().statusCode(400).body("msg", equalTo("transaction failed."))
                .body("code", equalTo("INSUFFICIENT_FUNDS")).body("errors.amount", notNullValue());
        assertThat(user.balance()).isEqualTo(100);
        assertThat(user.historySize()).isEqualTo(1);
    }

    @Test
    void unknownBankCodeIsRejected() {
        TestClient user = TestClient.registered();
        user.topUp(100).then().statusCode(200);
        user.toBank(10, "bca").then().statusCode(400).body("msg", equalTo("transaction failed."))
                .body("code", equalTo("UNKNOWN_BANK")).body("errors.code", notNullValue());
        assertThat(user.balance()).isEqualTo(100);
    }

    @Test
    void walletToWalletMovesMoneyAndWritesBothLegs() {
        TestClient alice = TestClient.registered();
        TestClient bob = TestClient.registered();
        alice.topUp(1000).then().statusCode(200);
        String reference = alice.toWallet(250, bob.accountNumber).then().statusCode(200).body("balance", equalTo(750))
                .extract().path("reference");
        assertThat(alice.balance()).isEqualTo(750);
        assertThat(bob.balance()).isEqualTo(250);
        bob.authed().get("/api/transactions").then().body("data[0].reference", equalTo(reference))
                .body("data[0].direction", equalTo("CREDIT"))
                .body("data[0].counterparty", equalTo("wallet:" + alice.accountNumber));
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
    }

    @Test
    void walletTransferErrorsSayWhy() {
        TestClient alice = TestClient.registered();
        alice.topUp(100).then().statusCode(200);
        alice.toWallet(10, "0000000001").then().statusCode(400).body("code", equalTo("UNKNOWN_ACCOUNT"));
        alice.toWallet(10, alice.accountNumber).then().statusCode(400).body("code", equalTo("SAME_ACCOUNT"));
        alice.money().body(Map.of("amount", 10, "account", "123")).post("/api/transfer").then().statusCode(400)
                .body("errors.account", notNullValue());
        alice.money().body(Map.of("amount", 10, "account", TestClient.registered().accountNumber, "code", "bni"))
                .post("/api/transfer").then().statusCode(400).body("code", equalTo("DESTINATION_REQUIRED"));
        alice.money().body(Map.of("amount", 10)).post("/api/transfer").then().statusCode(400).body("code",
                equalTo("DESTINATION_REQUIRED"));
        assertThat(alice.balance()).isEqualTo(100);
        assertThat(alice.historySize()).isEqualTo(1);
    }

    @Test
    void historyPagesNewestFirstWithACursor() {
        TestClient user = TestClient.registered();
        for (int i = 1; i <= 5; i++) {
            user.topUp(i).then().statusCode(200);
        }
        Response first = user.authed().queryParam("limit", 2).get("/api/transactions");
        first.then().statusCode(200).body("data.amount", equalTo(List.of(5, 4)));
        String cursor = first.path("nextCursor");
        Response second = user.authed().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/transactions");
        second.then().body("data.amount", equalTo(List.of(3, 2)));
        Response third = user.authed().queryParam("limit", 2).queryParam("cursor", (String) second.path("nextCursor"))
                .get("/api/transactions");
        third.then().body("data.amount", equalTo(List.of(1))).body("nextCursor", nullValue());

        user.authed().queryParam("limit", 0).get("/api/transactions").then().statusCode(400).body("code",
                equalTo("INVALID_LIMIT"));
        user.authed().queryParam("limit", "ten").get("/api/transactions").then().statusCode(400);
        user.authed().queryParam("limit", 1000).get("/api/transactions").then().statusCode(400);
        user.authed().queryParam("cursor", "%%%").get("/api/transactions").then().statusCode(400).body("code",
                equalTo("INVALID_CURSOR"));
    }

    @Test
    void balanceShowsTheAccount() {
        TestClient user = TestClient.registered();
        user.authed().get("/api/balance").then().statusCode(200).body("accountNumber", equalTo(user.accountNumber))
                .body("balance", equalTo(0)).body("type", equalTo("personal")).body("tier", equalTo(1));
    }

    @Test
    void everyWalletEndpointRefusesARequestWithoutTheAccessCookie() {
        TestClient user = TestClient.registered();
        user.topUp(500).then().statusCode(200);
        // Valid bodies, headers and CSRF value: only the cookie is missing.
        Map<String, Map<String, Object>> posts = Map.of("/api/topup", Map.of("amount", 5), "/api/transfer",
                Map.of("amount", 5, "code", "bni"));
        posts.forEach((path, body) -> given().header("X-CSRF-TOKEN", user.csrfAccess()).contentType(ContentType.JSON)
                .header("location", "x").header("ip-address", "1.2.3.4")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(path).then().statusCode(401)
                .body("code", equalTo("TOKEN_MISSING")));
        for (String path : new String[] { "/api/balance", "/api/transactions" }) {
            given().get(path).then().statusCode(401).body("code", equalTo("TOKEN_MISSING"));
        }
        assertThat(user.balance()).isEqualTo(500);
        assertThat(user.historySize()).isEqualTo(1);
    }

    @Test
    void readsNeedTheAccessCookieButNoCsrf() {
        TestClient user = TestClient.registered();
        given().cookie("access_token_cookie", user.cookies.get("access_token_cookie")).get("/api/balance").then()
                .statusCode(200);
        given().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_MISSING"));
    }

    @Test
    void thePayersAddressLocationAndUserAgentStayOnThePayersOwnRow() {
        TestClient payer = TestClient.registered();
        TestClient payee = TestClient.registered();
        payer.topUp(1_000).then().statusCode(200);
        payer.authed().contentType("application/json").header("ip-address", "10.1.2.3")
                .header("location", "<img src=x onerror=alert(1)>").header("User-Agent", "payer-agent/1.0")
                .body(java.util.Map.of("amount", 100, "account", payee.accountNumber)).post("/api/transfer").then()
                .statusCode(200);
        payer.authed().get("/api/transactions").then().body("data[0].ipAddress", equalTo("10.1.2.3"))
                .body("data[0].location", equalTo("<img src=x onerror=alert(1)>"))
                .body("data[0].userAgent", equalTo("payer-agent/1.0"));
        payee.authed().get("/api/transactions").then().body("data[0].activity", equalTo("WALLET_TRANSFER"))
                .body("data[0].direction", equalTo("CREDIT")).body("data[0].ipAddress", equalTo(null))
                .body("data[0].location", equalTo(null)).body("data[0].userAgent", equalTo(null));
    }

    @Test
    void controlCharactersInStoredTextAreRefused() {
        given().contentType("application/json")
                .body(java.util.Map.of("email", "ctl" + System.nanoTime() + "@example.com", "password",
                        "correct-horse-42", "name", "Sari\u0000\u0007", "mobile",
                        "62811" + System.nanoTime() % 10_000_000))
                .post("/users").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.name", equalTo("must be printable text"));
    }
}
