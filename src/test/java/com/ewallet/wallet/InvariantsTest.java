package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The operators' invariant checker ({@code docker/ops/check-invariants.sql}, the one bench/chaos.sh runs after each
 * fault), run in CI: after concurrent mixed traffic every check must count zero, and it must catch a balance that left
 * its ledger.
 */
@QuarkusTest
class InvariantsTest {

    private static final Path CHECKER = Path.of("docker/ops/check-invariants.sql");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void everyInvariantHoldsAfterConcurrentTopUpsTransfersAirtimeRetriesRefusalsAndSettlements() throws Exception {
        List<TestClient> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestClient user = TestClient.registered();
            user.topUp(1000).then().statusCode(200);
            users.add(user);
        }
        Random random = new Random(42);
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<TestClient> senders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TestClient sender = users.get(random.nextInt(users.size()));
            TestClient payee = users.get((users.indexOf(sender) + 1 + random.nextInt(users.size() - 1)) % users.size());
            senders.add(sender);
            bodies.add(switch (i % 4) {
            case 0 -> Map.of("amount", 1 + random.nextInt(50));
            case 1 -> Map.of("amount", 1 + random.nextInt(400), "code", i % 8 == 1 ? "bni" : "058");
            case 2 -> Map.of("amount", 1 + random.nextInt(400), "account", payee.accountNumber);
            // Airtime: delivered (number ending 1) or refused by the provider (ending 2, money back).
            default -> Map.of("amount", 1 + random.nextInt(300), "provider", "mtn", "mobile",
                    "0803123456" + (1 + random.nextInt(2)));
            });
        }
        // One payer with nothing, so the refusal path is always taken.
        senders.set(0, TestClient.registered());
        bodies.set(0, Map.of("amount", 1, "code", "bri"));
        // Every request twice at once under its key (a client retrying while the first is in flight).
        List<Response> answers = ConcurrentMoneyTest.all(120, i -> {
            Map<String, Object> body = bodies.get(i / 2);
            return senders.get(i / 2).money()
                    .header("Idempotency-Key", "inv-" + (i / 2) + "-" + senders.get(i / 2).email).body(body)
                    .post(body.size() == 1 ? "/api/topup"
                            : body.containsKey("provider") ? "/api/vtu" : "/api/transfer");
        });
        // Successes, and refusals for want of funds; never a server error.
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 400));
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).isNotEmpty();
        assertThat(answers.subList(0, 2)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat((String) r.path("code")).isEqualTo("INSUFFICIENT_FUNDS");
        });
        for (int i = 0; i < answers.size(); i += 2) {
            if (bodies.get(i / 2).containsKey("provider")) {
                // A copy that arrives while the provider is still being asked sees the purchase as it stands then
                // (pending); both name one purchase, and the checker below finds one debit per purchase.
                if (answers.get(i).statusCode() == 200 && answers.get(i + 1).statusCode() == 200) {
                    assertThat((String) answers.get(i + 1).path("reference")).as("both copies of request %d", i / 2)
                            .isEqualTo(answers.get(i).path("reference"));
                }
                continue;
            }
            assertThat(answers.get(i + 1).asString()).as("both copies of request %d", i / 2)
                    .isEqualTo(answers.get(i).asString());
        }

        // Half the bank transfers fail at the bank (money back to the wallet), the rest succeed.
        TestClient admin = TestClient.admin();
        List<String> bank = answers.stream().filter(r -> r.statusCode() == 200)
                .filter(r -> "BANK_TRANSFER".equals(r.path("activity"))).map(r -> (String) r.path("reference"))
                .distinct().toList();
        assertThat(bank).isNotEmpty();
        for (int i = 0; i < bank.size(); i++) {
            admin.authed().contentType(ContentType.JSON).body(Map.of("status", i % 2 == 0 ? "failed" : "success"))
                    .post("/api/admin/bank-transfers/" + bank.get(i) + "/settle").then().statusCode(200);
        }

        Map<String, Long> violations = check(pool);
        assertThat(violations).hasSize(9).allSatisfy((name, count) -> assertThat(count).as(name).isZero());
    }

    @Test
    void theCheckerCatchesABalanceThatLeftItsLedger() {
        TestClient user = TestClient.registered();
        user.topUp(100).then().statusCode(200);
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction tx = connection.begin().await().atMost(WAIT);
            connection.preparedQuery("UPDATE accounts SET balance = balance + 1 WHERE account_number = ?")
                    .execute(Tuple.of(user.accountNumber)).await().atMost(WAIT);
            Map<String, Long> violations = check(connection);
            assertThat(violations.get("accounts whose balance differs from their ledger")).isEqualTo(1);
            assertThat(
                    violations.get("money made or lost (top-ups - bank transfers and airtime not failed - balances)"))
                            .isEqualTo(1);
            tx.rollback().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
        }
        assertThat(user.balance()).isEqualTo(100);
    }

    /** Runs the checker file as operators do; check name → violations. */
    private static Map<String, Long> check(SqlClient client) {
        String sql;
        try {
            sql = Files.readAllLines(CHECKER).stream().filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CHECKER.toAbsolutePath(), e);
        }
        sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        Map<String, Long> violations = new LinkedHashMap<>();
        for (Row row : client.query(sql).execute().await().atMost(WAIT)) {
            violations.put(row.getString(0), ((Number) row.getValue(1)).longValue());
        }
        return violations;
    }
}
