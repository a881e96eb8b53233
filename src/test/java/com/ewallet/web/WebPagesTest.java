package com.ewallet.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The web app's side of the service: its static pages with their safe headers, and the bank list its transfer form
 * reads ({@code GET /api/banks}). The pages themselves are tested in Chromium by {@code WebAppIT}.
 */
@QuarkusTest
class WebPagesTest {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Test
    void theRootServesTheWalletPageWithItsSafeHeaders() {
        Response page = given().get("/");
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<input id=\"login-email\" name=\"email\" type=\"email\""))
                .body(containsString("<script type=\"module\" src=\"/web/wallet.js\"></script>"));
        assertSafeHeaders(page);
    }

    @Test
    void theAdminPageScriptsAndStylesHaveTheSafeHeadersAndTheirTypes() {
        for (String[] file : new String[][] { { "/admin.html", "text/html" }, { "/web/wallet.js", "text/javascript" },
                { "/web/api.js", "text/javascript" }, { "/web/style.css", "text/css" },
                { "/web/icon.svg", "image/svg+xml" } }) {
            Response answer = given().get(file[0]);
            answer.then().statusCode(200).contentType(startsWith(file[1]));
            assertSafeHeaders(answer);
        }
    }

    @Test
    void apiAnswersAndUnknownPathsKeepTheirJsonShapeWithoutThePageHeaders() {
        given().get("/api/balance").then().statusCode(401).contentType(startsWith("application/json"))
                .header("Content-Security-Policy", nullValue()).body("code", equalTo("TOKEN_MISSING"));
        given().get("/no-such-page").then().statusCode(404).contentType(startsWith("application/json")).body("code",
                equalTo("NOT_FOUND"));
        given().get("/web/no-such.js").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void theBankListNeedsALogin() {
        given().get("/api/banks").then().statusCode(401).body("code", equalTo("TOKEN_MISSING"));
    }

    @Test
    void aLoggedInUserGetsTheActiveBanksByNameWithTheCodesTransfersTake() {
        TestClient user = TestClient.registered();
        List<Map<String, Object>> banks = user.authed().get("/api/banks").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertThat(banks).contains(Map.of("code", "bni", "name", "Bank Negara Indonesia"),
                Map.of("code", "058", "name", "Guaranty Trust Bank"));
        assertThat(banks).allSatisfy(bank -> assertThat(bank).containsOnlyKeys("code", "name"));
        List<String> names = banks.stream().map(b -> (String) b.get("name")).toList();
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        user.topUp(1000).then().statusCode(200);
        user.toBank(100, (String) banks.get(0).get("code")).then().statusCode(200);
    }

    private static void assertSafeHeaders(Response answer) {
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
