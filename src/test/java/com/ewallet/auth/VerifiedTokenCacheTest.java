package com.ewallet.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A token whose signature was verified once is remembered, but it still expires on time and still dies with its
 * session. Access tokens live three seconds here.
 */
@QuarkusTest
@TestProfile(VerifiedTokenCacheTest.Profile.class)
class VerifiedTokenCacheTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.auth.access-token-ttl", "PT3S");
        }
    }

    @Test
    void aRememberedTokenStillExpiresOnTime() throws InterruptedException {
        TestClient user = TestClient.registered();
        user.authed().get("/api/balance").then().statusCode(200);
        user.authed().get("/api/balance").then().statusCode(200);
        Thread.sleep(3_100);
        user.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_EXPIRED"));
        user.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_EXPIRED"));
    }

    @Test
    void aRememberedTokenDiesWithItsSession() {
        TestClient user = TestClient.registered();
        user.authed().get("/api/balance").then().statusCode(200);
        given().cookie("csrf_access_token", user.csrfAccess()).cookie("csrf_refresh_token", user.csrfRefresh())
                .post("/token/remove").then().statusCode(200);
        user.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
    }

    @Test
    void aRememberedRefreshTokenIsStillNotAnAccessToken() {
        TestClient user = TestClient.registered();
        String refresh = user.cookies.get("refresh_token_cookie");
        given().cookie("refresh_token_cookie", refresh).header("X-CSRF-TOKEN", user.csrfRefresh())
                .post("/token/refresh").then().statusCode(200);
        given().cookie("access_token_cookie", refresh).get("/api/balance").then().statusCode(401).body("code",
                equalTo("TOKEN_WRONG_TYPE"));
    }
}
