package com.ewallet.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Issue 11, point 1: one canonical identity per email, compared byte for byte, so look-alikes never bypass a limit. */
@QuarkusTest
class CanonicalEmailTest {

    private static final String PASSWORD = "correct-horse-42";
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Test
    void registrationStoresTheCanonicalFormAndItsVariantsAreTheSameIdentity() {
        String local = "c" + UUID.randomUUID().toString().substring(0, 8);
        // Full-width letters and @, upper case, a no-break space and a zero-width space around it.
        String typed = "\u200B " + fullWidth(local.toUpperCase()) + "\uFF20Example.COM\u00A0";
        register(typed).then().statusCode(201).body("email", equalTo(local + "@example.com"));

        for (String variant : List.of(local + "@example.com", local.toUpperCase() + "@EXAMPLE.com",
                local + "@example.com\u00A0", fullWidth(local) + "@example.com")) {
            register(variant).then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));
            login(variant, PASSWORD).then().statusCode(200);
        }
    }

    @Test
    void registrationRefusesWhatIsNotAPlausibleAsciiAddressAndStoresNothing() {
        String local = "r" + UUID.randomUUID().toString().substring(0, 8);
        for (String bad : List.of("\u00E1" + local + "@example.com", local + "\u0301@example.com",
                local + "@ex\u00E4mple.com", local + "@localhost", local + "@@example.com", local + "..x@example.com",
                local + "@example.123", "x\u200By" + local + "@example.com")) {
            register(bad).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors.email",
                    notNullValue());
            login(bad, PASSWORD).then().statusCode(400).body("code", equalTo("LOGIN_FAILED"));
        }
        // An internationalised domain in its ASCII (xn--) form is an address like any other.
        register(local + "@xn--exmple-cua.com").then().statusCode(201);
    }

    @Test
    void lookAlikesOfALockedOutUserAreHerOrNobodyAndNeverLogInWithHerPassword() {
        String local = "alice" + UUID.randomUUID().toString().substring(0, 8);
        String alice = local + "@ex.com";
        register(alice).then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            login(alice, "wrong-password-" + i).then().statusCode(400);
        }
        Response locked = login(alice, PASSWORD);
        assertThat(locked.statusCode()).isNotEqualTo(200);
        String lockedCode = locked.path("code");

        // The same identity: the same answer as alice's own address, never a fresh allowance.
        for (String same : List.of(local.toUpperCase() + "@EX.COM", alice + "\u00A0", "\u00A0" + alice,
                fullWidth(local) + "@ex.com", local + "\uFF20ex.com")) {
            login(same, PASSWORD).then().statusCode(locked.statusCode()).body("code", equalTo(lockedCode));
        }
        // Other addresses: nobody has them, so the login fails (the old accent-insensitive lookup found alice here).
        for (String other : List.of("\u00E1" + local.substring(1) + "@ex.com", local + "\u00E9@ex.com",
                local + "@\u00E9x.com", "a\u0301" + local.substring(1) + "@ex.com")) {
            login(other, PASSWORD).then().statusCode(400).body("code", equalTo("LOGIN_FAILED"));
        }
    }

    @Test
    void failuresThroughVariantsCountAgainstTheOneAccount() {
        String local = "bob" + UUID.randomUUID().toString().substring(0, 8);
        String bob = local + "@ex.com";
        register(bob).then().statusCode(201);
        List<String> variants = List.of(local.toUpperCase() + "@ex.com", bob + "\u00A0", fullWidth(local) + "@ex.com",
                "\u3000" + bob, bob + "\u2007");
        for (String variant : variants) {
            login(variant, "wrong-password").then().statusCode(400);
        }
        // Five failures of the one account, whatever the spelling: the right password no longer gets in at once.
        assertThat(login(bob, PASSWORD).statusCode()).isNotEqualTo(200);
    }

    private static Response register(String email) {
        String mobile = "627" + String.format("%010d", MOBILES.incrementAndGet() % 10_000_000_000L);
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Look Alike", "mobile", mobile))
                .post("/users");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/token/auth");
    }

    /** The full-width form (U+FF01..U+FF5E) of printable ASCII letters and digits. */
    private static String fullWidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append(Character.isLetterOrDigit(c) ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return wide.toString();
    }
}
