package com.ewallet.developer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.ewallet.LedgerCheck;
import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;
import com.ewallet.VtuProviderStub;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Bodies that are not what an Eyowo SDK would send: each gets a 4xx in the /v1 envelope with its own errorCode, and
 * nothing changes (no money moves, no passcode is sent).
 */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
@QuarkusTestResource(VtuProviderStub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncryptedBodyBadInputTest extends DeveloperApiSupport {

    @Inject
    Pool pool;

    private Map<String, String> app;
    private TestClient user;
    private String token;

    /** One app and connected user for the whole class (made on first use: the application runs by then). */
    void connect() {
        if (app != null) {
            return;
        }
        app = createAppWithSecret("Bad input");
        user = TestClient.registered();
        user.topUp(100_000).then().statusCode(200);
        token = (String) connect(app.get("key"), user).get("accessToken");
    }

    @Test
    void undecryptableOrMalformedBodiesAreRefusedEachWithItsOwnCode() {
        connect();
        String secret = app.get("secret");
        Map<String, Object> transfer = Map.of("mobile", "08031234561", "amount", 1_000, "provider", "mtn");
        EyowoJs.Encrypted good = EyowoJs.encrypt(secret, transfer);
        String wrongSecret = Base64.getEncoder()
                .encodeToString(UUID.randomUUID().toString().substring(0, 32).getBytes());
        String tampered = good.body().replaceFirst("\"authData\":\"(.)", "\"authData\":\"" + flip(good.body()));
        String eightByteIv = Base64.getEncoder().encodeToString(new byte[8]);
        long before = user.balance();
        long ledgerRows = LedgerCheck.count(pool, "ledger_entries");

        refused(EyowoJs.encrypt(wrongSecret, transfer).body(), good.iv(), 400, "AUTH_DATA_UNDECRYPTABLE",
                "AUTH_DATA_NOT_JSON");
        refused(tampered, good.iv(), 400, "AUTH_DATA_UNDECRYPTABLE", "AUTH_DATA_NOT_JSON");
        refused(good.body(), null, 400, "IV_MISSING");
        refused(good.body(), "not base64 !", 400, "IV_INVALID");
        refused(good.body(), eightByteIv, 400, "IV_INVALID");
        refused("{\"authData\":\"%%%\"}", good.iv(), 400, "AUTH_DATA_INVALID");
        refused("{\"authData\":\"QUJD\"}", good.iv(), 400, "AUTH_DATA_INVALID");
        refused("{\"authData\":12}", good.iv(), 400, "AUTH_DATA_INVALID");
        EyowoJs.Encrypted text = EyowoJs.encrypt(secret, "hello, not json");
        refused(text.body(), text.iv(), 400, "AUTH_DATA_NOT_JSON");
        EyowoJs.Encrypted array = EyowoJs.encrypt(secret, "[1, 2]");
        refused(array.body(), array.iv(), 400, "AUTH_DATA_NOT_JSON");
        EyowoJs.Encrypted provider = EyowoJs.encrypt(secret,
                Map.of("mobile", "08031234561", "amount", 1_000, "provider", "vodafone"));
        refused(provider.body(), provider.iv(), 400, "UNKNOWN_PROVIDER");
        EyowoJs.Encrypted mobile = EyowoJs.encrypt(secret,
                Map.of("mobile", "6281234567", "amount", 1_000, "provider", "mtn"));
        refused(mobile.body(), mobile.iv(), 400, "INVALID_MOBILE");
        for (Object amount : List.of(0, -5, "10.5", "1e3", " 1", "-5", "", "ten", 99_000_000_000L)) {
            EyowoJs.Encrypted bad = EyowoJs.encrypt(secret,
                    Map.of("mobile", "08031234561", "amount", amount, "provider", "mtn"));
            refused(bad.body(), bad.iv(), 400, "AMOUNT_OUT_OF_RANGE", "MALFORMED_REQUEST");
        }

        assertThat(user.balance()).isEqualTo(before);
        assertThat(LedgerCheck.count(pool, "ledger_entries")).isEqualTo(ledgerRows);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnce() {
        Map<String, String> rotating = createAppWithSecret("Rotating");
        String newSecret = TestClient.admin().authed().post("/api/admin/apps/" + rotating.get("id") + "/secret").then()
                .statusCode(200).body("key", equalTo(null)).extract().path("secret");
        assertThat(newSecret).isNotEqualTo(rotating.get("secret"));
        TestClient someone = TestClient.verified();
        EyowoJs.Encrypted old = EyowoJs.encrypt(rotating.get("secret"), Map.of("mobile", someone.mobile));
        v1(rotating.get("key")).header("X-IV", old.iv()).body(old.body()).post("/v1/users/auth/validate").then()
                .statusCode(400).body("success", equalTo(false));
        EyowoJs.Encrypted fresh = EyowoJs.encrypt(newSecret, Map.of("mobile", someone.mobile));
        v1(rotating.get("key")).header("X-IV", fresh.iv()).body(fresh.body()).post("/v1/users/auth/validate").then()
                .statusCode(200).body("data.user.mobile", equalTo(someone.mobile));
        TestClient.registered().authed().post("/api/admin/apps/" + rotating.get("id") + "/secret").then()
                .statusCode(403);
    }

    @Test
    void errorsMadeBeforeAnyV1EndpointRunsComeInTheEnvelope() {
        connect();
        String key = app.get("key");
        v1(key).get("/v1/no/such/route").then().statusCode(404).body("success", equalTo(false)).body("errorCode",
                equalTo("NOT_FOUND"));
        wallet(key, Map.of("accessToken", token)).delete("/v1/users/balance").then().statusCode(405)
                .body("success", equalTo(false)).body("errorCode", equalTo("METHOD_NOT_ALLOWED"));
        v1(key).contentType(ContentType.TEXT).body("mobile=1").post("/v1/users/auth/validate").then().statusCode(415)
                .body("success", equalTo(false)).body("errorCode", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        v1(key).body("{\"mobile\":\"" + "1".repeat(70_000) + "\"}").post("/v1/users/auth/validate").then()
                .statusCode(413).body("success", equalTo(false)).body("errorCode", equalTo("PAYLOAD_TOO_LARGE"));
        given().get("/api/no/such/route").then().statusCode(404).body("code", equalTo("NOT_FOUND")).body("success",
                equalTo(null));
    }

    private void refused(String body, String iv, int status, String... codes) {
        var request = v1(app.get("key")).header("X-App-Wallet-Access-Token", token)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body);
        (iv == null ? request : request.header("X-IV", iv)).post("/v1/users/payments/bills/vtu").then()
                .statusCode(status).body("success", equalTo(false))
                .body("errorCode", org.hamcrest.Matchers.in(List.of(codes)));
    }

    private static String flip(String body) {
        char first = body.charAt(body.indexOf("\"authData\":\"") + 12);
        return first == 'A' ? "B" : "A";
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
