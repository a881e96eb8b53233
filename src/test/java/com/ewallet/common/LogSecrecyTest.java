package com.ewallet.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;
import com.ewallet.developer.DeveloperApiSupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Runs every flow that handles a secret, then greps the captured log for each secret it saw. */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
@QuarkusTestResource(com.ewallet.VtuProviderStub.class)
class LogSecrecyTest extends DeveloperApiSupport {

    @Test
    void noTokenPasswordPasscodeKeyOrCookieValueIsEverLogged() throws Exception {
        List<String> secrets = new ArrayList<>();
        TestClient user = TestClient.registered();
        secrets.add(user.password);
        secrets.addAll(user.cookies.values());
        Response refreshed = given().cookie("refresh_token_cookie", user.cookies.get("refresh_token_cookie"))
                .header("X-CSRF-TOKEN", user.csrfRefresh()).post("/token/refresh");
        secrets.addAll(refreshed.getCookies().values());
        given().contentType(ContentType.JSON).body(Map.of("email", user.email, "password", "Wrong-Secret-77"))
                .post("/token/auth");
        secrets.add("Wrong-Secret-77");

        Map<String, String> app = createAppWithSecret("Secretive");
        String key = app.get("key");
        secrets.add(key);
        secrets.add(app.get("secret"));
        String rotated = TestClient.admin().authed().post("/api/admin/apps/" + app.get("id") + "/secret").then()
                .statusCode(200).extract().path("secret");
        secrets.add(rotated);
        send(key, user.mobile).then().statusCode(200);
        String passcode = lastPasscode(user.mobile);
        secrets.add(passcode);
        Map<String, Object> tokens = verify(key, user.mobile, passcode).then().statusCode(200).extract().path("data");
        secrets.add((String) tokens.get("accessToken"));
        secrets.add((String) tokens.get("refreshToken"));
        user.topUp(10_000).then().statusCode(200);
        wallet(key, tokens).body(Map.of("mobile", "08031234561", "amount", 1_000, "provider", "mtn"))
                .post("/v1/users/payments/bills/vtu").then().statusCode(200);
        String wrongBootstrap = "Wrong-Bootstrap-Secret-" + System.nanoTime() + "-of-some-length";
        user.authed().contentType(ContentType.JSON).body(Map.of("secret", wrongBootstrap)).post("/api/admin/bootstrap")
                .then().statusCode(403);
        secrets.add(wrongBootstrap);
        secrets.add(TestClient.bootstrapSecret()); // presented by TestClient.admin() above
        given().cookie("csrf_refresh_token", user.csrfRefresh()).post("/token/remove");
        secrets.add(com.ewallet.VtuProviderStub.API_KEY);
        secrets.add(com.ewallet.VtuProviderStub.SECRET_KEY);
        secrets.add("test-gateway-key");

        Path log = Path.of("target/quarkus.log");
        assertThat(log).exists();
        String captured = Files.readString(log);
        assertThat(captured).contains("POST /token/auth");
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 6) {
                assertThat(captured).as("a secret leaked into the log").doesNotContain(secret);
            }
        }
    }
}
