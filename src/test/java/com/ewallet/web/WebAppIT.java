package com.ewallet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.ewallet.it.PackagedService;

/**
 * The web app in a real browser: the Playwright scripts of {@code src/test/web/e2e}, each file one test, run with Node
 * in headless Chromium (Debian's {@code chromium}; {@code CHROMIUM_PATH} names another) against the packaged service in
 * the prod profile on its own database. The access token lives {@value #ACCESS_TTL_SECONDS} seconds in this run, so
 * that a test can wait until it expires; the first admin is made with a throwaway bootstrap secret. A failing script
 * leaves a screenshot per page under {@code target/web-e2e/}.
 */
class WebAppIT {

    static final int ACCESS_TTL_SECONDS = 5;
    private static final Path WEB = Path.of("src", "test", "web");
    private static final Path OUT = Path.of("target", "web-e2e").toAbsolutePath();
    private static final String DATABASE = env("DB_TEST_NAME", "ewallet_test") + "_web_it";
    private static final String CHROMIUM = env("CHROMIUM_PATH", "/usr/bin/chromium");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private static PackagedService service;
    private static String bootstrapSecret;

    @BeforeAll
    static void start() throws Exception {
        requireNode();
        assertThat(Path.of(CHROMIUM))
                .as("Chromium for the browser tests: apt-get install chromium (or set CHROMIUM_PATH)").isExecutable();
        installPackages();
        Files.createDirectories(OUT);
        try (Stream<Path> old = Files.list(OUT)) {
            for (Path screenshot : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                Files.delete(screenshot); // only this run's failures are shown
            }
        }
        dropDatabase();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        bootstrapSecret = Base64.getEncoder().encodeToString(random);
        Path secretFile = OUT.resolve("admin-bootstrap.secret");
        Files.deleteIfExists(secretFile);
        Files.createFile(secretFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, bootstrapSecret + "\n");
        // Registrations from one address are limited to 20 an hour in prod; these scripts register about as many
        // people, all from the loopback address.
        service = PackagedService.start(Map.of("DB_NAME", DATABASE, "WALLET_AUTH_ACCESS_TOKEN_TTL",
                "PT" + ACCESS_TTL_SECONDS + "S", "WALLET_ADMIN_BOOTSTRAP_SECRET_LOCATION", secretFile.toString(),
                "WALLET_USERS_REGISTRATIONS_PER_ADDRESS", "1000"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        dropDatabase();
    }

    @TestFactory
    Stream<DynamicTest> everyScriptPassesInHeadlessChromium() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(WEB.resolve("e2e"))) {
            scripts = files.filter(f -> f.getFileName().toString().endsWith(".test.js")).sorted().toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
        return scripts.stream()
                .map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> run(script)));
    }

    private static void run(Path script) throws Exception {
        String name = script.getFileName().toString().replace(".test.js", "");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
                "--test-reporter-destination=stdout", "--test-reporter=junit",
                "--test-reporter-destination=" + OUT.resolve(name + ".junit.xml"), "e2e/" + script.getFileName())
                        .directory(WEB.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BASE_URL", service.baseUri());
        env.put("ADMIN_BOOTSTRAP_SECRET", bootstrapSecret);
        env.put("ACCESS_TOKEN_TTL_SECONDS", Integer.toString(ACCESS_TTL_SECONDS));
        env.put("SCREENSHOT_DIR", OUT.toString());
        env.put("CHROMIUM_PATH", CHROMIUM);
        Process node = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> copy(node, output), "node-output");
        reader.start();
        boolean ended = node.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        assertThat(ended).as("%s ended within %s:%n%s", script, SCRIPT_TIMEOUT, output).isTrue();
        assertThat(node.exitValue()).as("%s in Chromium (screenshots of failures in %s, the service's log in %s):%n%s",
                script, OUT, service.log(), output).isZero();
    }

    private static void copy(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                System.out.println(line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e.getMessage()).append(")\n");
        }
    }

    /** Node 20 or later: its test runner runs the scripts, its fetch and ES modules run them. */
    private static void requireNode() throws Exception {
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            node.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException notFound) {
            throw new AssertionError("node is not on the PATH: the browser tests need Node 20 or later", notFound);
        }
        assertThat(version).as("Node version").matches("v(2\\d|[3-9]\\d)\\..*");
    }

    /** npm ci when node_modules does not hold what package-lock.json names (a fresh clone, or a changed lock). */
    private static void installPackages() throws Exception {
        Path lock = WEB.resolve("package-lock.json");
        Path installed = WEB.resolve("node_modules/.package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                .directory(WEB.toFile()).inheritIO().start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci ended").isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s", WEB).isZero();
    }

    private static void dropDatabase() throws Exception {
        String url = "jdbc:mariadb://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "3306") + "/";
        try (Connection connection = DriverManager.getConnection(url, env("DB_USER", "root"), env("DB_PASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
