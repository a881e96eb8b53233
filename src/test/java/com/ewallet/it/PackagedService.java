package com.ewallet.it;

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

/**
 * The packaged jar ({@code target/quarkus-app}), started as production runs it (the prod profile) on free ports, with
 * throwaway key files and the given environment; its output goes to a temporary log file.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Map<String, String> keys;

    private final Process process;
    private final int apiPort;
    private final int managementPort;
    private final Path log;

    private PackagedService(Process process, int apiPort, int managementPort, Path log) {
        this.process = process;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the jar and waits until its readiness is UP. */
    public static PackagedService start(Map<String, String> settings) throws Exception {
        PackagedService service = launch(settings);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    /** Starts the jar without waiting: several can then start at the same moment. */
    public static PackagedService launch(Map<String, String> settings) throws Exception {
        int api = freePort();
        int management = freePort();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).exists();
        Path log = Files.createTempFile("ewallet-packaged", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("WALLET_")
                || name.equals("OPENAPI_ENABLED") || name.equals("SWAGGER_UI_ENABLED"));
        env.putAll(keys());
        env.put("PORT", Integer.toString(api));
        env.put("MANAGEMENT_PORT", Integer.toString(management));
        env.put("LOG_JSON", "false");
        env.put("SHUTDOWN_DELAY", "0s");
        // A short warm-up: every start still rehearses before it is ready, without 30 s a start.
        env.put("WARM_UP", "2s");
        env.putAll(settings);
        return new PackagedService(builder.start(), api, management, log);
    }

    public int apiPort() {
        return apiPort;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + apiPort;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public HttpResponse<String> api(String path) throws Exception {
        return get(apiPort, path);
    }

    public HttpResponse<String> management(String path) throws Exception {
        return get(managementPort, path);
    }

    public void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
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

    /** kill -9: no graceful shutdown, requests in flight get no answer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The key files production insists on, as environment variables: one set for every service this test run starts, so
     * replicas accept each other's tokens.
     */
    private static synchronized Map<String, String> keys() {
        if (keys != null) {
            return keys;
        }
        keys = new HashMap<>();
        new IntegrationKeys().start().forEach(
                (name, file) -> keys.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), file));
        return Map.copyOf(keys);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
