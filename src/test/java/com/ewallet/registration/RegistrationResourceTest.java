package com.ewallet.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RegistrationResourceTest {

    private static Map<String, Object> body(String email, String password, String mobile) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("name", "Sari");
        body.put("mobile", mobile);
        return body;
    }

    private static String email() {
        return "reg-" + UUID.randomUUID() + "@example.com";
    }

    private static String mobile() {
        return "6285" + (100_000_000L + (long) (Math.random() * 899_999_999L));
    }

    @Test
    void registrationOpensATierOnePersonalAccountWithATenDigitNumber() {
        String mobile = mobile();
        given().contentType(ContentType.JSON).body(body(email(), "correct-horse-42", "+" + mobile)).post("/users")
                .then().statusCode(201).body("accountNumber", matchesPattern("[1-9][0-9]{9}"))
                .body("type", equalTo("personal")).body("tier", equalTo(1)).body("mobile", equalTo(mobile))
                .body("mobileVerified", equalTo(false)).body("id", matchesPattern("[0-9A-V]{12}"));
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        String email = email();
        given().contentType(ContentType.JSON).body(body(email, "correct-horse-42", mobile())).post("/users").then()
                .statusCode(201);
        given().contentType(ContentType.JSON).body(body(email.toUpperCase(), "correct-horse-42", mobile()))
                .post("/users").then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));
    }

    @Test
    void aVerifiedMobileIsAConflictInAnyNotationAndAnUnverifiedOneIsNot() {
        String mobile = mobile();
        TestClient first = TestClient.registeredWith(mobile);
        // Held unverified, the number keeps nobody out: whoever verifies it first gets it.
        given().contentType(ContentType.JSON).body(body(email(), "correct-horse-42", mobile)).post("/users").then()
                .statusCode(201).body("mobileVerified", equalTo(false));
        first.verifyMobile();
        // The same number written nationally (0 + number) and with separators.
        String national = "0" + mobile.substring(2, 5) + "-" + mobile.substring(5);
        given().contentType(ContentType.JSON).body(body(email(), "correct-horse-42", national)).post("/users").then()
                .statusCode(409).body("code", equalTo("MOBILE_TAKEN"));
    }

    @Test
    void guessablePasswordsAreRefusedWithTheRuleInTheAnswer() {
        String email = email();
        for (String weak : new String[] { "12341234", "abcdabcd", "password1", "qwertyuiop", "iloveyou2",
                email.substring(0, email.indexOf('@')), "Jakarta2024" }) {
            given().contentType(ContentType.JSON).body(body(email, weak, mobile())).post("/users").then()
                    .statusCode(400).body("code", equalTo("WEAK_PASSWORD"))
                    .body("errors.password", org.hamcrest.Matchers.containsString("at least 3 needed"));
        }
        given().contentType(ContentType.JSON).body(body(email, "zq8-Lmv2-Pw", mobile())).post("/users").then()
                .statusCode(201);
    }

    @Test
    void publicIdsAreOpaqueAndDifferForEveryUser() {
        String a = given().contentType(ContentType.JSON).body(body(email(), "correct-horse-42", mobile()))
                .post("/users").then().statusCode(201).extract().path("id");
        String b = given().contentType(ContentType.JSON).body(body(email(), "correct-horse-42", mobile()))
                .post("/users").then().statusCode(201).extract().path("id");
        org.assertj.core.api.Assertions.assertThat(a).matches("[0-9A-V]{12}").isNotEqualTo(b);
    }

    @Test
    void weakOrMalformedFieldsAreRejected() {
        given().contentType(ContentType.JSON).body(body(email(), "password", mobile())).post("/users").then()
                .statusCode(400).body("code", equalTo("WEAK_PASSWORD"));
        given().contentType(ContentType.JSON).body(body(email(), "short", mobile())).post("/users").then()
                .statusCode(400).body("errors.password", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body(body("not-an-email", "correct-horse-42", mobile())).post("/users")
                .then().statusCode(400).body("errors.email", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body(body(email(), "correct-horse-42", "12ab")).post("/users").then()
                .statusCode(400).body("errors.mobile", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body("{\"email\":[]}").post("/users").then().statusCode(400).body("msg",
                equalTo("registration failed."));
    }
}
