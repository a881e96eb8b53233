package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.ewallet.it.PackagedService;

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
        try (PackagedService service = PackagedService.start(Map.of("DB_NAME", DATABASE))) {
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
    void aNewReplicaIsNotReadyWhileItRehearsesAndLeavesNoRowBehind() throws Exception {
        String database = DATABASE + "_warm_up";
        try (PackagedService service = PackagedService.launch(Map.of("DB_NAME", database, "WARM_UP", "3s"))) {
            boolean sawRehearsing = false;
            HttpResponse<String> ready = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && service.isAlive()) {
                try {
                    ready = service.management("/q/health/ready");
                } catch (java.io.IOException notListeningYet) {
                    Thread.sleep(50);
                    continue;
                }
                if (ready.statusCode() == 200) {
                    break;
                }
                sawRehearsing |= ready.statusCode() == 503 && ready.body().contains("\"rehearsing\"");
                Thread.sleep(50);
            }
            assertThat(ready).isNotNull();
            assertThat(ready.statusCode()).as(Files.readString(service.log())).isEqualTo(200);
            assertThat(sawRehearsing).as("readiness DOWN while the warm-up ran").isTrue();
            assertThat(ready.body()).contains("\"warm-up\"", "\"state\": \"done\"");
            assertThat(Files.readString(service.log())).contains("movements rehearsed in", " 0 refused, 0 failed;",
                    "nothing was written to the real tables");
            for (String table : new String[] { "users", "accounts", "auth_sessions", "idempotency_keys",
                    "ledger_entries", "bank_transfers", "vtu_purchases" }) {
                long rows = SERVER.query("SELECT COUNT(*) FROM " + database + "." + table).execute().toCompletionStage()
                        .toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getLong(0);
                assertThat(rows).as(table).isZero();
            }
        } finally {
            SERVER.query("DROP DATABASE IF EXISTS " + database).execute().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void openApiEnabledServesTheApiDescriptionOnTheManagementPortOnly() throws Exception {
        try (PackagedService service = PackagedService.start(Map.of("DB_NAME", DATABASE, "OPENAPI_ENABLED", "true"))) {
            HttpResponse<String> doc = service.management("/q/openapi?format=json");
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(doc.body()).contains("\"/api/topup\"");
            assertThat(service.api("/q/openapi").statusCode()).isEqualTo(404);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
