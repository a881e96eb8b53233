package com.ewallet.auth;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Without {@code wallet.admin.bootstrap-secret-location} there is no bootstrap, whatever secret is shown. */
@QuarkusTest
@TestProfile(AdminBootstrapDisabledTest.Profile.class)
class AdminBootstrapDisabledTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wallet.admin.bootstrap-secret-location", "");
        }
    }

    @Test
    void withoutTheSettingTheBootstrapIsUnavailable() {
        TestClient user = TestClient.registered();
        user.authed().contentType(ContentType.JSON).body(Map.of("secret", TestClient.bootstrapSecret()))
                .post("/api/admin/bootstrap").then().statusCode(403).body("code", equalTo("BOOTSTRAP_DISABLED"));
        user.authed().get("/api/admin/apps").then().statusCode(403);
    }
}
