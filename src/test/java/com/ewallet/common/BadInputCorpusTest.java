package com.ewallet.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;
import com.ewallet.developer.DeveloperApiSupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Malformed requests across every endpoint other than the money ones ({@code BadInputTest} covers those): each gets a
 * 4xx in its documented error shape, and nothing in the database changes.
 */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest extends DeveloperApiSupport {

    @Inject
    Pool pool;

    private TestClient user;
    private TestClient admin;
    private String appKey;
    private Map<String, Object> tokens;

    @BeforeEach
    void setUp() {
        if (user == null) {
            user = TestClient.registered();
            user.topUp(1_000).then().statusCode(200);
            admin = TestClient.admin();
            appKey = createApp("Corpus");
            tokens = connect(appKey, user);
        }
    }

    record Case(String name, Function<BadInputCorpusTest, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case json(String name, String method, String path, String body) {
        return new Case(name, t -> t.plain().contentType("application/json").body(body).request(method, path));
    }

    static Case v1(String name, String method, String path, String body) {
        return new Case(name, t -> t.v1(t.appKey).body(body).request(method, path));
    }

    static Case wallet(String name, String method, String path, String body) {
        return new Case(name, t -> t.wallet(t.appKey, t.tokens).body(body).request(method, path));
    }

    static Case authed(String name, String method, String path,
            Function<RequestSpecification, RequestSpecification> f) {
        return new Case(name, t -> f.apply(t.user.authed()).request(method, path));
    }

    static Case asAdmin(String name, String method, String path, String body) {
        return new Case(name, t -> t.admin.authed().contentType("application/json").body(body).request(method, path));
    }

    RequestSpecification plain() {
        return given();
    }

    static String reg(String email, String password, String name, String mobile) {
        return "{\"email\":" + email + ",\"password\":" + password + ",\"name\":" + name + ",\"mobile\":" + mobile
                + "}";
    }

    Stream<Arguments> cases() {
        String ok = "\"c@example.com\"";
        String pw = "\"correct-horse-42\"";
        String nm = "\"Name\"";
        String mb = "\"6281299998888\"";
        List<Case> cases = new ArrayList<>(
                List.of(json("register: empty object", "POST", "/users", "{}"),
                        json("register: array body", "POST", "/users", "[]"),
                        json("register: string body", "POST", "/users", "\"x\""),
                        json("register: empty body", "POST", "/users", ""),
                        json("register: email as number", "POST", "/users", reg("42", pw, nm, mb)),
                        json("register: email without at", "POST", "/users", reg("\"nope\"", pw, nm, mb)),
                        json("register: email 300 chars", "POST", "/users",
                                reg("\"" + "a".repeat(290) + "@example.com\"", pw, nm, mb)),
                        json("register: password null", "POST", "/users", reg(ok, "null", nm, mb)),
                        json("register: password 7 chars", "POST", "/users", reg(ok, "\"abcdefg\"", nm, mb)),
                        json("register: password 73 bytes of unicode", "POST", "/users",
                                reg(ok, "\"" + "\u00e9".repeat(37) + "\"", nm, mb)),
                        json("register: common password", "POST", "/users", reg(ok, "\"password1\"", nm, mb)),
                        json("register: name 101 chars", "POST", "/users",
                                reg(ok, pw, "\"" + "n".repeat(101) + "\"", mb)),
                        json("register: name blank", "POST", "/users", reg(ok, pw, "\"   \"", mb)),
                        json("register: mobile letters", "POST", "/users", reg(ok, pw, nm, "\"six-two-eight\"")),
                        json("register: mobile 40 digits", "POST", "/users",
                                reg(ok, pw, nm, "\"" + "1".repeat(40) + "\"")),
                        json("register: mobile as number", "POST", "/users", reg(ok, pw, nm, "6281299998888")),
                        json("register: duplicated key", "POST", "/users",
                                "{\"email\":" + ok + ",\"email\":" + ok + "}"),
                        json("register: trailing garbage", "POST", "/users", reg(ok, pw, nm, mb) + "x"),
                        new Case("register: text/plain",
                                t -> given().contentType("text/plain").body(reg(ok, pw, nm, mb)).post("/users")),
                        new Case("register: PUT is not allowed",
                                t -> given().contentType("application/json").body("{}").put("/users")),
                        json("login: email missing", "POST", "/token/auth", "{\"password\":\"x\"}"),
                        json("login: password 73 chars", "POST", "/token/auth",
                                "{\"email\":" + ok + ",\"password\":\"" + "p".repeat(73) + "\"}"),
                        json("login: email array", "POST", "/token/auth", "{\"email\":[],\"password\":\"x\"}"),
                        json("login: null byte in email", "POST", "/token/auth",
                                "{\"email\":\"a\\u0000@b.c\",\"password\":\"xxxxxxxx\"}"),
                        json("login: SQL in email", "POST", "/token/auth",
                                "{\"email\":\"' OR '1'='1\",\"password\":\"' OR '1'='1\"}"),
                        new Case("login: 70 KB body",
                                t -> given().contentType("application/json")
                                        .body("{\"email\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}")
                                        .post("/token/auth")),
                        new Case("refresh: garbage cookie",
                                t -> given()
                                        .cookie("refresh_token_cookie", "garbage").header("X-CSRF-TOKEN",
                                                "x")
                                        .post("/token/refresh")),
                        new Case("refresh: 10k CSRF header",
                                t -> given().cookie("refresh_token_cookie", t.user.cookies.get("refresh_token_cookie"))
                                        .header("X-CSRF-TOKEN", "c".repeat(10_000)).post("/token/refresh")),
                        new Case("balance: no cookie", t -> given().get("/api/balance")),
                        new Case(
                                "balance: garbage cookie",
                                t -> given().cookie("access_token_cookie", "a.b.c").get("/api/balance")),
                        new Case("balance: POST is not allowed", t -> t.user.authed().post("/api/balance")),
                        authed("history: negative limit", "GET", "/api/transactions", r -> r.queryParam("limit", -1)),
                        authed("history: limit in exponent", "GET", "/api/transactions",
                                r -> r.queryParam("limit", "1e3")),
                        authed("history: limit too big", "GET", "/api/transactions",
                                r -> r.queryParam("limit", "99999999999")),
                        authed("history: limit with a null byte", "GET", "/api/transactions",
                                r -> r.queryParam("limit", "5\u0000")),
                        authed("history: cursor not base64", "GET", "/api/transactions",
                                r -> r.queryParam("cursor", "@@@")),
                        authed("history: cursor of a negative id", "GET", "/api/transactions",
                                r -> r.queryParam("cursor", Base64.getUrlEncoder().encodeToString("-5".getBytes()))),
                        authed("history: cursor 5000 chars", "GET", "/api/transactions",
                                r -> r.queryParam("cursor", "A".repeat(5000))),
                        authed("unknown /api path", "GET", "/api/nope", r -> r),
                        new Case(
                                "admin apps: not an admin",
                                t -> t.user.authed().contentType("application/json").body("{\"name\":\"x\"}")
                                        .post("/api/admin/apps")),
                        new Case("admin apps: list as non-admin", t -> t.user.authed().get("/api/admin/apps")),
                        asAdmin("admin apps: empty name", "POST", "/api/admin/apps", "{\"name\":\"\"}"),
                        asAdmin("admin apps: name 101 chars", "POST", "/api/admin/apps",
                                "{\"name\":\"" + "x".repeat(101) + "\"}"),
                        asAdmin("admin apps: array body", "POST", "/api/admin/apps", "[]"),
                        asAdmin("admin apps: revoke id not a number", "DELETE", "/api/admin/apps/abc", ""),
                        asAdmin("admin apps: revoke unknown id", "DELETE", "/api/admin/apps/999999999", ""),
                        asAdmin("settle: reference malformed", "POST", "/api/admin/bank-transfers/xyz/settle",
                                "{\"status\":\"success\"}"),
                        asAdmin("settle: status unknown", "POST",
                                "/api/admin/bank-transfers/" + "a".repeat(32) + "/settle", "{\"status\":\"maybe\"}"),
                        asAdmin("settle: unknown transfer", "POST",
                                "/api/admin/bank-transfers/" + "a".repeat(32) + "/settle", "{\"status\":\"failed\"}"),
                        authed("admin bootstrap: wrong secret", "POST", "/api/admin/bootstrap",
                                r -> r.contentType("application/json").body("{\"secret\":\"" + "w".repeat(44) + "\"}")),
                        authed("admin bootstrap: no secret", "POST", "/api/admin/bootstrap",
                                r -> r.contentType("application/json").body("{}")),
                        authed("admin bootstrap: secret 513 chars", "POST", "/api/admin/bootstrap",
                                r -> r.contentType("application/json")
                                        .body("{\"secret\":\"" + "s".repeat(513) + "\"}")),
                        authed("admin bootstrap: array body", "POST", "/api/admin/bootstrap",
                                r -> r.contentType("application/json").body("[]")),
                        authed("role: not an admin", "PUT", "/api/admin/users/1/role",
                                r -> r.contentType("application/json").body("{\"role\":\"admin\"}")),
                        asAdmin("role: unknown role", "PUT", "/api/admin/users/1/role", "{\"role\":\"root\"}"),
                        asAdmin("role: role null", "PUT", "/api/admin/users/1/role", "{\"role\":null}"),
                        asAdmin("role: role upper case", "PUT", "/api/admin/users/1/role", "{\"role\":\"ADMIN\"}"),
                        asAdmin("role: id malformed", "PUT", "/api/admin/users/abc!/role", "{\"role\":\"user\"}"),
                        asAdmin("role: unknown user", "PUT", "/api/admin/users/ZZZZZZZZZZZZ/role",
                                "{\"role\":\"admin\"}"),
                        json("register: accented email", "POST", "/users",
                                reg("\"\u00e1lice@example.com\"", pw, nm, mb)),
                        json("register: email with a zero-width space", "POST", "/users",
                                reg("\"al\u200bice@example.com\"", pw, nm, mb)),
                        authed("mobile verify: passcode letters", "POST", "/api/users/mobile/verify",
                                r -> r.contentType("application/json").body("{\"passcode\":\"abcdef\"}")),
                        authed("mobile verify: passcode 20 digits", "POST", "/api/users/mobile/verify",
                                r -> r.contentType("application/json")
                                        .body("{\"passcode\":\"" + "1".repeat(20) + "\"}")),
                        authed("mobile verify: passcode as array", "POST", "/api/users/mobile/verify",
                                r -> r.contentType("application/json").body("{\"passcode\":[\"123456\"]}")),
                        authed("mobile verify: empty body", "POST", "/api/users/mobile/verify",
                                r -> r.contentType("application/json").body("")),
                        authed("mobile verify: text/plain", "POST", "/api/users/mobile/verify",
                                r -> r.contentType("text/plain").body("123456")),
                        authed("mobile verify: GET is not allowed", "GET", "/api/users/mobile/verify", r -> r),
                        authed("mobile change: empty object", "PUT", "/api/users/mobile",
                                r -> r.contentType("application/json").body("{}")),
                        authed("mobile change: letters", "PUT", "/api/users/mobile",
                                r -> r.contentType("application/json").body("{\"mobile\":\"six-two-eight\"}")),
                        authed("mobile change: 40 digits", "PUT", "/api/users/mobile",
                                r -> r.contentType("application/json").body("{\"mobile\":\"" + "1".repeat(40) + "\"}")),
                        new Case("mobile passcode: no CSRF header",
                                t -> given().cookie("access_token_cookie", t.user.cookies.get("access_token_cookie"))
                                        .post("/api/users/mobile/passcode")),
                        new Case("mobile passcode: no cookie", t -> given().post("/api/users/mobile/passcode")),
                        new Case("v1 validate: no app key",
                                t -> given().contentType("application/json").body("{\"mobile\":\"6281\"}")
                                        .post("/v1/users/auth/validate")),
                        new Case("v1 validate: two app keys, one wrong",
                                t -> given().contentType("application/json").header("X-App-Key", "ak_wrong")
                                        .header("X-App-Key", t.appKey).body("{\"mobile\":\"6281\"}")
                                        .post("/v1/users/auth/validate")),
                        v1("v1 validate: mobile missing", "POST", "/v1/users/auth/validate", "{}"),
                        v1("v1 validate: mobile as number", "POST", "/v1/users/auth/validate",
                                "{\"mobile\":6281299998888}"),
                        v1("v1 validate: SQL in mobile", "POST", "/v1/users/auth/validate",
                                "{\"mobile\":\"1; DROP TABLE users\"}"),
                        v1("v1 validate: unicode digits", "POST", "/v1/users/auth/validate",
                                "{\"mobile\":\"\u0666\u0662\u0668\u0661\u0662\"}"),
                        v1("v1 auth: factor missing", "POST", "/v1/users/auth", "{\"mobile\":\"6281299998888\"}"),
                        v1("v1 auth: factor voice", "POST", "/v1/users/auth",
                                "{\"mobile\":\"6281299998888\",\"factor\":\"voice\"}"),
                        v1("v1 auth: passcode letters", "POST", "/v1/users/auth",
                                "{\"mobile\":\"6281299998888\",\"factor\":\"sms\",\"passcode\":\"abcdef\"}"),
                        v1("v1 auth: passcode 20 digits", "POST", "/v1/users/auth",
                                "{\"mobile\":\"6281299998888\",\"factor\":\"sms\",\"passcode\":\"" + "1".repeat(20)
                                        + "\"}"),
                        v1("v1 auth: broken JSON", "POST", "/v1/users/auth", "{\"mobile\":"),
                        v1("v1 refresh: token missing", "POST", "/v1/users/accessToken", "{}"),
                        v1("v1 refresh: token 300 chars", "POST", "/v1/users/accessToken",
                                "{\"refreshToken\":\"" + "r".repeat(300) + "\"}"),
                        v1("v1 refresh: token as number", "POST", "/v1/users/accessToken", "{\"refreshToken\":12345}"),
                        v1("v1 accounts: no wallet token", "GET", "/v1/users/accounts", ""),
                        wallet("v1 phone: amount a decimal string", "POST", "/v1/users/transfers/phone",
                                "{\"mobile\":\"6281299998888\",\"amount\":\"10.5\"}"),
                        wallet("v1 phone: amount zero", "POST", "/v1/users/transfers/phone",
                                "{\"mobile\":\"6281299998888\",\"amount\":0}"),
                        wallet("v1 phone: amount float", "POST", "/v1/users/transfers/phone",
                                "{\"mobile\":\"6281299998888\",\"amount\":1.5}"),
                        wallet("v1 phone: mobile invalid", "POST", "/v1/users/transfers/phone",
                                "{\"mobile\":\"abc\",\"amount\":1}"),
                        wallet("v1 phone: more than the balance", "POST", "/v1/users/transfers/phone",
                                "{\"mobile\":\"6281299998888\",\"amount\":1000000}"),
                        wallet("v1 bank: account number letters", "POST", "/v1/users/transfers/bank",
                                "{\"accountName\":\"A\",\"accountNumber\":\"abc\",\"bankCode\":\"bni\",\"amount\":1}"),
                        wallet("v1 bank: bank code missing", "POST", "/v1/users/transfers/bank",
                                "{\"accountName\":\"A\",\"accountNumber\":\"123456\",\"amount\":1}"),
                        wallet("v1 bank: name 101 chars", "POST", "/v1/users/transfers/bank",
                                "{\"accountName\":\"" + "n".repeat(101)
                                        + "\",\"accountNumber\":\"123456\",\"bankCode\":\"bni\",\"amount\":1}"),
                        wallet("v1 bank: amount float", "POST", "/v1/users/transfers/bank",
                                "{\"accountName\":\"A\",\"accountNumber\":\"123456\",\"bankCode\":\"bni\",\"amount\":2.5}"),
                        wallet("v1 bank: script in name and unknown bank", "POST", "/v1/users/transfers/bank",
                                "{\"accountName\":\"<script>\",\"accountNumber\":\"123456\",\"bankCode\":\"<b>\",\"amount\":1}"),
                        wallet("v1 requery: malformed reference", "GET", "/v1/users/transfers/requery/bank/zzz", ""),
                        wallet("v1 requery: unknown reference", "GET",
                                "/v1/users/transfers/requery/bank/" + "b".repeat(32), "")));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedRequestIsA4xxInItsErrorShapeAndChangesNothing(Case c) {
        String before = fingerprint();

        Response response = c.call().apply(this);

        assertThat(response.statusCode()).as(c.name() + ": " + response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).as(c.name()).startsWith("application/json");
        if (response.asString().contains("\"success\"")) {
            assertThat((Boolean) response.path("success")).isFalse();
            assertThat((String) response.path("errorCode")).isNotBlank();
        } else {
            assertThat((String) response.path("msg")).isNotBlank();
            assertThat((String) response.path("code")).isNotBlank();
        }
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("at io.");
        assertThat(fingerprint()).as("database unchanged").isEqualTo(before);
    }

    /** Counts and sums that any change of users, their mobiles, money, apps or transfers would move. */
    private String fingerprint() {
        return pool.query("SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM apps),"
                + " (SELECT COUNT(*) FROM ledger_entries), (SELECT COALESCE(SUM(balance), 0) FROM accounts),"
                + " (SELECT COUNT(*) FROM bank_transfers), (SELECT COUNT(*) FROM bank_transfers WHERE status <> 'PENDING'),"
                + " (SELECT COUNT(*) FROM apps WHERE revoked_at IS NOT NULL),"
                + " (SELECT COUNT(*) FROM users WHERE role = 'admin'),"
                + " (SELECT COUNT(*) FROM users WHERE mobile_verified_at IS NOT NULL),"
                + " (SELECT COUNT(mobile) FROM users)) AS f").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("f");
    }
}
