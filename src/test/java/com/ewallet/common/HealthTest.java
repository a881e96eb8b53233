package com.ewallet.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void livenessAndReadinessAreUpAndReadinessIncludesTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")).body("checks.name",
                hasItem(org.hamcrest.Matchers.containsString("Reactive MySQL")));
    }

    @Test
    void unknownPathsAnswerJson404() {
        given().get("/no/such/path").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
