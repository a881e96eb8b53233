package com.ewallet.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.SmallLimitsProfile;
import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The last guard: failed logins of everyone per minute. */
@QuarkusTest
@TestProfile(LoginCeilingTest.Ceiling.class)
class LoginCeilingTest {

    private static final int CEILING = 4;

    public static class Ceiling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.login.max-failures-per-minute", Integer.toString(CEILING));
        }
    }

    @Test
    void pastTheCeilingEveryLoginWaitsForTheMinuteToEnd() {
        TestClient owner = TestClient.registered();
        for (int i = 0; i < CEILING; i++) {
            login(TestClient.registered().email, "wrong-" + i).then().statusCode(400);
        }
        Response refused = login(owner.email, owner.password);
        refused.then().statusCode(429).body("code", equalTo("LOGIN_BUSY"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", SmallLimitsProfile.newAddress())
                .body(Map.of("email", email, "password", password)).post("/token/auth");
    }
}
