package com.ewallet.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/** Many requests at once against the real database: no double-spend, no deadlock, no lost money. */
@QuarkusTest
class ConcurrentMoneyTest {

    @Inject
    Pool pool;

    @Test
    void fiftyConcurrentTransfersOfOneHundredFromOneThousandSucceedExactlyTenTimes() throws Exception {
        TestClient payer = TestClient.registered();
        payer.topUp(1000).then().statusCode(200);

        List<Integer> statuses = all(50, i -> payer.toBank(100, "bri").statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(40);
        assertThat(payer.balance()).isZero();
        assertThat(payer.historySize()).isEqualTo(11);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
    }

    @Test
    void randomWalletTransfersInBothDirectionsNeverLoseOrCreateMoney() throws Exception {
        List<TestClient> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestClient user = TestClient.registered();
            user.topUp(1000).then().statusCode(200);
            users.add(user);
        }
        Random random = new Random(42);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int from = random.nextInt(5);
            int to = (from + 1 + random.nextInt(4)) % 5;
            pairs.add(new int[] { from, to, 1 + random.nextInt(400) });
        }

        List<Integer> statuses = all(100, i -> {
            int[] p = pairs.get(i);
            return users.get(p[0]).toWallet(p[2], users.get(p[1]).accountNumber).statusCode();
        });

        assertThat(statuses).allMatch(s -> s == 200 || s == 400);
        assertThat(statuses).filteredOn(s -> s == 200).isNotEmpty();
        long total = users.stream().mapToLong(TestClient::balance).sum();
        assertThat(total).isEqualTo(5000);
        assertThat(users).allSatisfy(u -> assertThat(u.balance()).isNotNegative());
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
        assertThat(LedgerCheck.unexplainedMoney(pool)).isZero();
    }

    @Test
    void theSameIdempotencyKeySentTenTimesAtOnceMovesMoneyOnce() throws Exception {
        TestClient user = TestClient.registered();
        user.topUp(1000).then().statusCode(200);
        String key = UUID.randomUUID().toString();

        List<Response> responses = all(10, i -> user.money().header("Idempotency-Key", key)
                .body(Map.of("amount", 300, "code", "bni")).post("/api/transfer"));

        // The duplicates wait for the first one's locks, then replay its answer: one fresh 200, nine replays of it.
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.stream().map(r -> (String) r.path("reference")).distinct()).hasSize(1);
        assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(user.balance()).isEqualTo(700);
        assertThat(user.historySize()).isEqualTo(2);
        // Afterwards the key replays the one result.
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 300, "code", "bni")).post("/api/transfer")
                .then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(user.balance()).isEqualTo(700);
    }

    @Test
    void tenConcurrentCopiesOfARefusedRequestAllGetTheRefusalAndMoveNothing() throws Exception {
        TestClient user = TestClient.registered();
        user.topUp(100).then().statusCode(200);
        String key = UUID.randomUUID().toString();

        List<Response> responses = all(10, i -> user.money().header("Idempotency-Key", key)
                .body(Map.of("amount", 300, "code", "bni")).post("/api/transfer"));

        // The first is refused and its refusal committed on the key row; the copies waiting on that row replay it.
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat((String) r.path("code")).isEqualTo("INSUFFICIENT_FUNDS");
        });
        assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        user.money().header("Idempotency-Key", key).body(Map.of("amount", 300, "code", "bni")).post("/api/transfer")
                .then().statusCode(400).header("Idempotent-Replayed", "true");
        assertThat(user.balance()).isEqualTo(100);
        assertThat(user.historySize()).isEqualTo(1);
    }

    static <T> List<T> all(int n, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface IndexedCall<T> {
        T apply(int index) throws Exception;
    }
}
