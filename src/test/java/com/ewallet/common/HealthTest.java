package com.ewallet.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import com.ewallet.it.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    private static final String[] MANAGEMENT_PATHS = { "/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/metrics", "/q/openapi" };

    @Test
    void livenessAndReadinessAreUpAndReadinessIncludesTheDatabase() {
        ManagementPort.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        ManagementPort.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive MySQL")));
    }

    @Test
    void onAServerWithoutGaleraTheNodeStateCheckIsUp() {
        ManagementPort.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Galera node synced' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Galera node synced' }.data.galera", equalTo(false));
    }

    @Test
    void healthMetricsAndTheApiDescriptionAreOnlyOnTheManagementPort() {
        for (String path : MANAGEMENT_PATHS) {
            ManagementPort.given().get(path).then().statusCode(200);
            given().get(path).then().statusCode(404).contentType(startsWith("application/json")).body("code",
                    equalTo("NOT_FOUND"), "msg", equalTo("not found."));
        }
    }

    @Test
    void unknownPathsAnswerJson404() {
        given().get("/no/such/path").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
