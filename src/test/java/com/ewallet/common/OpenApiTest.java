package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import com.ewallet.it.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The published API description covers every route the application serves, errors included. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyServedRouteIsDescribedWithItsErrors() throws Exception {
        JsonPath doc = ManagementPort.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> routes = servedRoutes();
        assertThat(routes).hasSizeGreaterThan(20);
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(paths).as("described paths").containsKey(path);
            assertThat(paths.get(path)).as(route).containsKey(method);
            String errors = "paths.'" + path + "'." + method + ".responses.'400'.content.'application/json'";
            assertThat(doc.getMap(errors)).as(route + " documents its 400 body").containsKeys("schema", "example");
            Map<String, Object> responses = doc.getMap("paths.'" + path + "'." + method + ".responses");
            String success = responses.containsKey("201") ? "201" : "200";
            String body = "paths.'" + path + "'." + method + ".responses.'" + success + "'.content.'application/json'";
            assertThat(doc.getMap(body)).as(route + " documents its success body").containsKey("example");
            assertThat(doc.<Object> get(body + ".example")).as(route + ": the example is JSON, not a string")
                    .isInstanceOfAny(Map.class, List.class);
        }
        assertThat(doc.getMap("paths.'/api/topup'.post")).isNotNull();
        assertThat(doc.getMap("paths.'/users'.post.responses")).as("creation answers 201").containsKey("201")
                .doesNotContainKey("200");
        assertThat(doc.getString("paths.'/api/topup'.post.responses.'200'.content.'application/json'.example.msg"))
                .isEqualTo("transaction success.");
        assertThat(doc.getList("paths.'/api/topup'.post.parameters.name")).contains("access_token_cookie",
                "X-CSRF-TOKEN", "location", "ip-address", "Idempotency-Key");
        assertThat(doc.getList("paths.'/v1/users/accounts'.get.parameters.name")).contains("X-App-Key",
                "X-App-Wallet-Access-Token");
    }

    /** "get /api/balance" and so on, read from the resource classes the build produced. */
    static List<String> servedRoutes() throws IOException, ClassNotFoundException {
        List<String> routes = new ArrayList<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiTest.class.getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null || type.isInterface()) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = verb(m);
                    if (verb != null) {
                        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                        routes.add(
                                verb + " " + (root.value() + (sub == null ? "" : sub.value())).replaceAll("/+", "/"));
                    }
                }
            }
        }
        return routes;
    }

    private static String verb(Method m) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (m.isAnnotationPresent(verb)) {
                return verb.getSimpleName().toLowerCase();
            }
        }
        return null;
    }
}
