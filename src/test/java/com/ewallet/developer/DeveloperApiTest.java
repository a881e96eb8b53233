package com.ewallet.developer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The developer API end to end over HTTP, with a stub SMS gateway on a real socket. */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
class DeveloperApiTest extends DeveloperApiSupport {

    @Inject
    Pool pool;

    // ---- tests ---------------------------------------------------------------------------------------

    @Test
    void theFullFlowFromAppCreationToTransfers() {
        String key = createApp("Shop");
        TestClient alice = TestClient.verified();
        TestClient bob = TestClient.verified();
        alice.topUp(100_000).then().statusCode(200);

        v1(key).body(Map.of("mobile", "+" + alice.mobile)).post("/v1/users/auth/validate").then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Validation successful"))
                .body("data.user.mobile", equalTo(alice.mobile))
                .body("data.user.id", org.hamcrest.Matchers.matchesPattern("[0-9A-V]{12}"));
        send(key, alice.mobile).then().statusCode(200).body("message",
                equalTo("Please enter the passcode sent to " + alice.mobile));
        Map<String, Object> tokens = verify(key, alice.mobile, lastPasscode(alice.mobile)).then().statusCode(200)
                .body("data.expiresIn", equalTo(86400)).extract().path("data");
        assertThat(tokens).containsKeys("accessToken", "refreshToken");

        wallet(key, tokens).get("/v1/users/accounts").then().statusCode(200).body("data", hasSize(1))
                .body("data[0].accountNumber", equalTo(alice.accountNumber)).body("data[0].balance", equalTo(100_000))
                .body("data[0].type", equalTo("personal")).body("data[0].tier", equalTo(1))
                .body("data[0]", not(org.hamcrest.Matchers.hasKey("secret")));
        wallet(key, tokens).get("/v1/users/balance").then().statusCode(200).body("data.balance", equalTo(100_000));
        v1(key).get("/v1/queries/banks").then().statusCode(200).body("data.banks.bankCode",
                org.hamcrest.Matchers.hasItems("bni", "bri", "mandiri", "058", "044"));

        wallet(key, tokens).body(Map.of("mobile", "0" + bob.mobile.substring(2), "amount", 2_500))
                .post("/v1/users/transfers/phone").then().statusCode(200).body("success", equalTo(true))
                .body("data.balance", equalTo(97_500));
        assertThat(bob.balance()).isEqualTo(2_500);
        alice.authed().get("/api/transactions").then().body("data[0].activity", equalTo("WALLET_TRANSFER"));
        assertThat(appIdOfLastLedgerRow(alice)).isNotNull();

        // Bank transfer: pending, then settled successfully by an admin.
        String ok = wallet(key, tokens)
                .body(Map.of("accountName", "Alice", "accountNumber", "1234567890", "bankCode", "BRI", "amount", 7_000))
                .post("/v1/users/transfers/bank").then().statusCode(200).body("message", equalTo("Transaction pending"))
                .extract().path("data.reference");
        wallet(key, tokens).get("/v1/users/transfers/requery/bank/" + ok).then().statusCode(200)
                .body("data.status", equalTo("pending")).body("data.accountName", equalTo("Alice"));
        settle(ok, "success").then().statusCode(200).body("status", equalTo("success"));
        wallet(key, tokens).get("/v1/users/transfers/requery/bank/" + ok).then().body("data.status",
                equalTo("success"));
        settle(ok, "failed").then().statusCode(409).body("code", equalTo("ALREADY_SETTLED"));
        assertThat(alice.balance()).isEqualTo(90_500);

        // ...and one that fails: the money comes back.
        String failed = wallet(key, tokens)
                .body(Map.of("accountName", "Alice", "accountNumber", "1234567890", "bankCode", "bni", "amount", 500))
                .post("/v1/users/transfers/bank").then().statusCode(200).extract().path("data.reference");
        assertThat(alice.balance()).isEqualTo(90_000);
        settle(failed, "failed").then().statusCode(200).body("status", equalTo("failed"));
        wallet(key, tokens).get("/v1/users/transfers/requery/bank/" + failed).then().body("data.status",
                equalTo("failed"));
        assertThat(alice.balance()).isEqualTo(90_500);
        wallet(key, tokens).get("/v1/users/transfers/requery/bank/" + "0".repeat(32)).then().statusCode(404)
                .body("success", equalTo(false)).body("errorCode", equalTo("TRANSFER_NOT_FOUND"));
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
        assertThat(LedgerCheck.unexplainedMoney(pool)).isZero();
    }

    Response settle(String reference, String status) {
        return TestClient.admin().authed().contentType(ContentType.JSON).body(Map.of("status", status))
                .post("/api/admin/bank-transfers/" + reference + "/settle");
    }

    Long appIdOfLastLedgerRow(TestClient user) {
        return pool
                .preparedQuery("SELECT l.app_id FROM ledger_entries l JOIN accounts a ON a.id = l.account_id "
                        + "WHERE a.account_number = ? ORDER BY l.id DESC LIMIT 1")
                .execute(Tuple.of(user.accountNumber)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong("app_id");
    }

    @Test
    void appAdministrationNeedsTheAdminRoleAndShowsTheKeyOnlyOnce() {
        TestClient someone = TestClient.registered();
        someone.authed().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/admin/apps").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        someone.authed().get("/api/admin/apps").then().statusCode(403);
        String key = createApp("Listed");
        TestClient.admin().authed().get("/api/admin/apps").then().statusCode(200)
                .body("find { it.name == 'Listed' }.key", nullValue());
        assertThat(count("SELECT COUNT(*) AS n FROM apps WHERE key_hash = ?", key)).isZero();
    }

    @Test
    void everyV1RequestNeedsAValidUnrevokedAppKey() {
        TestClient user = TestClient.registered();
        given().contentType(ContentType.JSON).body(Map.of("mobile", user.mobile)).post("/v1/users/auth/validate").then()
                .statusCode(401).body("success", equalTo(false)).body("errorCode", equalTo("APP_KEY_INVALID"));
        v1("ak_wrong").body(Map.of("mobile", user.mobile)).post("/v1/users/auth/validate").then().statusCode(401)
                .body("errorCode", equalTo("APP_KEY_INVALID"));
        given().get("/v1/queries/banks").then().statusCode(401);

        String key = createApp("Revoked soon");
        Map<String, Object> tokens = connect(key, user);
        long id = TestClient.admin().authed().get("/api/admin/apps").then().extract()
                .<Integer> path("find { it.name == 'Revoked soon' }.id").longValue();
        TestClient.admin().authed().delete("/api/admin/apps/" + id).then().statusCode(200).body("revokedAt",
                notNullValue());
        wallet(key, tokens).get("/v1/users/accounts").then().statusCode(401).body("errorCode",
                equalTo("APP_KEY_INVALID"));
        v1(key).get("/v1/queries/banks").then().statusCode(401);
    }

    @Test
    void aTokenIssuedToAppAIsRefusedWithAppBsKey() {
        String a = createApp("A");
        String b = createApp("B");
        TestClient user = TestClient.registered();
        Map<String, Object> tokens = connect(a, user);
        wallet(a, tokens).get("/v1/users/accounts").then().statusCode(200);
        wallet(b, tokens).get("/v1/users/accounts").then().statusCode(401).body("errorCode",
                equalTo("TOKEN_WRONG_APP"));
        v1(b).body(Map.of("refreshToken", tokens.get("refreshToken"))).post("/v1/users/accessToken").then()
                .statusCode(401);
        v1(a).get("/v1/users/accounts").then().statusCode(401).body("errorCode", equalTo("TOKEN_MISSING"));
        v1(a).header("X-App-Wallet-Access-Token", "garbage").get("/v1/users/accounts").then().statusCode(401)
                .body("errorCode", equalTo("TOKEN_INVALID"));
        // A cookie access token is not a wallet token.
        v1(a).header("X-App-Wallet-Access-Token", user.cookies.get("access_token_cookie")).get("/v1/users/accounts")
                .then().statusCode(401).body("errorCode", equalTo("TOKEN_WRONG_TYPE"))
                .body("error", equalTo("Only wallet access tokens are allowed"));
    }

    @Test
    void unknownMobilesAreNotFoundAndMalformedOnesAreBadRequests() {
        String key = createApp("Lookup");
        v1(key).body(Map.of("mobile", "6281000000000")).post("/v1/users/auth/validate").then().statusCode(404)
                .body("errorCode", equalTo("USER_NOT_FOUND"));
        v1(key).body(Map.of("mobile", "12ab")).post("/v1/users/auth/validate").then().statusCode(400).body("errorCode",
                equalTo("INVALID_MOBILE"));
        v1(key).body(Map.of("mobile", "6281000000000", "factor", "email")).post("/v1/users/auth").then().statusCode(400)
                .body("success", equalTo(false)).body("errorCode", equalTo("VALIDATION_FAILED"));
        v1(key).body("[]").post("/v1/users/auth").then().statusCode(400).body("success", equalTo(false));
    }

    @Test
    void expiredAndReusedPasscodesAreRefusedAlike() {
        String key = createApp("Codes");
        TestClient user = TestClient.registered();
        send(key, user.mobile).then().statusCode(200);
        String code = lastPasscode(user.mobile);
        pool.preparedQuery("UPDATE otp_challenges SET expires_at = ? WHERE mobile = ?")
                .execute(Tuple.of(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1), user.mobile))
                .await().atMost(Duration.ofSeconds(10));
        Response expired = verify(key, user.mobile, code);
        expired.then().statusCode(401).body("errorCode", equalTo("PASSCODE_INVALID"));

        send(key, user.mobile).then().statusCode(200);
        String fresh = lastPasscode(user.mobile);
        verify(key, user.mobile, fresh).then().statusCode(200);
        Response reused = verify(key, user.mobile, fresh);
        reused.then().statusCode(401).body("errorCode", equalTo("PASSCODE_INVALID"));
        assertThat(reused.path("error").toString()).isEqualTo(expired.path("error").toString());
        assertThat(count("SELECT COUNT(*) AS n FROM otp_challenges WHERE code_hash = ?", fresh)).isZero();
    }

    @Test
    void theSixthTryFailsEvenWithTheRightPasscode() {
        String key = createApp("Tries");
        TestClient user = TestClient.registered();
        send(key, user.mobile).then().statusCode(200);
        String code = lastPasscode(user.mobile);
        for (int i = 0; i < 5; i++) {
            verify(key, user.mobile, wrong(code)).then().statusCode(401).body("errorCode", equalTo("PASSCODE_INVALID"));
        }
        verify(key, user.mobile, code).then().statusCode(401).body("errorCode", equalTo("PASSCODE_INVALID"));
    }

    @Test
    void tooManyWrongPasscodesForAMobileAnswer429WithRetryAfter() {
        String key = createApp("Brute");
        TestClient user = TestClient.registered();
        for (int round = 0; round < 2; round++) {
            send(key, user.mobile).then().statusCode(200);
            String code = lastPasscode(user.mobile);
            for (int i = 0; i < 5; i++) {
                verify(key, user.mobile, wrong(code)).then().statusCode(401);
            }
        }
        send(key, user.mobile).then().statusCode(200);
        verify(key, user.mobile, lastPasscode(user.mobile)).then().statusCode(429).header("Retry-After", notNullValue())
                .body("errorCode", equalTo("OTP_LOCKED"));
    }

    @Test
    void sendingIsLimitedPerMobile() {
        String key = createApp("Flood");
        TestClient user = TestClient.registered();
        for (int i = 0; i < 5; i++) {
            send(key, user.mobile).then().statusCode(200);
        }
        send(key, user.mobile).then().statusCode(429).header("Retry-After", notNullValue()).body("errorCode",
                equalTo("OTP_SEND_LIMIT"));
    }

    @Test
    void whenTheGatewayFailsTheAnswerIs503AndNoPasscodeIsLeftUsable() {
        String key = createApp("Outage");
        TestClient user = TestClient.registered();
        given().put(gateway + "/failing/true").then().statusCode(204);
        try {
            send(key, user.mobile).then().statusCode(503).body("errorCode", equalTo("SMS_UNAVAILABLE"));
            assertThat(count("SELECT COUNT(*) AS n FROM otp_challenges WHERE mobile = ? AND consumed_at IS NULL",
                    user.mobile)).isZero();
        } finally {
            given().put(gateway + "/failing/false").then().statusCode(204);
        }
        connect(key, user);
    }

    @Test
    void refreshLeavesTheRefreshTokenValidUntilTheSessionIsRevoked() {
        String key = createApp("Refresh");
        TestClient user = TestClient.registered();
        Map<String, Object> first = connect(key, user);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> next = v1(key).body(Map.of("refreshToken", first.get("refreshToken")))
                    .post("/v1/users/accessToken").then().statusCode(200)
                    .body("message", equalTo("Access token refreshed")).extract().path("data");
            assertThat(next.get("refreshToken")).isEqualTo(first.get("refreshToken"));
            wallet(key, next).get("/v1/users/accounts").then().statusCode(200);
        }
        v1(createApp("Other")).body(Map.of("refreshToken", first.get("refreshToken"))).post("/v1/users/accessToken")
                .then().statusCode(401).body("errorCode", equalTo("TOKEN_REVOKED"));
        v1(key).body(Map.of("refreshToken", "not-a-token")).post("/v1/users/accessToken").then().statusCode(401);
        String appId = TestClient.admin().authed().get("/api/admin/apps").then().extract()
                .path("find { it.name == 'Refresh' }.id").toString();
        TestClient.admin().authed().delete("/api/admin/apps/" + appId).then().statusCode(200);
        v1(key).body(Map.of("refreshToken", first.get("refreshToken"))).post("/v1/users/accessToken").then()
                .statusCode(401);
    }

    @Test
    void tierLimitsHoldOnBothApiAndV1() {
        String key = createApp("Limits");
        TestClient rich = TestClient.registered();
        TestClient other = TestClient.verified();
        // Test profile: tier 1 holds at most 5,000,000 and sends at most 3,000,000 a day.
        rich.topUp(5_000_001).then().statusCode(400).body("code", equalTo("BALANCE_LIMIT"));
        rich.topUp(4_000_000).then().statusCode(200);
        rich.toBank(2_000_000, "bni").then().statusCode(200);
        rich.toBank(1_500_000, "bni").then().statusCode(400).body("code", equalTo("DAILY_LIMIT"));
        Map<String, Object> tokens = connect(key, rich);
        wallet(key, tokens).body(Map.of("mobile", other.mobile, "amount", 1_500_000)).post("/v1/users/transfers/phone")
                .then().statusCode(400).body("success", equalTo(false)).body("errorCode", equalTo("DAILY_LIMIT"));
        wallet(key, tokens).body(Map.of("mobile", other.mobile, "amount", 1_000_000)).post("/v1/users/transfers/phone")
                .then().statusCode(200);
        assertThat(rich.balance()).isEqualTo(1_000_000);

        TestClient full = TestClient.registered();
        full.topUp(4_999_999).then().statusCode(200);
        TestClient sender = TestClient.registered();
        sender.topUp(10).then().statusCode(200);
        sender.toWallet(2, full.accountNumber).then().statusCode(400).body("code", equalTo("RECIPIENT_BALANCE_LIMIT"));
        assertThat(full.balance()).isEqualTo(4_999_999);
        assertThat(sender.balance()).isEqualTo(10);
    }

    @Test
    void v1MoneyErrorsUseTheEnvelopeAndChangeNothing() {
        String key = createApp("Errors");
        TestClient user = TestClient.registered();
        user.topUp(100).then().statusCode(200);
        Map<String, Object> tokens = connect(key, user);
        wallet(key, tokens).body(Map.of("mobile", "6281000000099", "amount", 10)).post("/v1/users/transfers/phone")
                .then().statusCode(404).body("errorCode", equalTo("UNKNOWN_MOBILE"));
        wallet(key, tokens).body(Map.of("mobile", TestClient.verified().mobile, "amount", 101))
                .post("/v1/users/transfers/phone").then().statusCode(400)
                .body("errorCode", equalTo("INSUFFICIENT_FUNDS"));
        wallet(key, tokens).body(Map.of("accountName", "A", "accountNumber", "123456", "bankCode", "bca", "amount", 1))
                .post("/v1/users/transfers/bank").then().statusCode(400).body("errorCode", equalTo("UNKNOWN_BANK"));
        wallet(key, tokens).body(Map.of("accountName", "A", "accountNumber", "12", "bankCode", "bni", "amount", 1))
                .post("/v1/users/transfers/bank").then().statusCode(400)
                .body("errorCode", equalTo("VALIDATION_FAILED"));
        wallet(key, tokens).body("{\"mobile\":\"6281\",\"amount\":\"10\"}").post("/v1/users/transfers/phone").then()
                .statusCode(400).body("success", equalTo(false));
        assertThat(user.balance()).isEqualTo(100);
    }

    @Test
    void v1TransfersAreIdempotent() {
        String key = createApp("Idem");
        TestClient user = TestClient.registered();
        TestClient payee = TestClient.verified();
        user.topUp(1_000).then().statusCode(200);
        Map<String, Object> tokens = connect(key, user);
        for (int i = 0; i < 3; i++) {
            wallet(key, tokens).header("Idempotency-Key", "pay-once")
                    .body(Map.of("mobile", payee.mobile, "amount", 100)).post("/v1/users/transfers/phone").then()
                    .statusCode(200).body("success", equalTo(true));
        }
        assertThat(user.balance()).isEqualTo(900);
        assertThat(payee.balance()).isEqualTo(100);
    }

    long count(String sql, String value) {
        return pool.preparedQuery(sql).execute(Tuple.of(value)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong("n");
    }
}
