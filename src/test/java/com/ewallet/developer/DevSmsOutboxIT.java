package com.ewallet.developer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.ewallet.it.IntegrationKeys;
import com.ewallet.it.ManagementPort;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application is a production build: the dev SMS outbox is not in it, whatever the settings. */
@QuarkusIntegrationTest
@QuarkusTestResource(IntegrationKeys.class)
@QuarkusTestResource(ManagementPort.class)
class DevSmsOutboxIT {

    @Test
    void aProductionBuildHasNoSmsOutbox() {
        given().get("/dev/sms").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
