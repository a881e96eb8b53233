package com.ewallet.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LoginLockoutTest {

    @Test
    void afterFiveFailuresLoginAnswers429EvenWithTheRightPassword() {
        TestClient user = TestClient.registered();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", "wrong-password-" + i))
                    .post("/token/auth").then().statusCode(400).body("msg", equalTo("login failed."));
        }
        given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", user.password))
                .post("/token/auth").then().statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("LOGIN_LOCKED"));
        // Another account is not affected.
        TestClient.registered().login().then().statusCode(200);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        TestClient user = TestClient.registered();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", "nope-" + i))
                        .post("/token/auth").then().statusCode(400);
            }
            user.login().then().statusCode(200);
        }
    }
}
