package com.ewallet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ewallet.it.IntegrationKeys;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/**
 * The packaged application, started as in production: without its signing keys, or without the app-secret
 * key-encryption key, it refuses to start before it touches the database; with them (the control) the same launch
 * migrates the schema.
 */
class StartWithoutKeysIT {

    private static final String DATABASE = "ewallet_start_keys_it";
    private static final Vertx VERTX = Vertx.vertx();
    private static final Pool SERVER = MySQLBuilder.pool()
            .connectingTo(new MySQLConnectOptions().setHost(env("DB_HOST", "127.0.0.1"))
                    .setPort(Integer.parseInt(env("DB_PORT", "3306"))).setUser(env("DB_USER", "root"))
                    .setPassword(env("DB_PASSWORD", "")))
            .using(VERTX).build();

    @BeforeEach
    void freshDatabase() throws Exception {
        sql("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @AfterAll
    static void close() throws Exception {
        sql("DROP DATABASE IF EXISTS " + DATABASE);
        SERVER.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutSigningKeysTheServiceRefusesToStartAndLeavesTheDatabaseUntouched() throws Exception {
        Map<String, String> keys = keys();
        keys.remove("WALLET_AUTH_PRIVATE_KEY_LOCATION");
        keys.remove("WALLET_AUTH_PUBLIC_KEY_LOCATION");
        refusedWithoutTouchingTheDatabase(keys, "No JWT signing key configured");
    }

    @Test
    void withoutTheAppSecretKeyTheServiceRefusesToStartAndLeavesTheDatabaseUntouched() throws Exception {
        Map<String, String> keys = keys();
        keys.remove("WALLET_DEVELOPER_SECRET_KEK_LOCATION");
        refusedWithoutTouchingTheDatabase(keys, "No key-encryption key for app secrets");
    }

    @Test
    void withEveryKeyTheSameLaunchMigratesTheSchema() throws Exception {
        Process service = launch(keys());
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (tables() == 0 && service.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }
            assertThat(tables()).as("tables created in " + DATABASE).isPositive();
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void refusedWithoutTouchingTheDatabase(Map<String, String> env, String why) throws Exception {
        Process service = launch(env);
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("the service stops by itself").isTrue();
        String output = new String(service.getInputStream().readAllBytes());
        assertThat(service.exitValue()).isNotZero();
        assertThat(output).contains(why);
        assertThat(tables()).as("tables created in " + DATABASE).isZero();
    }

    /** Every key file production needs, as environment variables. */
    private static Map<String, String> keys() {
        Map<String, String> keys = new java.util.HashMap<>();
        new IntegrationKeys().start().forEach((name, file) -> keys
                .put(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), file));
        return keys;
    }

    private static Process launch(Map<String, String> extraEnv) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().keySet()
                .removeIf(name -> name.startsWith("WALLET_AUTH_") || name.startsWith("WALLET_DEVELOPER_"));
        builder.environment().put("DB_NAME", DATABASE);
        builder.environment().put("PORT", "0");
        builder.environment().put("MANAGEMENT_PORT", "0");
        builder.environment().put("LOG_JSON", "false");
        builder.environment().putAll(extraEnv);
        return builder.redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    }

    private static long tables() throws Exception {
        Row row = sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + DATABASE + "'")
                .iterator().next();
        return row.getLong(0);
    }

    private static io.vertx.sqlclient.RowSet<Row> sql(String statement) throws Exception {
        return SERVER.query(statement).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
