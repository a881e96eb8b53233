package com.ewallet.developer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Dev mode's passcode flow without a gateway ({@code wallet.sms.mode=log}, as in dev): the passcode is read from the
 * dev SMS outbox and the wallet connects with it. The packaged (prod) build has no outbox: {@link DevSmsOutboxIT}.
 */
@QuarkusTest
@TestProfile(DevSmsOutboxTest.LogMode.class)
class DevSmsOutboxTest extends DeveloperApiSupport {

    public static class LogMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.sms.mode", "log");
        }
    }

    private static final Pattern PASSCODE = Pattern.compile("passcode is ([0-9]{6})");

    @Test
    void aPasscodeSentInLogModeIsReadFromTheOutboxAndConnectsTheWallet() {
        String key = createApp("Outbox");
        TestClient user = TestClient.registered();
        send(key, user.mobile).then().statusCode(200).body("success", equalTo(true));

        List<Map<String, Object>> outbox = given().get("/dev/sms").then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getList("$");
        Map<String, Object> newest = outbox.get(0);
        assertThat(newest).containsEntry("to", user.mobile).containsKey("sentAt");
        Matcher passcode = PASSCODE.matcher((String) newest.get("text"));
        assertThat(passcode.find()).as("%s", newest).isTrue();

        verify(key, user.mobile, passcode.group(1)).then().statusCode(200).body("message",
                equalTo("Wallet added successfully"));
    }
}
