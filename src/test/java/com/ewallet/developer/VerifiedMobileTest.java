package com.ewallet.developer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;
import com.ewallet.auth.service.SigningKeys;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 11, points 7 and 12: a number is somebody's only once they completed an SMS passcode for it, and users are
 * shown outside by opaque public ids.
 */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
class VerifiedMobileTest extends DeveloperApiSupport {

    private static final String PUBLIC_ID = "[0-9A-V]{12}";

    @Inject
    Pool pool;

    @Inject
    SigningKeys keys;

    private Response validate(String key, String mobile) {
        return v1(key).body(Map.of("mobile", mobile)).post("/v1/users/auth/validate");
    }

    private static Response toPhone(String key, Map<String, Object> tokens, String mobile, long amount) {
        return wallet(key, tokens).body(Map.of("mobile", mobile, "amount", amount)).post("/v1/users/transfers/phone");
    }

    @Test
    void aSquattedNumberReachesNobodyUntilItsOwnerVerifiesItAndTakesIt() {
        String key = createApp("Squat");
        String victim = TestClient.freshMobile();
        TestClient squatter = TestClient.registeredWith(victim);
        squatter.topUp(500).then().statusCode(200);
        TestClient payer = TestClient.verified();
        payer.topUp(10_000).then().statusCode(200);
        Map<String, Object> tokens = connect(key, payer);

        // Unverified, the number answers exactly as a number nobody has: no money reaches the squatter.
        String unknown = toPhone(key, tokens, TestClient.freshMobile(), 100).then().statusCode(404)
                .body("errorCode", equalTo("UNKNOWN_MOBILE")).extract().path("error");
        toPhone(key, tokens, victim, 100).then().statusCode(404).body("success", equalTo(false))
                .body("errorCode", equalTo("UNKNOWN_MOBILE")).body("error", equalTo(unknown));
        validate(key, victim).then().statusCode(404).body("errorCode", equalTo("USER_NOT_FOUND"));
        assertThat(squatter.balance()).isEqualTo(500);

        // The owner is not kept out by the squatter, and with two unverified holders no app can log either in.
        TestClient owner = TestClient.registeredWith(victim);
        send(key, victim).then().statusCode(404).body("errorCode", equalTo("USER_NOT_FOUND"));

        owner.authed().post("/api/users/mobile/passcode").then().statusCode(200).body("mobile", equalTo(victim))
                .body("mobileVerified", equalTo(false));
        owner.authed().contentType(ContentType.JSON).body(Map.of("passcode", SmsGatewayStub.lastPasscode(victim)))
                .post("/api/users/mobile/verify").then().statusCode(200).body("msg", equalTo("mobile verified."))
                .body("mobile", equalTo(victim)).body("mobileVerified", equalTo(true));

        // The squatter keeps its money and loses the number; the owner is the number's user now.
        assertThat(squatter.balance()).isEqualTo(500);
        squatter.authed().post("/api/users/mobile/passcode").then().statusCode(409).body("code", equalTo("NO_MOBILE"));
        validate(key, victim).then().statusCode(200).body("data.user.id", equalTo(owner.id)).body("data.user.mobile",
                equalTo(victim));
        toPhone(key, tokens, victim, 100).then().statusCode(200).body("success", equalTo(true));
        assertThat(owner.balance()).isEqualTo(100);
        assertThat(squatter.balance()).isEqualTo(500);
        assertThat(payer.balance()).isEqualTo(9_900);

        // A verified number is nobody else's to register or claim.
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "late-" + System.nanoTime() + "@example.com", "password", "correct-horse-42",
                        "name", "Late", "mobile", victim))
                .post("/users").then().statusCode(409).body("code", equalTo("MOBILE_TAKEN"));
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
    }

    @Test
    void anAccountThatLostItsNumberSetsAnotherAndVerifiesIt() {
        String victim = TestClient.freshMobile();
        TestClient squatter = TestClient.registeredWith(victim);
        squatter.topUp(700).then().statusCode(200);
        TestClient owner = TestClient.registeredWith(victim).verifyMobile();
        squatter.authed().post("/api/users/mobile/passcode").then().statusCode(409).body("code", equalTo("NO_MOBILE"));

        change(squatter, victim).then().statusCode(409).body("code", equalTo("MOBILE_TAKEN"));
        change(squatter, "six-two-eight").then().statusCode(400).body("code", equalTo("INVALID_MOBILE"));
        change(owner, TestClient.freshMobile()).then().statusCode(409).body("code", equalTo("MOBILE_VERIFIED"));
        String fresh = TestClient.freshMobile();
        change(squatter, "+" + fresh).then().statusCode(200).body("mobile", equalTo(fresh)).body("mobileVerified",
                equalTo(false));
        squatter.authed().post("/api/users/mobile/passcode").then().statusCode(200).body("mobile", equalTo(fresh));
        squatter.authed().contentType(ContentType.JSON).body(Map.of("passcode", SmsGatewayStub.lastPasscode(fresh)))
                .post("/api/users/mobile/verify").then().statusCode(200).body("mobile", equalTo(fresh));
        assertThat(squatter.balance()).isEqualTo(700);
    }

    @Test
    void changingNumbersDoesNotMultiplyThePasscodesAnAccountCanSend() {
        TestClient user = TestClient.registered();
        // Test profile: 5 passcodes per 10 minutes.
        for (int i = 0; i < 5; i++) {
            change(user, TestClient.freshMobile()).then().statusCode(200);
            user.authed().post("/api/users/mobile/passcode").then().statusCode(200);
        }
        change(user, TestClient.freshMobile()).then().statusCode(200);
        user.authed().post("/api/users/mobile/passcode").then().statusCode(429).body("code", equalTo("OTP_SEND_LIMIT"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    private static Response change(TestClient user, String mobile) {
        return user.authed().contentType(ContentType.JSON).body(Map.of("mobile", mobile)).put("/api/users/mobile");
    }

    @Test
    void aPasscodeLoginOfAnAppVerifiesTheNumber() {
        String key = createApp("Login verifies");
        TestClient user = TestClient.registered();
        validate(key, user.mobile).then().statusCode(404);

        connect(key, user);

        validate(key, user.mobile).then().statusCode(200).body("data.user.id", equalTo(user.id));
        user.authed().post("/api/users/mobile/passcode").then().statusCode(409).body("code",
                equalTo("MOBILE_VERIFIED"));
        TestClient payer = TestClient.verified();
        payer.topUp(1_000).then().statusCode(200);
        toPhone(key, connect(key, payer), user.mobile, 250).then().statusCode(200);
        assertThat(user.balance()).isEqualTo(250);
    }

    @Test
    void aWrongOrMissingPasscodeVerifiesNothing() {
        String key = createApp("Wrong passcode");
        TestClient user = TestClient.registered();
        // Nothing sent yet: no passcode can be right.
        user.authed().contentType(ContentType.JSON).body(Map.of("passcode", "123456")).post("/api/users/mobile/verify")
                .then().statusCode(400).body("code", equalTo("PASSCODE_INVALID"));
        user.authed().post("/api/users/mobile/passcode").then().statusCode(200);
        String right = SmsGatewayStub.lastPasscode(user.mobile);
        user.authed().contentType(ContentType.JSON).body(Map.of("passcode", wrong(right)))
                .post("/api/users/mobile/verify").then().statusCode(400).body("code", equalTo("PASSCODE_INVALID"))
                .body("msg", equalTo("invalid or expired passcode; request a new one if needed."));
        user.authed().contentType(ContentType.JSON).body(Map.of("passcode", "12ab")).post("/api/users/mobile/verify")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("msg", equalTo("mobile verification failed."));
        user.authed().contentType(ContentType.JSON).body("{}").post("/api/users/mobile/verify").then().statusCode(400)
                .body("errors.passcode", org.hamcrest.Matchers.notNullValue());
        // Cookie and CSRF as every /api call.
        given().cookie("access_token_cookie", user.cookies.get("access_token_cookie")).contentType(ContentType.JSON)
                .body(Map.of("passcode", right)).post("/api/users/mobile/verify").then().statusCode(401);
        given().post("/api/users/mobile/passcode").then().statusCode(401);
        validate(key, user.mobile).then().statusCode(404);

        // A passcode the wallet sent is not an app's, and an app's is not the wallet's.
        send(key, user.mobile).then().statusCode(200);
        String appPasscode = lastPasscode(user.mobile);
        user.authed().contentType(ContentType.JSON).body(Map.of("passcode", appPasscode))
                .post("/api/users/mobile/verify").then().statusCode(400).body("code", equalTo("PASSCODE_INVALID"));
        validate(key, user.mobile).then().statusCode(404);
    }

    @Test
    void usersAreShownByOpaquePublicIdsNeverByTheirKey() {
        String key = createApp("Public ids");
        TestClient user = TestClient.verified();
        assertThat(user.id).matches(PUBLIC_ID);
        long numeric = pool.preparedQuery("SELECT id FROM users WHERE email = ?").execute(Tuple.of(user.email)).await()
                .atMost(Duration.ofSeconds(10)).iterator().next().getLong("id");
        String shown = validate(key, user.mobile).then().statusCode(200).body("data.user.id", matchesPattern(PUBLIC_ID))
                .extract().path("data.user.id");
        assertThat(shown).isEqualTo(user.id).isNotEqualTo(Long.toString(numeric));
        Map<String, Object> tokens = connect(key, user);
        wallet(key, tokens).get("/v1/users/balance").then().statusCode(200).body("data.user.id", equalTo(user.id));

        // The wallet access token is readable by the app: it names the user by public id too.
        Map<String, Object> claims = payload((String) tokens.get("accessToken"));
        assertThat(claims.get("sub")).isEqualTo(user.id);
        // A wallet token from before public ids (numeric subject) still works until it expires; one naming another
        // user within this session does not.
        String legacy = walletToken(Long.toString(numeric), claims);
        v1(key).header("X-App-Wallet-Access-Token", legacy).get("/v1/users/balance").then().statusCode(200)
                .body("data.user.id", equalTo(user.id));
        String other = walletToken(TestClient.verified().id, claims);
        v1(key).header("X-App-Wallet-Access-Token", other).get("/v1/users/balance").then().statusCode(401)
                .body("errorCode", equalTo("TOKEN_REVOKED"));
    }

    private String walletToken(String subject, Map<String, Object> like) {
        return Jwt.issuer((String) like.get("iss")).subject(subject).claim("jti", "t" + System.nanoTime())
                .claim("type", "wallet").claim("sid", like.get("sid")).claim("app", like.get("app"))
                .expiresAt(Instant.now().plusSeconds(600)).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(keys.privateKey());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(json).getMap("$");
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
