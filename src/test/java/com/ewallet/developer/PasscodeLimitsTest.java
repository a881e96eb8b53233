package com.ewallet.developer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Wrong passcodes are counted per (mobile, app) and per app (issue 11, point 11): one app's guesses never lock the
 * holder out of another app, and one app can guess only so much across all mobiles.
 */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
class PasscodeLimitsTest extends DeveloperApiSupport {

    @ConfigProperty(name = "wallet.otp.max-verify-failures")
    int perMobileAndApp;

    @ConfigProperty(name = "wallet.otp.max-verify-failures-per-app")
    int perApp;

    @Test
    void thirtyWrongGuessesThroughAppADoNotBlockTheRightPasscodeThroughAppB() {
        String appA = createApp("Guesser");
        String appB = createApp("Honest");
        TestClient user = TestClient.registered();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(verify(appA, user.mobile, String.format("%06d", 123_456 + i)).statusCode());
        }
        assertThat(statuses.subList(0, perMobileAndApp)).containsOnly(401);
        assertThat(statuses.subList(perMobileAndApp, 30)).containsOnly(429);
        verify(appA, user.mobile, "000000").then().statusCode(429).header("Retry-After", notNullValue())
                .body("success", equalTo(false)).body("errorCode", equalTo("OTP_LOCKED"));

        send(appB, user.mobile).then().statusCode(200);
        verify(appB, user.mobile, lastPasscode(user.mobile)).then().statusCode(200).body("success", equalTo(true))
                .body("data.accessToken", notNullValue());
    }

    @Test
    void oneAppGuessingAcrossManyMobilesReachesItsCeilingAndOtherAppsDoNot() {
        String app = createApp("Sprayer");
        int wrong = 0;
        Response refused = null;
        for (int users = 0; refused == null && users <= perApp / (perMobileAndApp - 1) + 1; users++) {
            TestClient user = TestClient.registered();
            for (int i = 0; i < perMobileAndApp - 1 && refused == null; i++) {
                Response answer = verify(app, user.mobile, String.format("%06d", 654_321 - i));
                if (answer.statusCode() == 429) {
                    refused = answer;
                } else {
                    answer.then().statusCode(401).body("errorCode", equalTo("PASSCODE_INVALID"));
                    wrong++;
                }
            }
        }
        assertThat(refused).as("no 429 after %d wrong passcodes through one app", wrong).isNotNull();
        assertThat(wrong).isEqualTo(perApp);
        refused.then().header("Retry-After", notNullValue()).body("success", equalTo(false)).body("errorCode",
                equalTo("OTP_APP_LOCKED"));

        // The ceiling holds for the right passcode of a mobile the app never guessed, and only for this app.
        TestClient holder = TestClient.registered();
        send(app, holder.mobile).then().statusCode(200);
        verify(app, holder.mobile, lastPasscode(holder.mobile)).then().statusCode(429).body("errorCode",
                equalTo("OTP_APP_LOCKED"));
        connect(createApp("Elsewhere"), holder);
    }
}
