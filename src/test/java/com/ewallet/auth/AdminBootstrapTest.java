package com.ewallet.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Issue 11, point 2: admin is granted, never claimed. The first admin is made once, by a logged-in user presenting the
 * secret of the file {@code wallet.admin.bootstrap-secret-location} names; no email makes an admin. Its own profile, so
 * that it starts from a database without any admin.
 */
@QuarkusTest
@TestProfile(AdminBootstrapTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBootstrapTest {

    static final Path SECRET_FILE = Path.of("target", "admin-bootstrap-once.secret");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.admin.bootstrap-secret-location", SECRET_FILE.toString());
        }
    }

    @Inject
    Pool pool;

    @Test
    @Order(1)
    void noEmailMakesAnAdminNotEvenTheOneThatUsedToBeConfigured() throws IOException {
        Files.deleteIfExists(SECRET_FILE);
        // The old test profile named admin@example.com as the admin: registering it made an admin at once.
        TestClient named = register("admin@example.com");
        named.authed().get("/api/admin/apps").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        // Its look-alikes are refused (accented) or are the same, already registered, identity (full width).
        registration("\u00E1dmin@example.com").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        registration("\uFF41\uFF44\uFF4D\uFF49\uFF4E@example.com").then().statusCode(409).body("code",
                equalTo("EMAIL_TAKEN"));
        // While the file is missing, there is no bootstrap.
        bootstrap(named, "x".repeat(44)).then().statusCode(403).body("code", equalTo("BOOTSTRAP_DISABLED"));
    }

    @Test
    @Order(2)
    void aWrongSecretIsRefusedAndGrantsNothing() throws IOException {
        Files.writeString(SECRET_FILE, secret() + "\n");
        TestClient user = TestClient.registered();
        bootstrap(user, secret() + "x").then().statusCode(403).body("code", equalTo("BOOTSTRAP_REFUSED"));
        bootstrap(user, secret().substring(1)).then().statusCode(403).body("code", equalTo("BOOTSTRAP_REFUSED"));
        user.authed().get("/api/admin/apps").then().statusCode(403);
        // Without the CSRF header, as every state-changing /api request.
        given().cookie("access_token_cookie", user.cookies.get("access_token_cookie")).contentType(ContentType.JSON)
                .body(Map.of("secret", secret())).post("/api/admin/bootstrap").then().statusCode(401)
                .body("code", equalTo("CSRF_MISSING"));
        // Nor without logging in.
        given().contentType(ContentType.JSON).body(Map.of("secret", secret())).post("/api/admin/bootstrap").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body("{}").cookies(user.cookies).header("X-CSRF-TOKEN", user.csrfAccess())
                .post("/api/admin/bootstrap").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    @Order(3)
    void theRightSecretMakesTheFirstAdminOnceAndEndsTheirSessions() {
        TestClient first = TestClient.registered();
        Response granted = bootstrap(first, secret());
        granted.then().statusCode(200).body("id", equalTo(first.id())).body("role", equalTo("admin"));
        assertThat(granted.getHeaders().getValues("Set-Cookie")).anyMatch(c -> c.startsWith("access_token_cookie=;"));
        // The role changed, so the session ended: log in again, as an admin now.
        first.authed().get("/api/admin/apps").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        first.login().then().statusCode(200);
        first.authed().get("/api/admin/apps").then().statusCode(200);

        // Spent: another user, the same secret.
        TestClient second = TestClient.registered();
        bootstrap(second, secret()).then().statusCode(409).body("code", equalTo("BOOTSTRAP_SPENT"));
        second.authed().get("/api/admin/apps").then().statusCode(403);
        // The first admin cannot demote themself: nobody could make another admin.
        first.authed().contentType(ContentType.JSON).body(Map.of("role", "user"))
                .put("/api/admin/users/" + first.id() + "/role").then().statusCode(409)
                .body("code", equalTo("LAST_ADMIN"));
    }

    @Test
    @Order(4)
    void theBootstrapStaysSpentEvenWithoutAnyAdminLeft() {
        // An operator demotes every admin by hand: the secret still works only once.
        pool.query("UPDATE users SET role = 'user'").execute().await().indefinitely();
        TestClient user = TestClient.registered();
        bootstrap(user, secret()).then().statusCode(409).body("code", equalTo("BOOTSTRAP_SPENT"));
        user.authed().get("/api/admin/apps").then().statusCode(403);
    }

    private static String secret() {
        return "bootstrap-" + SECRET_SEED;
    }

    private static final String SECRET_SEED = UUID.randomUUID().toString() + UUID.randomUUID();

    private static Response bootstrap(TestClient user, String secret) {
        return user.authed().contentType(ContentType.JSON).body(Map.of("secret", secret)).post("/api/admin/bootstrap");
    }

    private static Response registration(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-42", "name",
                "Someone", "mobile", "626" + String.format("%010d", Math.abs(email.hashCode()) % 1_000_000_000L)))
                .post("/users");
    }

    private static TestClient register(String email) {
        registration(email).then().statusCode(201);
        return TestClient.loggedIn(email);
    }
}
