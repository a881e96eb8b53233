package com.ewallet;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Drives the API over HTTP as a client would: registers users, logs in, keeps the cookies. */
public final class TestClient {

    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    public final String email;
    public final String password = "correct-horse-42";
    public final String mobile;
    public final String accountNumber;
    /** The public id registration answered (null for {@link #admin()} and {@link #loggedIn}). */
    public final String id;
    public final Map<String, String> cookies = new HashMap<>();

    private TestClient(String email, String mobile, String accountNumber, String id) {
        this.email = email;
        this.mobile = mobile;
        this.accountNumber = accountNumber;
        this.id = id;
    }

    /**
     * The tests' admin, admin@example.com, registered once and logged in. Made an admin the way an operator makes the
     * first one: {@code POST /api/admin/bootstrap} with the secret of the file the test profile names
     * ({@code wallet.admin.bootstrap-secret-location}), which this writes.
     */
    public static synchronized TestClient admin() {
        String email = "admin@example.com";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct-horse-42", "name", "Admin", "mobile", "628999000001"))
                .post("/users").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
        TestClient client = new TestClient(email, "628999000001", null, null);
        client.login().then().statusCode(200);
        if (client.authed().get("/api/admin/apps").statusCode() == 200) {
            return client;
        }
        client.authed().contentType(ContentType.JSON).body(Map.of("secret", bootstrapSecret()))
                .post("/api/admin/bootstrap").then().statusCode(200);
        client.login().then().statusCode(200);
        return client;
    }

    /** The throwaway admin bootstrap secret of the test profile, written to its file on first use. */
    public static synchronized String bootstrapSecret() {
        Path file = Path.of("target", "admin-bootstrap.secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String secret = UUID.randomUUID().toString() + UUID.randomUUID();
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This user's public id (from their registration). */
    public String id() {
        return id;
    }

    /** A user registered elsewhere with this email and the usual password, logged in. */
    public static TestClient loggedIn(String email) {
        TestClient client = new TestClient(email, null, null, null);
        client.login().then().statusCode(200);
        return client;
    }

    /** A freshly registered user, logged in. */
    public static TestClient registered() {
        return registeredWith(freshMobile());
    }

    /** A number no other test uses. */
    public static String freshMobile() {
        return "628" + String.format("%010d", MOBILES.incrementAndGet() % 10_000_000_000L);
    }

    /** A freshly registered user with this mobile (not verified), logged in. */
    public static TestClient registeredWith(String mobile) {
        String email = "u" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        var answer = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct-horse-42", "name", "Test User", "mobile", mobile))
                .post("/users").then().statusCode(201).extract().jsonPath();
        TestClient client = new TestClient(email, mobile, answer.getString("accountNumber"), answer.getString("id"));
        client.login();
        return client;
    }

    /** Waits out {@code wallet.auth.refresh-grace} of the test profile (2 s): a rotated-out refresh token is reuse. */
    public static void pastTheRefreshGrace() throws InterruptedException {
        Thread.sleep(2_300);
    }

    /** A freshly registered user, logged in, whose mobile is verified (phone transfers reach it). */
    public static TestClient verified() {
        return registered().verifyMobile();
    }

    /** Verifies this user's mobile through HTTP: the passcode step, read back from the stub SMS gateway. */
    public TestClient verifyMobile() {
        authed().post("/api/users/mobile/passcode").then().statusCode(200);
        authed().contentType(ContentType.JSON).body(Map.of("passcode", SmsGatewayStub.lastPasscode(mobile)))
                .post("/api/users/mobile/verify").then().statusCode(200);
        return this;
    }

    public Response login() {
        Response response = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/token/auth");
        cookies.clear();
        cookies.putAll(response.getCookies());
        return response;
    }

    public String csrfAccess() {
        return cookies.get("csrf_access_token");
    }

    public String csrfRefresh() {
        return cookies.get("csrf_refresh_token");
    }

    /** A request with the access cookie and its CSRF header. */
    public RequestSpecification authed() {
        return given().cookie("access_token_cookie", cookies.get("access_token_cookie")).header("X-CSRF-TOKEN",
                csrfAccess());
    }

    /** An authenticated money request with the headers the seed requires. */
    public RequestSpecification money() {
        return authed().contentType(ContentType.JSON).header("location", "Jakarta").header("ip-address", "10.1.2.3");
    }

    public Response topUp(long amount) {
        return money().body(Map.of("amount", amount)).post("/api/topup");
    }

    public Response toBank(long amount, String code) {
        return money().body(Map.of("amount", amount, "code", code)).post("/api/transfer");
    }

    public Response toWallet(long amount, String account) {
        return money().body(Map.of("amount", amount, "account", account)).post("/api/transfer");
    }

    public long balance() {
        return ((Number) authed().get("/api/balance").then().statusCode(200).extract().path("balance")).longValue();
    }

    public int historySize() {
        return authed().queryParam("limit", 100).get("/api/transactions").then().statusCode(200).extract()
                .path("data.size()");
    }
}
