package com.ewallet.it;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface (health, metrics, API description) in tests. {@code @QuarkusTest} serves it on
 * {@code quarkus.management.test-port} by itself; the packaged application of the *IT suite is started in normal mode,
 * where only {@code quarkus.management.port} counts, so this resource hands it the same port.
 */
public class ManagementPort implements QuarkusTestResourceLifecycleManager {

    /** {@code quarkus.management.test-port} (application.properties, or -D on the Maven command line). */
    public static int value() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9081);
    }

    /** A request to the management interface. */
    public static RequestSpecification given() {
        return RestAssured.given().port(value());
    }

    /** A series' value from {@code /q/metrics} ({@code labels}: a fragment such as {@code kind="topup"}), or 0. */
    public static double metric(String name, String labels) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = labels.isEmpty() ? "(\\{[^}]*\\})?" : "\\{[^}]*" + labels + "[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + series + " ([0-9.eE+-]+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(m.groupCount())) : 0;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.management.port", Integer.toString(value()));
    }

    @Override
    public void stop() {
    }
}
