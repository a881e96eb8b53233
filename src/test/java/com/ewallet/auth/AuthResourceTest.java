package com.ewallet.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;
import com.ewallet.auth.service.SigningKeys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class AuthResourceTest {

    @Inject
    SigningKeys keys;

    @Inject
    Pool pool;

    @Test
    void loginSetsTheFourCookiesWithTheSeedNamesPathsAndFlags() {
        TestClient user = TestClient.registered();
        Response response = user.login();
        response.then().statusCode(200).body("msg", equalTo("login success."));

        Cookie access = response.getDetailedCookie("access_token_cookie");
        Cookie refresh = response.getDetailedCookie("refresh_token_cookie");
        Cookie csrfAccess = response.getDetailedCookie("csrf_access_token");
        Cookie csrfRefresh = response.getDetailedCookie("csrf_refresh_token");
        assertThat(access.getPath()).isEqualTo("/api/");
        assertThat(access.isHttpOnly()).isTrue();
        assertThat(access.getMaxAge()).isEqualTo(900);
        assertThat(refresh.getPath()).isEqualTo("/token/refresh");
        assertThat(refresh.isHttpOnly()).isTrue();
        assertThat(refresh.getMaxAge()).isEqualTo(30 * 24 * 3600);
        assertThat(csrfAccess.getPath()).isEqualTo("/");
        assertThat(csrfAccess.isHttpOnly()).isFalse();
        assertThat(csrfRefresh.getPath()).isEqualTo("/");
        assertThat(csrfRefresh.isHttpOnly()).isFalse();
        assertThat(response.getHeaders().getValues("Set-Cookie"))
                .allSatisfy(c -> assertThat(c).contains("SameSite=Lax"));

        Map<String, Object> claims = claimsOf(access.getValue());
        assertThat(claims).containsKeys("sub", "jti", "exp", "type", "csrf");
        assertThat(claims.get("type")).isEqualTo("access");
        assertThat(claims.get("csrf")).isEqualTo(csrfAccess.getValue());
        assertThat(claimsOf(refresh.getValue()).get("csrf")).isEqualTo(csrfRefresh.getValue());
        assertThat(claimsOf(refresh.getValue()).get("type")).isEqualTo("refresh");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        TestClient user = TestClient.registered();
        Response wrong = given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email, "password", "not-the-password")).post("/token/auth");
        Response unknown = given().contentType(ContentType.JSON)
                .body(Map.of("email", "nobody-" + user.email, "password", "not-the-password")).post("/token/auth");
        wrong.then().statusCode(400).body("msg", equalTo("login failed."));
        unknown.then().statusCode(400);
        assertThat(unknown.asString()).isEqualTo(wrong.asString());
        assertThat(wrong.getCookies()).isEmpty();
    }

    @Test
    void malformedLoginBodiesAreRejectedWithLoginFailed() {
        for (String body : new String[] { "{}", "[]", "{\"email\":1,\"password\":2}", "not json",
                "{\"email\":\"a@b.c\"}" }) {
            given().contentType(ContentType.JSON).body(body).post("/token/auth").then().statusCode(400).body("msg",
                    equalTo("login failed."));
        }
    }

    @Test
    void refreshRotatesBothTokensAndTheOldRefreshTokenAfterTheGraceRevokesTheSession() throws Exception {
        TestClient user = TestClient.registered();
        String oldRefresh = user.cookies.get("refresh_token_cookie");
        String oldCsrf = user.csrfRefresh();

        Response refreshed = given().cookie("refresh_token_cookie", oldRefresh).header("X-CSRF-TOKEN", oldCsrf)
                .post("/token/refresh");
        refreshed.then().statusCode(200).body("msg", equalTo("token refreshed."));
        String newAccess = refreshed.getCookie("access_token_cookie");
        String newRefresh = refreshed.getCookie("refresh_token_cookie");
        assertThat(newRefresh).isNotEqualTo(oldRefresh);
        given().cookie("access_token_cookie", newAccess).get("/api/balance").then().statusCode(200);

        // Reusing the rotated-out refresh token after the grace (2 s in tests): 401, and the whole session ends.
        TestClient.pastTheRefreshGrace();
        given().cookie("refresh_token_cookie", oldRefresh).header("X-CSRF-TOKEN", oldCsrf).post("/token/refresh").then()
                .statusCode(401).body("code", equalTo("TOKEN_REUSED"));
        given().cookie("access_token_cookie", newAccess).get("/api/balance").then().statusCode(401).body("code",
                equalTo("TOKEN_REVOKED"));
        given().cookie("refresh_token_cookie", newRefresh)
                .header("X-CSRF-TOKEN", refreshed.getCookie("csrf_refresh_token")).post("/token/refresh").then()
                .statusCode(401);
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenBothGetTheSameNewPairAndTheSessionStaysLive() throws Exception {
        TestClient user = TestClient.registered();
        String oldRefresh = user.cookies.get("refresh_token_cookie");
        String oldCsrf = user.csrfRefresh();
        int tabs = 4;
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < tabs; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().cookie("refresh_token_cookie", oldRefresh).header("X-CSRF-TOKEN", oldCsrf)
                            .post("/token/refresh");
                }));
            }
            start.countDown();
            Set<Map<String, String>> pairs = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response refreshed = answer.get(60, TimeUnit.SECONDS);
                refreshed.then().statusCode(200).body("msg", equalTo("token refreshed."));
                pairs.add(refreshed.getCookies());
            }
            assertThat(pairs).as("every tab got the same four cookies").hasSize(1);
            Map<String, String> pair = pairs.iterator().next();
            assertThat(pair.get("refresh_token_cookie")).isNotEqualTo(oldRefresh);

            given().cookie("access_token_cookie", pair.get("access_token_cookie")).get("/api/balance").then()
                    .statusCode(200);
            given().cookie("refresh_token_cookie", pair.get("refresh_token_cookie"))
                    .header("X-CSRF-TOKEN", pair.get("csrf_refresh_token")).post("/token/refresh").then()
                    .statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withinTheGraceOnlyTheTokenRotatedOutLastGetsItsSuccessorAnyOlderOneIsReuse() {
        TestClient user = TestClient.registered();
        String first = user.cookies.get("refresh_token_cookie");
        String firstCsrf = user.csrfRefresh();
        Response second = given().cookie("refresh_token_cookie", first).header("X-CSRF-TOKEN", firstCsrf)
                .post("/token/refresh");
        second.then().statusCode(200);
        // Shown again at once (a second tab): the same successor, the session lives on.
        Response again = given().cookie("refresh_token_cookie", first).header("X-CSRF-TOKEN", firstCsrf)
                .post("/token/refresh");
        again.then().statusCode(200);
        assertThat(again.getCookies()).isEqualTo(second.getCookies());

        Response third = given().cookie("refresh_token_cookie", second.getCookie("refresh_token_cookie"))
                .header("X-CSRF-TOKEN", second.getCookie("csrf_refresh_token")).post("/token/refresh");
        third.then().statusCode(200);
        // Two rotations old: reuse even within the grace.
        given().cookie("refresh_token_cookie", first).header("X-CSRF-TOKEN", firstCsrf).post("/token/refresh").then()
                .statusCode(401).body("code", equalTo("TOKEN_REUSED"));
        given().cookie("access_token_cookie", third.getCookie("access_token_cookie")).get("/api/balance").then()
                .statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
    }

    @Test
    void logoutWaitsForAMovementInFlightAndIsDatedAfterIt() throws Exception {
        TestClient user = TestClient.registered();
        String sessionId = user.csrfRefresh().substring(0, user.csrfRefresh().indexOf('.'));
        Duration wait = Duration.ofSeconds(30);
        // Hold the account row: the top-up below takes its session's shared lock, then waits here.
        SqlConnection holder = pool.getConnection().await().atMost(wait);
        Transaction held = holder.begin().await().atMost(wait);
        CompletableFuture<Response> topUp;
        CompletableFuture<Response> logout;
        // Not the common pool: on Java 25 its threads lack the test's class loader (rest-assured's Jackson fails).
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            holder.preparedQuery("SELECT id FROM accounts WHERE account_number = ? FOR UPDATE")
                    .execute(Tuple.of(user.accountNumber)).await().atMost(wait);
            topUp = CompletableFuture.supplyAsync(() -> user.topUp(500), clients);
            Thread.sleep(1_000);
            logout = CompletableFuture.supplyAsync(() -> given().cookie("csrf_access_token", user.csrfAccess())
                    .cookie("csrf_refresh_token", user.csrfRefresh()).post("/token/remove"), clients);
            Thread.sleep(1_500);
            assertThat(topUp).as("the top-up waits for the account row").isNotDone();
            assertThat(logout).as("the logout waits for the top-up in flight").isNotDone();
        } finally {
            held.commit().await().atMost(wait);
            holder.close().await().atMost(wait);
        }
        topUp.get(30, TimeUnit.SECONDS).then().statusCode(200);
        logout.get(30, TimeUnit.SECONDS).then().statusCode(200);
        clients.shutdown();

        Row row = pool.preparedQuery("SELECT s.revoked_at, s.revoke_reason, (SELECT MAX(l.created_at) FROM"
                + " ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.account_number = ?) AS moved_at"
                + " FROM auth_sessions s WHERE s.id = ?").execute(Tuple.of(user.accountNumber, sessionId)).await()
                .atMost(wait).iterator().next();
        assertThat(row.getString("revoke_reason")).isEqualTo("LOGOUT");
        assertThat(row.getLocalDateTime("revoked_at")).as("revoked_at")
                .isAfterOrEqualTo(row.getLocalDateTime("moved_at"));
        user.login().then().statusCode(200);
        assertThat(user.balance()).as("the top-up committed before the session ended").isEqualTo(500);
    }

    @Test
    void refreshNeedsItsCookieItsCsrfAndARefreshToken() {
        TestClient user = TestClient.registered();
        given().header("X-CSRF-TOKEN", user.csrfRefresh()).post("/token/refresh").then().statusCode(401).body("code",
                equalTo("TOKEN_MISSING"));
        given().cookie("refresh_token_cookie", user.cookies.get("refresh_token_cookie")).post("/token/refresh").then()
                .statusCode(401).body("code", equalTo("CSRF_MISSING"));
        given().cookie("refresh_token_cookie", user.cookies.get("refresh_token_cookie"))
                .header("X-CSRF-TOKEN", user.csrfAccess()).post("/token/refresh").then().statusCode(401)
                .body("code", equalTo("CSRF_MISMATCH"));
        given().cookie("refresh_token_cookie", user.cookies.get("access_token_cookie"))
                .header("X-CSRF-TOKEN", user.csrfAccess()).post("/token/refresh").then().statusCode(401)
                .body("code", equalTo("TOKEN_WRONG_TYPE"));
        // The refresh token still works after those failures: nothing changed.
        given().cookie("refresh_token_cookie", user.cookies.get("refresh_token_cookie"))
                .header("X-CSRF-TOKEN", user.csrfRefresh()).post("/token/refresh").then().statusCode(200);
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        TestClient user = TestClient.registered();
        given().cookie("access_token_cookie", user.cookies.get("refresh_token_cookie")).get("/api/balance").then()
                .statusCode(401).body("code", equalTo("TOKEN_WRONG_TYPE"));
    }

    @Test
    void logoutWithOnlyWhatABrowserSendsEndsTheSession() {
        TestClient user = TestClient.registered();
        // A browser sends only the csrf_* cookies to /token/remove (the token cookies' paths do not cover it).
        Response logout = given().cookie("csrf_access_token", user.csrfAccess())
                .cookie("csrf_refresh_token", user.csrfRefresh()).post("/token/remove");
        logout.then().statusCode(200).body("msg", equalTo("logout success."));
        for (String name : new String[] { "access_token_cookie", "refresh_token_cookie", "csrf_access_token",
                "csrf_refresh_token" }) {
            assertThat(logout.getDetailedCookie(name).getMaxAge()).as(name).isZero();
        }
        assertThat(logout.getDetailedCookie("access_token_cookie").getPath()).isEqualTo("/api/");
        assertThat(logout.getDetailedCookie("refresh_token_cookie").getPath()).isEqualTo("/token/refresh");

        user.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        user.topUp(100).then().statusCode(401);
        given().cookie("refresh_token_cookie", user.cookies.get("refresh_token_cookie"))
                .header("X-CSRF-TOKEN", user.csrfRefresh()).post("/token/refresh").then().statusCode(401);
    }

    @Test
    void anEndedSessionMovesNoMoneyAndLeavesItsIdempotencyKeyUnused() {
        TestClient payee = TestClient.registered();
        TestClient user = TestClient.registered();
        user.topUp(1000).then().statusCode(200);
        String oldAccess = user.cookies.get("access_token_cookie");
        String oldCsrf = user.csrfAccess();
        given().cookie("csrf_access_token", oldCsrf).cookie("csrf_refresh_token", user.csrfRefresh())
                .post("/token/remove").then().statusCode(200);
        user.login().then().statusCode(200);

        // The money endpoints check the session inside their transaction: with and without an Idempotency-Key.
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> bodies = List.of(Map.of("amount", 100), Map.of("amount", 100, "code", "bni"),
                Map.of("amount", 100, "account", payee.accountNumber));
        for (Map<String, Object> body : bodies) {
            String path = body.size() == 1 ? "/api/topup" : "/api/transfer";
            for (String idempotencyKey : new String[] { null, key + path + body.size() }) {
                RequestSpecification request = given().cookie("access_token_cookie", oldAccess)
                        .header("X-CSRF-TOKEN", oldCsrf).contentType(ContentType.JSON).header("location", "x")
                        .header("ip-address", "1.2.3.4").body(body);
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                request.post(path).then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
            }
        }
        assertThat(user.balance()).isEqualTo(1000);
        assertThat(user.historySize()).isEqualTo(1);
        assertThat(payee.balance()).isZero();

        // The refused requests recorded nothing under their keys: the new session's first use moves the money.
        user.money().header("Idempotency-Key", key + "/api/transfer3").body(bodies.get(2)).post("/api/transfer").then()
                .statusCode(200).header("Idempotent-Replayed", (String) null);
        assertThat(payee.balance()).isEqualTo(100);
    }

    @Test
    void aForgedCsrfValueNamingASessionClearsCookiesButEndsNothing() {
        TestClient user = TestClient.registered();
        String sessionId = user.csrfRefresh().substring(0, user.csrfRefresh().indexOf('.'));
        // Knowing a session's id (it is inside every wallet token too) is not enough to end it.
        for (String forged : new String[] { sessionId + ".anything",
                sessionId + "." + "A".repeat(22) + "." + "0".repeat(32),
                user.csrfRefresh().substring(0, user.csrfRefresh().length() - 1) + "x" }) {
            Response logout = given().cookie("csrf_refresh_token", forged).cookie("csrf_access_token", forged)
                    .post("/token/remove");
            logout.then().statusCode(200).body("msg", equalTo("logout success."));
            assertThat(logout.getDetailedCookie("csrf_refresh_token").getMaxAge()).isZero();
            user.authed().get("/api/balance").then().statusCode(200);
        }
        given().cookie("csrf_refresh_token", user.csrfRefresh()).post("/token/remove").then().statusCode(200);
        user.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
    }

    @Test
    void logoutWithNothingStillSucceeds() {
        given().post("/token/remove").then().statusCode(200).body("msg", equalTo("logout success."));
    }

    @Test
    void stateChangingRequestsNeedTheMatchingCsrfHeader() {
        TestClient user = TestClient.registered();
        String access = user.cookies.get("access_token_cookie");
        given().cookie("access_token_cookie", access).contentType(ContentType.JSON).header("location", "x")
                .header("ip-address", "1.2.3.4").body(Map.of("amount", 100)).post("/api/topup").then().statusCode(401)
                .body("code", equalTo("CSRF_MISSING"));
        given().cookie("access_token_cookie", access).header("X-CSRF-TOKEN", user.csrfAccess() + "x")
                .contentType(ContentType.JSON).header("location", "x").header("ip-address", "1.2.3.4")
                .body(Map.of("amount", 100)).post("/api/topup").then().statusCode(401)
                .body("code", equalTo("CSRF_MISMATCH"));
        assertThat(user.balance()).isZero();
    }

    @Test
    void expiredForgedAlgNoneAndForeignIssuerTokensAreRefused() throws Exception {
        TestClient user = TestClient.registered();
        Map<String, Object> real = claimsOf(user.cookies.get("access_token_cookie"));

        String expired = Jwt.issuer("ewallet").subject((String) real.get("sub")).claim("jti", "j1")
                .claim("type", "access").claim("sid", real.get("sid")).claim("csrf", real.get("csrf"))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(60)).jws()
                .algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
        assertRefused(expired, "TOKEN_EXPIRED");

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreignKey = Jwt.issuer("ewallet").subject((String) real.get("sub")).claim("jti", "j2")
                .claim("type", "access").claim("sid", real.get("sid")).claim("csrf", real.get("csrf"))
                .expiresAt(Instant.now().plusSeconds(600)).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(generator.generateKeyPair().getPrivate());
        assertRefused(foreignKey, "TOKEN_INVALID");

        String foreignIssuer = Jwt.issuer("someone-else").subject((String) real.get("sub")).claim("jti", "j3")
                .claim("type", "access").claim("sid", real.get("sid")).claim("csrf", real.get("csrf"))
                .expiresAt(Instant.now().plusSeconds(600)).jws().algorithm(SignatureAlgorithm.RS256)
                .sign(keys.privateKey());
        assertRefused(foreignIssuer, "TOKEN_INVALID");

        String[] parts = user.cookies.get("access_token_cookie").split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertRefused(none, "TOKEN_INVALID");
        assertRefused("garbage", "TOKEN_INVALID");
        // Flipping one character of a real token's payload breaks its signature.
        int at = parts[1].length() / 2;
        char flipped = parts[1].charAt(at) == 'A' ? 'B' : 'A';
        assertRefused(
                parts[0] + "." + parts[1].substring(0, at) + flipped + parts[1].substring(at + 1) + "." + parts[2],
                "TOKEN_INVALID");
    }

    private static void assertRefused(String token, String code) {
        given().cookie("access_token_cookie", token).get("/api/balance").then().statusCode(401).body("code",
                equalTo(code));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claimsOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getMap("$");
    }
}
