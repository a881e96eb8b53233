package com.ewallet.developer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.SmsGatewayStub;
import com.ewallet.TestClient;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Settings in a profile of their own: auto-settlement of bank transfers, the per-app send limit, refresh-token
 * rotation, and passcodes sent through Termii's API.
 */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
@TestProfile(DeveloperSettingsTest.Profile.class)
class DeveloperSettingsTest extends DeveloperApiSupport {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.bank.auto-settle-after", "PT0S", "wallet.bank.settle-every", "1s",
                    "wallet.otp.sends-per-app", "2", "wallet.developer.rotate-refresh-tokens", "true",
                    "wallet.sms.provider", "termii");
        }
    }

    @Test
    void pendingBankTransfersAreSettledByTheConfiguredStep() throws InterruptedException {
        String key = createApp("Auto");
        TestClient user = TestClient.registered();
        user.topUp(1_000).then().statusCode(200);
        Map<String, Object> tokens = connect(key, user);
        String reference = wallet(key, tokens)
                .body(Map.of("accountName", "U", "accountNumber", "99887766", "bankCode", "mandiri", "amount", 300))
                .post("/v1/users/transfers/bank").then().statusCode(200).extract().path("data.reference");
        String status = "pending";
        for (int i = 0; i < 50 && status.equals("pending"); i++) {
            Thread.sleep(200);
            status = wallet(key, tokens).get("/v1/users/transfers/requery/bank/" + reference).then().statusCode(200)
                    .extract().path("data.status");
        }
        assertThat(status).isEqualTo("success");
        assertThat(user.balance()).isEqualTo(700);
    }

    @Test
    void sendingIsLimitedPerApp() {
        String key = createApp("Busy app");
        send(key, TestClient.registered().mobile).then().statusCode(200);
        send(key, TestClient.registered().mobile).then().statusCode(200);
        send(key, TestClient.registered().mobile).then().statusCode(429).body("errorCode",
                equalTo("OTP_APP_SEND_LIMIT"));
    }

    @Test
    void refreshRotatesAndARefreshTokenReusedAfterTheGraceEndsTheSession() throws InterruptedException {
        String key = createApp("Rotate");
        // wallet.developer.rotate-refresh-tokens=true in this profile
        TestClient user = TestClient.registered();
        Map<String, Object> first = connect(key, user);
        Map<String, Object> second = v1(key).body(Map.of("refreshToken", first.get("refreshToken")))
                .post("/v1/users/accessToken").then().statusCode(200).extract().path("data");
        assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));
        wallet(key, second).get("/v1/users/accounts").then().statusCode(200);

        // Shown again within the refresh grace (2 s in tests): the same successor, the session lives on.
        Map<String, Object> again = v1(key).body(Map.of("refreshToken", first.get("refreshToken")))
                .post("/v1/users/accessToken").then().statusCode(200).extract().path("data");
        assertThat(again).isEqualTo(second);
        // After the grace: reuse, and the session ends.
        TestClient.pastTheRefreshGrace();
        v1(key).body(Map.of("refreshToken", first.get("refreshToken"))).post("/v1/users/accessToken").then()
                .statusCode(401).body("errorCode", equalTo("TOKEN_REUSED"));
        wallet(key, second).get("/v1/users/accounts").then().statusCode(401).body("errorCode",
                equalTo("TOKEN_REVOKED"));
        v1(key).body(Map.of("refreshToken", second.get("refreshToken"))).post("/v1/users/accessToken").then()
                .statusCode(401);
        v1(key).body(Map.of("refreshToken", "not-a-token")).post("/v1/users/accessToken").then().statusCode(401);
    }

    @Test
    void passcodesGoOutThroughTermiiWhenItIsTheProvider() {
        String key = createApp("Termii");
        TestClient user = TestClient.registered();
        send(key, user.mobile).then().statusCode(200);
        String received = given().get(gateway + "/received/" + user.mobile).then().statusCode(200).extract().asString();
        assertThat(received).startsWith("termii dnd: Your eWallet passcode is ");
        verify(key, user.mobile, lastPasscode(user.mobile)).then().statusCode(200);
    }
}
