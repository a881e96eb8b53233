package com.ewallet.developer;

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

/** Settings-driven settlement and the per-app send limit, in a profile of their own. */
@QuarkusTest
@QuarkusTestResource(SmsGatewayStub.class)
@TestProfile(AutoSettlementTest.Profile.class)
class AutoSettlementTest extends DeveloperApiSupport {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.bank.auto-settle-after", "PT0S", "wallet.bank.settle-every", "1s",
                    "wallet.otp.sends-per-app", "2");
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
}
