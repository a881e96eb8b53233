package com.ewallet.registration;

import static com.ewallet.SmallLimitsProfile.REGISTRATIONS_PER_ADDRESS;
import static com.ewallet.SmallLimitsProfile.newAddress;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.ewallet.SmallLimitsProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Registrations are limited per client address (issue 11, point 12). */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
class RegistrationLimitTest {

    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Test
    void anAddressPastItsRegistrationsGets429WithRetryAfterAndNothingIsCreated() {
        String address = newAddress();
        for (int i = 0; i < REGISTRATIONS_PER_ADDRESS - 1; i++) {
            register(address, newEmail()).then().statusCode(201);
        }
        // Refused registrations count too: they are how taken emails would be enumerated.
        String taken = newEmail();
        register(newAddress(), taken).then().statusCode(201);
        register(address, taken).then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));

        String email = newEmail();
        Response refused = register(address, email);
        refused.then().statusCode(429).body("code", equalTo("REGISTRATION_LIMIT")).body("msg",
                equalTo("too many registrations from this address, try again later."));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isGreaterThan(60);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", newAddress())
                .body(Map.of("email", email, "password", "correct-horse-42")).post("/token/auth").then()
                .statusCode(400);

        // Another address registers the same email at once.
        register(newAddress(), email).then().statusCode(201);
    }

    @Test
    void badInputDoesNotCountAgainstTheAddress() {
        String address = newAddress();
        for (int i = 0; i < REGISTRATIONS_PER_ADDRESS + 2; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("email", newEmail(), "password", "abababab", "name", "Weak", "mobile", nextMobile()))
                    .post("/users").then().statusCode(400);
        }
        register(address, newEmail()).then().statusCode(201);
    }

    private static Response register(String address, String email) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", "correct-horse-42", "name", "Limit", "mobile", nextMobile()))
                .post("/users");
    }

    private static String newEmail() {
        return "r" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
    }

    private static String nextMobile() {
        return "628" + String.format("%010d", MOBILES.incrementAndGet() % 10_000_000_000L);
    }
}
