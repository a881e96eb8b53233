package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.ewallet.it.IntegrationKeys;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;

/**
 * The packaged application as production runs it (the prod profile, not the *IT suite's test profile): health and
 * metrics only on the management port, nothing of them on the API port, and the API description off unless
 * {@code OPENAPI_ENABLED=true}.
 */
class ProductionManagementIT {

    private static final String DATABASE = env("DB_TEST_NAME", "ewallet_test") + "_prod_it";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Vertx VERTX = Vertx.vertx();
    private static final Pool SERVER = MySQLBuilder.pool()
            .connectingTo(new MySQLConnectOptions().setHost(env("DB_HOST", "127.0.0.1"))
                    .setPort(Integer.parseInt(env("DB_PORT", "3306"))).setUser(env("DB_USER", "root"))
                    .setPassword(env("DB_PASSWORD", "")))
            .using(VERTX).build();

    @AfterAll
    static void close() throws Exception {
        SERVER.query("DROP DATABASE IF EXISTS " + DATABASE).execute().toCompletionStage().toCompletableFuture().get(10,
                TimeUnit.SECONDS);
        SERVER.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void byDefaultTheApiPortServesNoManagementEndpointAndTheApiDescriptionIsOff() throws Exception {
        try (Service service = Service.start(Map.of())) {
            assertThat(service.management("/q/health/ready").statusCode()).isEqualTo(200);
            assertThat(service.management("/q/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = service.management("/q/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "sql_pool_");
            assertThat(service.management("/q/openapi").statusCode()).isEqualTo(404);
            assertThat(service.management("/q/swagger-ui").statusCode()).isEqualTo(404);
            for (String path : new String[] { "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi",
                    "/q/swagger-ui" }) {
                HttpResponse<String> answer = service.api(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(404);
                assertThat(answer.body()).as(path).contains("\"code\":\"NOT_FOUND\"");
            }
        }
    }

    @Test
    void openApiEnabledServesTheApiDescriptionOnTheManagementPortOnly() throws Exception {
        try (Service service = Service.start(Map.of("OPENAPI_ENABLED", "true"))) {
            HttpResponse<String> doc = service.management("/q/openapi?format=json");
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(doc.body()).contains("\"/api/topup\"");
            assertThat(service.api("/q/openapi").statusCode()).isEqualTo(404);
        }
    }

    /** The jar, started with production's profile on free ports against a database of its own. */
    private record Service(Process process, int apiPort, int managementPort, Path log) implements AutoCloseable {

        static Service start(Map<String, String> settings) throws Exception {
            int api = freePort();
            int management = freePort();
            Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
            assertThat(jar).exists();
            Path log = Files.createTempFile("ewallet-prod-it", ".log");
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                            .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("WALLET_")
                    || name.equals("OPENAPI_ENABLED") || name.equals("SWAGGER_UI_ENABLED"));
            env.putAll(keys());
            env.put("DB_NAME", DATABASE);
            env.put("PORT", Integer.toString(api));
            env.put("MANAGEMENT_PORT", Integer.toString(management));
            env.put("LOG_JSON", "false");
            env.put("SHUTDOWN_DELAY", "0s");
            env.putAll(settings);
            Service service = new Service(builder.start(), api, management, log);
            service.awaitReady();
            return service;
        }

        HttpResponse<String> api(String path) throws Exception {
            return get(apiPort, path);
        }

        HttpResponse<String> management(String path) throws Exception {
            return get(managementPort, path);
        }

        private void awaitReady() throws Exception {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    if (management("/q/health/ready").statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the service did not become ready:\n" + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The key files production insists on, as environment variables. */
    private static Map<String, String> keys() {
        Map<String, String> keys = new HashMap<>();
        new IntegrationKeys().start().forEach(
                (name, file) -> keys.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), file));
        return keys;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
