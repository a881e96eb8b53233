package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Each malformed request gets a 4xx with a JSON error body, and no money moves. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private TestClient user;
    private TestClient other;

    // Quarkus is up only once a test method runs, so the users are made on first use.
    @BeforeEach
    void fund() {
        if (user != null) {
            return;
        }
        user = TestClient.registered();
        other = TestClient.registered();
        user.topUp(1000).then().statusCode(200);
    }

    record Case(String name, String path, String contentType, String body, Map<String, String> headers,
            List<String> dropHeaders) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case topUp(String name, String body) {
        return new Case(name, "/api/topup", "application/json", body, Map.of(), List.of());
    }

    static Case transfer(String name, String body) {
        return new Case(name, "/api/transfer", "application/json", body, Map.of(), List.of());
    }

    static Case header(String name, String path, String body, Map<String, String> headers, List<String> drop) {
        return new Case(name, path, "application/json", body, headers, drop);
    }

    Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>(List.of(topUp("amount as a string", "{\"amount\":\"100\"}"),
                topUp("amount as a float", "{\"amount\":1.5}"),
                topUp("amount as a float with zero fraction", "{\"amount\":100.0}"),
                topUp("amount in exponent notation", "{\"amount\":1e3}"), topUp("amount true", "{\"amount\":true}"),
                topUp("amount false", "{\"amount\":false}"), topUp("amount null", "{\"amount\":null}"),
                topUp("amount missing", "{}"), topUp("amount an array", "{\"amount\":[100]}"),
                topUp("amount an object", "{\"amount\":{\"value\":100}}"), topUp("amount zero", "{\"amount\":0}"),
                topUp("amount negative", "{\"amount\":-100}"),
                topUp("amount above the maximum", "{\"amount\":10000000001}"),
                topUp("amount 2^63", "{\"amount\":9223372036854775808}"),
                topUp("amount 10^30", "{\"amount\":1000000000000000000000000000000}"),
                topUp("amount Long.MIN_VALUE", "{\"amount\":-9223372036854775808}"),
                topUp("a JSON array body", "[{\"amount\":100}]"), topUp("a JSON string body", "\"amount\""),
                topUp("a JSON number body", "100"), topUp("empty body", ""), topUp("broken JSON", "{\"amount\":"),
                topUp("trailing garbage", "{\"amount\":100} {\"amount\":100}"),
                topUp("duplicated key", "{\"amount\":1,\"amount\":100}"), topUp("not JSON at all", "amount=100"),
                topUp("unicode digits", "{\"amount\":\"\u0661\u0660\u0660\"}"),
                transfer("code as a number", "{\"amount\":10,\"code\":123}"),
                transfer("code empty", "{\"amount\":10,\"code\":\"\"}"),
                transfer("code too long", "{\"amount\":10,\"code\":\"" + "b".repeat(17) + "\"}"),
                transfer("unknown bank", "{\"amount\":10,\"code\":\"bca\"}"),
                transfer("script in code", "{\"amount\":10,\"code\":\"<script>alert(1)</script>\"}"),
                transfer("SQL in account", "{\"amount\":10,\"account\":\"' OR 1=1 --\"}"),
                transfer("account with letters", "{\"amount\":10,\"account\":\"12345abcde\"}"),
                transfer("account of 11 digits", "{\"amount\":10,\"account\":\"12345678901\"}"),
                transfer("account as a number", "{\"amount\":10,\"account\":1234567890}"),
                transfer("no destination", "{\"amount\":10}"),
                transfer("amount as a string", "{\"amount\":\"10\",\"code\":\"bni\"}"),
                transfer("amount negative", "{\"amount\":-10,\"code\":\"bni\"}"),
                transfer("more than the balance", "{\"amount\":1001,\"code\":\"bni\"}"),
                new Case("text/plain content type", "/api/topup", "text/plain", "{\"amount\":100}", Map.of(),
                        List.of()),
                new Case("form content type", "/api/topup", "application/x-www-form-urlencoded", "amount=100", Map.of(),
                        List.of()),
                header("location missing", "/api/topup", "{\"amount\":100}", Map.of(), List.of("location")),
                header("ip-address missing", "/api/topup", "{\"amount\":100}", Map.of(), List.of("ip-address")),
                header("location too long", "/api/topup", "{\"amount\":100}", Map.of("location", "x".repeat(101)),
                        List.of()),
                header("location very long", "/api/transfer", "{\"amount\":10,\"code\":\"bni\"}",
                        Map.of("location", "x".repeat(8000)), List.of()),
                header("location blank", "/api/topup", "{\"amount\":100}", Map.of("location", "   "), List.of()),
                header("ip-address not an address", "/api/topup", "{\"amount\":100}", Map.of("ip-address", "<script>"),
                        List.of()),
                header("ip-address too long", "/api/topup", "{\"amount\":100}", Map.of("ip-address", "1".repeat(46)),
                        List.of()),
                header("ip-address only colons", "/api/topup", "{\"amount\":100}", Map.of("ip-address", "::::::::"),
                        List.of()),
                header("ip-address with a zone id carrying markup", "/api/topup", "{\"amount\":100}",
                        Map.of("ip-address", "fe80::1%<script>"), List.of()),
                header("ip-address in brackets", "/api/topup", "{\"amount\":100}", Map.of("ip-address", "[::1]"),
                        List.of()),
                header("ip-address octet out of range", "/api/topup", "{\"amount\":100}",
                        Map.of("ip-address", "10.1.2.300"), List.of()),
                header("ip-address a host name", "/api/topup", "{\"amount\":100}", Map.of("ip-address", "example.com"),
                        List.of()),
                header("idempotency key too long", "/api/topup", "{\"amount\":100}",
                        Map.of("Idempotency-Key", "k".repeat(256)), List.of()),
                header("CSRF header missing", "/api/topup", "{\"amount\":100}", Map.of(), List.of("X-CSRF-TOKEN")),
                header("CSRF header wrong", "/api/topup", "{\"amount\":100}", Map.of("X-CSRF-TOKEN", "nope"),
                        List.of())));
        return cases.stream().map(Arguments::of);
    }

    @Test
    void ipv4AndIpv6AddressesInTheirUsualFormsAreAccepted() {
        TestClient payer = TestClient.registered();
        for (String address : List.of("10.1.2.3", "2001:DB8::1", "::1", "::ffff:10.1.2.3", "fe80:0:0:0:0:0:0:1")) {
            payer.authed().contentType(ContentType.JSON).header("location", "Jakarta").header("ip-address", address)
                    .body(Map.of("amount", 1)).post("/api/topup").then().statusCode(200);
        }
        assertThat(payer.balance()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedRequestIsA4xxJsonErrorAndChangesNothing(Case c) {
        int historyBefore = user.historySize();
        Map<String, String> headers = new java.util.HashMap<>(
                Map.of("location", "Jakarta", "ip-address", "10.1.2.3", "X-CSRF-TOKEN", user.csrfAccess()));
        headers.putAll(c.headers());
        c.dropHeaders().forEach(headers::remove);
        RequestSpecification request = io.restassured.RestAssured.given()
                .cookie("access_token_cookie", user.cookies.get("access_token_cookie")).contentType(c.contentType())
                .body(c.body()).headers(headers);

        Response response = request.post(c.path());

        assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat((String) response.path("msg")).isNotBlank();
        assertThat((String) response.path("code")).isNotBlank();
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("at io.");
        assertThat(user.balance()).isEqualTo(1000);
        assertThat(other.balance()).isZero();
        assertThat(user.historySize()).isEqualTo(historyBefore);
    }
}
