package com.ewallet.developer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.regex.Matcher;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ewallet.TestClient;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What developer-API tests do over and over: make an app, send and read a passcode, connect a wallet. */
public abstract class DeveloperApiSupport {

    @ConfigProperty(name = "quarkus.rest-client.sms-gateway.url")
    protected String gateway;

    private static final java.util.regex.Pattern SIX_DIGITS = java.util.regex.Pattern.compile("\\b([0-9]{6})\\b");

    protected String createApp(String name) {
        TestClient admin = TestClient.admin();
        return admin.authed().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/admin/apps").then()
                .statusCode(201).body("key", notNullValue()).extract().path("key");
    }

    /** A new app's key and secret, as its creator sees them once. */
    protected Map<String, String> createAppWithSecret(String name) {
        TestClient admin = TestClient.admin();
        var app = admin.authed().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/admin/apps").then()
                .statusCode(201).body("key", notNullValue()).body("secret", notNullValue()).extract().jsonPath();
        return Map.of("id", app.getString("id"), "key", app.getString("key"), "secret", app.getString("secret"));
    }

    protected static RequestSpecification v1(String appKey) {
        return given().header("X-App-Key", appKey).contentType(ContentType.JSON);
    }

    protected Response send(String appKey, String mobile) {
        return v1(appKey).body(Map.of("mobile", mobile, "factor", "sms")).post("/v1/users/auth");
    }

    protected String lastPasscode(String mobile) {
        String text = given().get(gateway + "/received/" + mobile).then().statusCode(200).extract().asString();
        Matcher m = SIX_DIGITS.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    protected Response verify(String appKey, String mobile, String passcode) {
        return v1(appKey).body(Map.of("mobile", mobile, "factor", "sms", "passcode", passcode)).post("/v1/users/auth");
    }

    /** A wallet token pair for the user, through send and verify. */
    protected Map<String, Object> connect(String appKey, TestClient user) {
        send(appKey, user.mobile).then().statusCode(200);
        return verify(appKey, user.mobile, lastPasscode(user.mobile)).then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Wallet added successfully")).extract()
                .path("data");
    }

    protected static RequestSpecification wallet(String appKey, Map<String, Object> tokens) {
        return v1(appKey).header("X-App-Wallet-Access-Token", (String) tokens.get("accessToken"));
    }

    protected static String wrong(String passcode) {
        return passcode.equals("000000") ? "000001" : "000000";
    }

}
