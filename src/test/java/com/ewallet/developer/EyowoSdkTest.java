package com.ewallet.developer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;
import com.ewallet.VtuProviderStub;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The published Eyowo SDKs' ways of speaking, through HTTP: the JavaScript SDK's encrypted bodies, the Go SDK's plain
 * JSON, the C# SDK's string amounts and refresh before every call, the PHP SDK's form bodies. Each runs the flow from
 * validation to airtime; the stub SMS gateway and airtime provider are real sockets.
 */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
@QuarkusTestResource(VtuProviderStub.class)
class EyowoSdkTest extends DeveloperApiSupport {

    @Inject
    Pool pool;

    /** One SDK's way of sending a body to a path, with or without the wallet token. */
    interface Style {
        Response post(String path, Map<String, ?> body, String walletToken);
    }

    @Test
    void theJavaScriptSdkWithEncryptedBodiesRunsTheWholeFlow() {
        Map<String, String> app = createAppWithSecret("JS");
        Style js = (path, body, token) -> {
            EyowoJs.Encrypted encrypted = EyowoJs.encrypt(app.get("secret"), body);
            RequestSpecification request = v1(app.get("key")).header("X-IV", encrypted.iv()).body(encrypted.body());
            return (token == null ? request : request.header("X-App-Wallet-Access-Token", token)).post(path);
        };
        wholeFlow(app.get("key"), js, 1_000_000);
    }

    @Test
    void theGoSdkWithPlainJsonRunsTheWholeFlow() {
        String key = createApp("Go");
        Style go = (path, body, token) -> v1(key).header("X-App-Wallet-Access-Token", token == null ? "" : token)
                .body(body).post(path);
        wholeFlow(key, go, 1_000_000);
        // The Go SDK decodes data as an object: the banks come as data.banks.
        v1(key).header("X-App-Wallet-Access-Token", "").get("/v1/queries/banks").then().statusCode(200)
                .body("data.banks.bankCode", hasItems("058", "044", "011", "033", "057", "bni"))
                .body("data.banks[0].keySet()", org.hamcrest.Matchers.containsInAnyOrder("bankCode", "bankName"));
    }

    @Test
    void theCSharpSdkWithStringAmountsAndARefreshBeforeEveryCallRunsTheWholeFlow() {
        String key = createApp("CSharp");
        Style csharp = (path, body, token) -> v1(key).header("X-App-Wallet-Access-Token", token == null ? "" : token)
                .body(withStringAmount(body)).post(path);
        Map<String, Object> tokens = wholeFlow(key, csharp, 1_000_000);
        for (int i = 0; i < 3; i++) {
            String access = v1(key).body(Map.of("refreshToken", tokens.get("refreshToken")))
                    .post("/v1/users/accessToken").then().statusCode(200).body("success", equalTo(true))
                    .body("data.expiresIn", equalTo(86400)).extract().path("data.accessToken");
            v1(key).header("X-App-Wallet-Access-Token", access)
                    .body(Map.of("mobile", "08031234561", "amount", "100", "provider", "mtn"))
                    .header("Idempotency-Key", UUID.randomUUID().toString()).post("/v1/users/payments/bills/vtu").then()
                    .statusCode(200).body("success", equalTo(true));
        }
    }

    @Test
    void thePhpSdkWithFormBodiesRunsTheWholeFlow() {
        String key = createApp("PHP");
        Style php = (path, body, token) -> {
            RequestSpecification request = given().header("X-App-Key", key).contentType(ContentType.URLENC);
            body.forEach((name, value) -> request.formParam(name, String.valueOf(value)));
            return (token == null ? request : request.header("X-App-Wallet-Access-Token", token)).post(path);
        };
        wholeFlow(key, php, 1_000_000);
    }

    /**
     * Validate, passcode, verify, balance by POST, phone and bank (058) transfers, airtime delivered, refused (money
     * back), timed out then reconciled, and answered 500 then reconciled as failed (money back), the refresh token used
     * twice, and the history: every answer as the SDKs read it, the books right at the end.
     */
    private Map<String, Object> wholeFlow(String key, Style sdk, long topUp) {
        TestClient user = TestClient.verified();
        TestClient payee = TestClient.verified();
        user.topUp(topUp).then().statusCode(200);

        sdk.post("/v1/users/auth/validate", Map.of("mobile", user.mobile), null).then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Validation successful"))
                .body("data.user.mobile", equalTo(user.mobile));
        sdk.post("/v1/users/auth", Map.of("mobile", user.mobile, "factor", "sms"), null).then().statusCode(200)
                .body("success", equalTo(true));
        Map<String, Object> tokens = sdk
                .post("/v1/users/auth",
                        Map.of("mobile", user.mobile, "factor", "sms", "passcode", lastPasscode(user.mobile)), null)
                .then().statusCode(200).body("message", equalTo("Wallet added successfully"))
                .body("data.expiresIn", equalTo(86400)).extract().path("data");
        String token = (String) tokens.get("accessToken");

        sdk.post("/v1/users/balance", Map.of("mobile", user.mobile), token).then().statusCode(200)
                .body("data.user.mobile", equalTo(user.mobile)).body("data.user.id", notNullValue())
                .body("data.user.balance", instanceOf(Integer.class)).body("data.user.balance", equalTo((int) topUp));
        sdk.post("/v1/users/balance", Map.of("mobile", payee.mobile), token).then().statusCode(403)
                .body("success", equalTo(false)).body("errorCode", equalTo("MOBILE_MISMATCH"));

        long balance = topUp;
        sdk.post("/v1/users/transfers/phone", Map.of("mobile", payee.mobile, "amount", 10_000), token).then()
                .statusCode(200).body("message", equalTo("Transaction successful"))
                .body("data.transaction.reference", notNullValue()).body("data.transaction.amount", equalTo(10_000))
                .body("data.transaction.status", equalTo("success"));
        balance -= 10_000;
        assertThat(payee.balance()).isEqualTo(10_000);

        Response bank = sdk.post("/v1/users/transfers/bank",
                Map.of("accountName", "Ada Obi", "accountNumber", "0123456789", "bankCode", "058", "amount", 20_000),
                token);
        bank.then().statusCode(200).body("message", equalTo("Transaction pending")).body("data.transaction.status",
                equalTo("pending"));
        assertThat(bank.jsonPath().getMap("data").toString().toLowerCase()).doesNotContain("success");
        balance -= 20_000;

        sdk.post("/v1/users/payments/bills/vtu", Map.of("mobile", "08031234561", "amount", 5_000, "provider", "mtn"),
                token).then().statusCode(200).body("message", equalTo("Transaction successful"))
                .body("data.transaction.status", equalTo("success")).body("data.transaction.amount", equalTo(5_000));
        balance -= 5_000;
        sdk.post("/v1/users/payments/bills/vtu", Map.of("mobile", "+2348031234562", "amount", 6_000, "provider", "glo"),
                token).then().statusCode(400).body("success", equalTo(false)).body("errorCode", equalTo("VTU_FAILED"));
        assertThat(user.balance()).as("a refused purchase gives the money back").isEqualTo(balance);

        String late = sdk
                .post("/v1/users/payments/bills/vtu",
                        Map.of("mobile", "2348031234563", "amount", 7_000, "provider", "9mobile"), token)
                .then().statusCode(200).body("message", equalTo("Transaction pending"))
                .body("data.transaction.status", equalTo("pending")).extract().path("data.transaction.reference");
        String broken = sdk
                .post("/v1/users/payments/bills/vtu",
                        Map.of("mobile", "08031234564", "amount", 8_000, "provider", "airtel"), token)
                .then().statusCode(200).body("data.transaction.status", equalTo("pending")).extract()
                .path("data.transaction.reference");
        assertThat(awaitSettled(key, token, late)).isEqualTo("success");
        assertThat(awaitSettled(key, token, broken)).isEqualTo("failed");
        balance -= 7_000;
        assertThat(user.balance()).isEqualTo(balance);

        for (int i = 0; i < 2; i++) {
            sdk.post("/v1/users/accessToken", Map.of("refreshToken", tokens.get("refreshToken")), null).then()
                    .statusCode(200).body("data.accessToken", notNullValue());
        }
        wallet(key, tokens).get("/v1/users/transactions").then().statusCode(200).body("data.data.activity",
                hasItems("VTU", "VTU_REFUND", "BANK_TRANSFER", "WALLET_TRANSFER"));
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
        assertThat(LedgerCheck.unexplainedMoney(pool)).isZero();
        return tokens;
    }

    /** Polls the purchase until the reconciler settles it (it runs every second in tests). */
    private static String awaitSettled(String key, String token, String reference) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            String status = v1(key).header("X-App-Wallet-Access-Token", token)
                    .get("/v1/users/payments/bills/vtu/" + reference).then().statusCode(200).extract()
                    .path("data.status");
            if (!"pending".equals(status)) {
                return status;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "pending";
    }

    private static Map<String, ?> withStringAmount(Map<String, ?> body) {
        if (!body.containsKey("amount")) {
            return body;
        }
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put("amount", String.valueOf(body.get("amount")));
        return copy;
    }
}
