package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.ewallet.it.PackagedService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * Two replicas of the packaged service on a 3-node Galera cluster (docker/ops/galera.sh), each reaching the cluster
 * through its own HAProxy listener: replica A writes to node 1, replica B to node 2, each failing over to the next
 * node. Both start at the same moment (one migrates, the other waits). Then concurrent mixed money traffic split over
 * both: a hot payer, top-ups, wallet and bank transfers, refusals, and duplicates (one key and body sent to both
 * replicas at once). Under that load node 1 is killed with SIGKILL and restarted (it rejoins by IST), then replica B is
 * killed. A request that got no answer or a 503 is sent again with the same key to a live replica, as a client would.
 * <p>
 * Afterwards, on every node: every movement answered 200 is in the ledger, the ledger holds exactly one movement per
 * key answered 200 (a retried key never moved money twice), every invariant of check-invariants.sql is 0. And: no fresh
 * key got 409, nothing got 500, every 503 carried Retry-After, replica A served again within 2 s of the cluster
 * dropping its node, and a balance or history read through one replica right after a top-up through the other saw it.
 */
class GaleraClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private static final Path GALERA = Path.of("docker/ops/galera.sh");
    /** The cluster's directory and ports, shared with .ci/run. */
    private static final Map<String, String> CLUSTER = clusterSettings();
    private static final int SQL_PORT = Integer.parseInt(CLUSTER.get("GALERA_SQL_PORT"));
    private static final int PROXY_PORT = Integer.parseInt(CLUSTER.get("GALERA_PROXY_PORT"));
    private static final String DATABASE = "ewallet_cluster_it";
    private static final int CLIENTS = 10;
    private static final int USERS = 8;
    private static final Duration TRAFFIC = Duration.ofSeconds(45);
    private static final Vertx VERTX = Vertx.vertx();
    /**
     * How long a client waits for an answer. Requests in flight through HAProxy at the instant a node is killed were
     * seen to take about 30 s before their (correct) answer; see docs/operations.md, "Failover".
     */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SLOW = Duration.ofSeconds(10);

    private static boolean startedHere;
    private static PackagedService replicaA;
    private static PackagedService replicaB;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Idempotency-Key -> reference of every movement finally answered 200. */
    private final Map<String, String> movements = new ConcurrentHashMap<>();
    private final List<long[]> answersOfA = new CopyOnWriteArrayList<>();
    private final List<PackagedService> live = new CopyOnWriteArrayList<>();
    private final AtomicInteger readChecks = new AtomicInteger();
    private final AtomicInteger staleReads = new AtomicInteger();
    private final AtomicLong nodeDroppedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger slowAnswers = new AtomicInteger();

    @BeforeAll
    static void cluster() throws Exception {
        startedHere = !galera(false, "status").contains("all 3 nodes Synced");
        System.out.println(galera(true, "start"));
        System.out.println(galera(true, "proxy"));
        sql(1, "", "DROP DATABASE IF EXISTS " + DATABASE);
        Map<String, String> settings = Map.of("DB_NAME", DATABASE, "WALLET_AUTH_COOKIE_SECURE", "false",
                "WALLET_USERS_REGISTRATIONS_PER_ADDRESS", "1000000",
                "QUARKUS_LOG_CATEGORY__IO_QUARKUS_HTTP_ACCESS_LOG__LEVEL", "WARN",
                // Every movement's key, reference and outcome, in the replicas' logs (printed at the end).
                "QUARKUS_LOG_CATEGORY__COM_EWALLET_WALLET_SERVICE__LEVEL", "DEBUG");
        Map<String, String> onA = new HashMap<>(settings);
        onA.put("DB_PORT", Integer.toString(PROXY_PORT));
        Map<String, String> onB = new HashMap<>(settings);
        onB.put("DB_PORT", Integer.toString(PROXY_PORT + 1));
        // At the same moment, on different nodes: exactly one migrates, the other waits for it and validates.
        replicaA = PackagedService.launch(onA);
        replicaB = PackagedService.launch(onB);
        replicaA.awaitReady(Duration.ofSeconds(120));
        replicaB.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedService replica : new PackagedService[] { replicaA, replicaB }) {
            if (replica != null) {
                replica.close();
            }
        }
        VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (startedHere) {
            galera(false, "destroy");
        }
    }

    @Test
    void moneyStaysRightThroughANodeKillAndAReplicaKill() throws Exception {
        live.addAll(List.of(replicaA, replicaB));
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(User.register(replicaA, "user " + i));
        }
        User hot = users.get(0);
        User poor = User.register(replicaB, "poor");
        User reader = User.register(replicaB, "reader");
        for (User user : users) {
            Answer topUp = perform("setup top-up", user, "/api/topup",
                    Map.of("amount", user == hot ? 50_000_000 : 100_000));
            assertThat(topUp.status).as("setup top-up: %s", topUp.body).isEqualTo(200);
        }

        long start = System.nanoTime();
        long deadline = start + TRAFFIC.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    one(users, hot, poor);
                }
                return null;
            }));
        }
        clients.add(pool.submit(() -> {
            while (System.nanoTime() < deadline) {
                readYourWrites(reader);
            }
            return null;
        }));

        Thread.sleep(10_000);
        long killedAt = System.nanoTime();
        System.out.println(galera(true, "kill", "1"));
        awaitDropped(2);
        long dropped = nodeDroppedAt.get();
        System.out.printf("node 1 dropped by the cluster %d ms after the kill%n", (dropped - killedAt) / 1_000_000);
        Thread.sleep(2_000);
        String restart = galera(true, "restart", "1");
        System.out.println(restart);
        assertThat(restart).as("node 1 rejoins by incremental state transfer").contains("rejoined by IST");
        Thread.sleep(3_000);
        live.remove(replicaB);
        replicaB.kill();
        System.out.printf("replica B killed %d s into the traffic%n", (System.nanoTime() - start) / 1_000_000_000);

        for (Future<?> client : clients) {
            client.get(TRAFFIC.toSeconds() + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        report(start);

        assertThat(problems).as("answers that break the contract").isEmpty();
        assertFailover(dropped);
        assertThat(readChecks.get()).as("reads after writes checked").isGreaterThan(50);
        assertThat(staleReads.get()).as("reads through one replica that missed a write made through the other")
                .isZero();
        for (int node = 1; node <= 3; node++) {
            assertBooks(node);
        }
    }

    // ---- traffic ----------------------------------------------------------------------------------------------

    private void one(List<User> users, User hot, User poor) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double roll = random.nextDouble();
        if (roll < 0.30) {
            User payee = users.get(1 + random.nextInt(users.size() - 1));
            perform("hot payer", hot, "/api/transfer",
                    Map.of("amount", 1 + random.nextInt(50), "account", payee.account));
        } else if (roll < 0.50) {
            perform("top-up", users.get(random.nextInt(users.size())), "/api/topup",
                    Map.of("amount", 1 + random.nextInt(1000)));
        } else if (roll < 0.70) {
            User payer = users.get(random.nextInt(users.size()));
            User payee = users.get(random.nextInt(users.size()));
            if (payer != payee) {
                perform("wallet transfer", payer, "/api/transfer",
                        Map.of("amount", 1 + random.nextInt(200), "account", payee.account));
            }
        } else if (roll < 0.80) {
            perform("bank transfer", users.get(random.nextInt(users.size())), "/api/transfer",
                    Map.of("amount", 1 + random.nextInt(100), "code", "bni"));
        } else if (roll < 0.88) {
            Answer refused = perform("refusal", poor, "/api/transfer",
                    Map.of("amount", 1_000 + random.nextInt(1000), "account", hot.account));
            if (refused.status != 400) {
                problems.add("a transfer beyond the balance got " + refused.status + " " + refused.body);
            }
        } else {
            duplicate(hot, users.get(1 + random.nextInt(users.size() - 1)));
        }
    }

    /**
     * One movement, with one key, sent again with the same key and body to a live replica while it gets no answer or
     * 503 (a client's retry), until it has a definitive answer.
     */
    private Answer perform(String kind, User user, String path, Map<String, ?> body) throws Exception {
        return perform(kind, user, path, body, UUID.randomUUID().toString(), pick());
    }

    private Answer perform(String kind, User user, String path, Map<String, ?> body, String key, PackagedService first)
            throws Exception {
        return perform(kind, user, path, body, key, first, false);
    }

    private Answer perform(String kind, User user, String path, Map<String, ?> body, String key, PackagedService first,
            boolean retried) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        PackagedService replica = first;
        for (boolean retry = retried;; retry = true) {
            Answer answer = user.money(replica, path, body, key);
            record(kind, answer, replica, retry);
            // A retry may find the key's first run still in flight (409): the client tries again later.
            if (answer.status != 0 && answer.status != 503 && !(retry && answer.status == 409)) {
                if (answer.status == 200) {
                    String reference = answer.body.path("reference").asText();
                    String before = movements.putIfAbsent(key, reference);
                    if (before != null && !before.equals(reference)) {
                        problems.add(kind + ": one key, two references " + before + " and " + reference);
                    }
                }
                return answer;
            }
            if (System.nanoTime() > giveUp) {
                problems.add(kind + ": no definitive answer in 120 s, last " + answer.status);
                return answer;
            }
            Thread.sleep(answer.status == 0 ? 50 : 200);
            replica = pick();
        }
    }

    /**
     * One key and body to both replicas at the same moment: one fresh answer, the other its replay. One that got no
     * answer or 503 (its node or replica died) is sent again, and must then replay the other's movement (or, when both
     * were unknown, both may replay the one that committed).
     */
    /** The pair's first answers (via A, via B) and final ones, for a failure message. */
    private static String describe(Answer viaA, Answer viaB, Answer one, Answer other) {
        return "first via A " + brief(viaA) + ", first via B " + brief(viaB) + "; final " + brief(one) + " / "
                + brief(other);
    }

    /** What nodes 2 and 3 hold of a key and of two references (values made by this test and the service: hex, UUID). */
    private static String recorded(String key, String reference, String otherReference) {
        StringBuilder found = new StringBuilder();
        for (int node = 2; node <= 3; node++) {
            try {
                found.append("node ").append(node).append(": key");
                for (Row row : sql(node, DATABASE,
                        "SELECT reference FROM idempotency_keys WHERE idem_key = '" + key + "'")) {
                    found.append(' ').append(row.getString(0));
                }
                found.append(", ledger rows");
                for (Row row : sql(node, DATABASE,
                        "SELECT reference, COUNT(*) FROM ledger_entries WHERE reference IN ('" + reference + "', '"
                                + otherReference + "') GROUP BY reference")) {
                    found.append(' ').append(row.getString(0)).append('x').append(row.getLong(1));
                }
                found.append("; ");
            } catch (Exception e) {
                found.append(" unreadable (").append(e.getMessage()).append("); ");
            }
        }
        return found.toString();
    }

    private static String brief(Answer answer) {
        return answer.status + (answer.replayed ? " replayed " : " fresh ") + answer.body;
    }

    private void duplicate(User payer, User payee) throws Exception {
        if (live.size() < 2) {
            return;
        }
        Map<String, ?> body = Map.of("amount", 1 + ThreadLocalRandom.current().nextInt(50), "account", payee.account);
        String key = UUID.randomUUID().toString();
        Future<Answer> viaA = CompletableFuture.supplyAsync(() -> payer.money(replicaA, "/api/transfer", body, key));
        Answer viaB = payer.money(replicaB, "/api/transfer", body, key);
        Answer first = viaA.get(90, TimeUnit.SECONDS);
        record("duplicate pair", first, replicaA, false);
        record("duplicate pair", viaB, replicaB, false);
        List<Answer> answers = new ArrayList<>();
        for (Answer answer : List.of(first, viaB)) {
            answers.add(answer.status == 0 || answer.status == 503
                    ? perform("duplicate pair", payer, "/api/transfer", body, key, pick(), true) : answer);
        }
        Answer one = answers.get(0);
        Answer other = answers.get(1);
        if (one.status != 200 || other.status != 200) {
            problems.add("duplicate pair: " + one.status + " " + one.body + " / " + other.status + " " + other.body);
            return;
        }
        if (!one.body.path("reference").equals(other.body.path("reference"))) {
            problems.add("duplicate pair moved money twice under key " + key + ": " + describe(first, viaB, one, other)
                    + "; " + recorded(key, one.body.path("reference").asText(), other.body.path("reference").asText()));
        }
        // A first answer unknown (503 or none): its movement may have committed after all, and then its resend replays
        // it, as the other request does if it came after (seen: B's commit answered 503, A replayed it, B's resend
        // too). Two replays are right only then; two fresh answers never are.
        boolean resent = first.status == 0 || first.status == 503 || viaB.status == 0 || viaB.status == 503;
        if (one.replayed() == other.replayed() && !(resent && one.replayed())) {
            problems.add("duplicate pair under key " + key + ": not one fresh answer and one replay: "
                    + describe(first, viaB, one, other));
        }
        movements.putIfAbsent(key, one.body.path("reference").asText());
    }

    /** A top-up through one replica, then the balance and the newest history entry through the other. */
    private void readYourWrites(User reader) throws Exception {
        PackagedService writer = pick();
        PackagedService other = live.size() > 1 ? (writer == replicaA ? replicaB : replicaA) : writer;
        Answer topUp = perform("reader top-up", reader, "/api/topup",
                Map.of("amount", 1 + ThreadLocalRandom.current().nextInt(9)), UUID.randomUUID().toString(), writer);
        if (topUp.status != 200) {
            return;
        }
        Answer balance = reader.get(other, "/api/balance");
        Answer history = reader.get(other, "/api/transactions?limit=1");
        if (balance.status != 200 || history.status != 200) {
            return;
        }
        readChecks.incrementAndGet();
        boolean balanceSeen = balance.body.path("balance").asLong() == topUp.body.path("balance").asLong();
        boolean historySeen = history.body.path("data").path(0).path("reference").asText()
                .equals(topUp.body.path("reference").asText());
        if (!balanceSeen || !historySeen) {
            staleReads.incrementAndGet();
            problems.add("stale read after a top-up through " + (writer == other ? "the same" : "the other")
                    + " replica: " + topUp.body + " then " + balance.body);
        }
    }

    private PackagedService pick() {
        List<PackagedService> replicas = List.copyOf(live);
        return replicas.get(ThreadLocalRandom.current().nextInt(replicas.size()));
    }

    private void record(String kind, Answer answer, PackagedService replica, boolean retry) {
        String how = (retry ? "retry, " : "") + (answer.replayed() ? "replayed" : "fresh");
        counts.computeIfAbsent(kind + " " + answer.status + " " + how, k -> new AtomicInteger()).incrementAndGet();
        if (replica == replicaA) {
            answersOfA.add(new long[] { answer.sentAt, answer.status });
        }
        if (answer.took > SLOW.toNanos()) {
            slowAnswers.incrementAndGet();
        }
        if (answer.status == 500) {
            problems.add(kind + ": 500 " + answer.body);
        }
        if (answer.status == 409 && !retry) {
            problems.add(kind + ": 409 for a fresh key " + answer.body);
        }
        if (answer.status == 503 && answer.retryAfter == null) {
            problems.add(kind + ": 503 without Retry-After");
        }
        if (answer.status == 0 && replica == replicaA) {
            problems.add(kind + ": replica A, which was never stopped, gave no answer: " + answer.body);
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    /** Replica A's node died: from 2 s after the cluster dropped it, every answer of A is definitive. */
    private void assertFailover(long dropped) {
        long lastUnavailable = Long.MIN_VALUE;
        long unavailable = 0;
        for (long[] answer : answersOfA) {
            if (answer[1] == 503 || answer[1] == 0) {
                unavailable++;
                lastUnavailable = Math.max(lastUnavailable, answer[0]);
            }
        }
        System.out.printf("replica A: %d answers, %d of them 503; the last 503 was sent %s ms after the drop%n",
                answersOfA.size(), unavailable,
                unavailable == 0 ? "-" : Long.toString((lastUnavailable - dropped) / 1_000_000));
        assertThat(lastUnavailable).as("replica A answers 503 more than 2 s after the cluster dropped its node")
                .isLessThan(dropped + Duration.ofSeconds(2).toNanos());
    }

    private void assertBooks(int node) throws Exception {
        Set<String> ledger = new HashSet<>();
        for (Row row : sql(node, DATABASE, "SELECT DISTINCT reference FROM ledger_entries")) {
            ledger.add(row.getString(0));
        }
        Set<String> answered = new HashSet<>(movements.values());
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(ledger);
        assertThat(missing).as("node %d: movements answered 200 but not in the ledger", node).isEmpty();
        assertThat(ledger).as("node %d: the ledger holds one movement per key answered 200, no more", node)
                .hasSameSizeAs(answered);
        String invariants = Files.readString(Path.of("docker/ops/check-invariants.sql"));
        Map<String, Long> violations = new TreeMap<>();
        for (Row row : sql(node, DATABASE, invariants)) {
            violations.put(row.getString(0), row.getLong(1));
        }
        assertThat(violations).as("node %d: invariants", node).isNotEmpty()
                .allSatisfy((check, count) -> assertThat(count).as("node %d: %s", node, check).isZero());
        // The two replicas started together on two nodes: every migration ran once, and none failed.
        Row history = sql(node, DATABASE, "SELECT COUNT(*), COUNT(DISTINCT version), COALESCE(SUM(success = 0), 0)"
                + " FROM flyway_schema_history WHERE version IS NOT NULL").iterator().next();
        assertThat(history.getLong(0)).as("node %d: migrations recorded once each", node).isPositive()
                .isEqualTo(history.getLong(1));
        assertThat(history.getLong(2)).as("node %d: failed migrations", node).isZero();
    }

    private void awaitDropped(int survivor) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < giveUp) {
            RowSet<Row> size = sql(survivor, "", "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'");
            if (size.iterator().next().getString(1).equals("2")) {
                nodeDroppedAt.set(System.nanoTime());
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the cluster did not drop the killed node in 40 s");
    }

    private void report(long start) {
        System.out.printf("%d answers in %d s (%d took over %d s); reads after writes checked: %d, stale: %d%n",
                counts.values().stream().mapToInt(AtomicInteger::get).sum(),
                (System.nanoTime() - start) / 1_000_000_000, slowAnswers.get(), SLOW.toSeconds(), readChecks.get(),
                staleReads.get());
        new TreeMap<>(counts).forEach((kind, n) -> System.out.printf("  %-40s %d%n", kind, n.get()));
        problems.stream().limit(10).forEach(problem -> System.out.println("  problem: " + problem));
        System.out.printf("replica logs: A %s, B %s%n", replicaA.log(), replicaB.log());
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private static String galera(boolean mustPass, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(GALERA.toString());
        Collections.addAll(command, args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(CLUSTER);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("galera.sh " + String.join(" ", args) + " did not finish:\n" + output);
        }
        if (mustPass && process.exitValue() != 0) {
            throw new AssertionError("galera.sh " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }

    private static Map<String, String> clusterSettings() {
        Map<String, String> settings = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("docker/ops/cluster-it.env"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] pair = line.split("=", 2);
                    settings.put(pair[0].trim(), pair[1].trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docker/ops/cluster-it.env", e);
        }
        return Map.copyOf(settings);
    }

    /** One statement on node N, straight to its SQL port, in the given database ("" for none). */
    private static RowSet<Row> sql(int node, String database, String statement) throws Exception {
        Pool pool = MySQLBuilder.pool().connectingTo(new MySQLConnectOptions().setHost("127.0.0.1")
                .setPort(SQL_PORT + node - 1).setUser("root").setPassword("").setDatabase(database)).using(VERTX)
                .build();
        try {
            return pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            pool.close();
        }
    }

    /** An HTTP answer: status 0 when none came (connection refused or closed, or no answer in 30 s). */
    private record Answer(int status, JsonNode body, String retryAfter, boolean replayed, long sentAt, long took) {
    }

    /** A registered, logged-in user of the cookie API. */
    private record User(String account, String cookie, String csrf) {

        static User register(PackagedService replica, String name) throws Exception {
            String email = "cluster-" + UUID.randomUUID() + "@example.com";
            String mobile = "6281" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L));
            HttpResponse<String> created = post(replica, "/users",
                    Map.of("email", email, "password", "correct-horse-42", "name", name, "mobile", mobile), Map.of());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String account = JSON.readTree(created.body()).path("accountNumber").asText();
            HttpResponse<String> login = post(replica, "/token/auth",
                    Map.of("email", email, "password", "correct-horse-42"), Map.of());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            Map<String, String> cookies = new HashMap<>();
            for (String header : login.headers().allValues("Set-Cookie")) {
                String[] pair = header.split(";", 2)[0].split("=", 2);
                cookies.put(pair[0], pair[1]);
            }
            return new User(account, "access_token_cookie=" + cookies.get("access_token_cookie"),
                    cookies.get("csrf_access_token"));
        }

        Answer money(PackagedService replica, String path, Map<String, ?> body, String key) {
            return answer(() -> post(replica, path, body, Map.of("Cookie", cookie, "X-CSRF-TOKEN", csrf,
                    "Idempotency-Key", key, "location", "cluster-it", "ip-address", "10.0.0.1")));
        }

        Answer get(PackagedService replica, String path) {
            return answer(
                    () -> HTTP.send(HttpRequest.newBuilder(URI.create(replica.baseUri() + path)).timeout(ANSWER_TIMEOUT)
                            .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        private static Answer answer(Callable<HttpResponse<String>> call) {
            long sentAt = System.nanoTime();
            try {
                HttpResponse<String> response = call.call();
                JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
                return new Answer(response.statusCode(), body,
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true"), sentAt,
                        System.nanoTime() - sentAt);
            } catch (IOException e) {
                return new Answer(0, JSON.getNodeFactory().textNode(e.toString()), null, false, sentAt,
                        System.nanoTime() - sentAt);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static HttpResponse<String> post(PackagedService replica, String path, Map<String, ?> body,
                Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.baseUri() + path))
                    .timeout(ANSWER_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
