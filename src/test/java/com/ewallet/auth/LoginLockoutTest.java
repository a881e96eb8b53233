package com.ewallet.auth;

import static com.ewallet.SmallLimitsProfile.FAILURES_PER_ADDRESS;
import static com.ewallet.SmallLimitsProfile.FREE_FAILURES;
import static com.ewallet.SmallLimitsProfile.MAX_DELAY_SECONDS;
import static com.ewallet.SmallLimitsProfile.newAddress;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.ewallet.SmallLimitsProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Login limits (issue 11, points 3 and 4): attempts are reserved before the password is checked, an account under
 * attack slows down instead of locking its owner out, and an address with many failures is stopped. Every request comes
 * from an address of its own test (X-Forwarded-For), so the limits per address are this class's alone.
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
class LoginLockoutTest {

    private static final String PASSWORD = "correct-horse-42";
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Test
    void thirtyParallelWrongPasswordsForOneAccountGetOnlyTheFreeChecksAndTheRest429() throws Exception {
        String email = registered();
        long started = System.nanoTime();
        List<Response> answers = parallel(30, i -> login(newAddress(), email, "wrong-password-" + i));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        long failed = answers.stream().filter(r -> r.statusCode() == 400).count();
        long slowed = answers.stream().filter(r -> r.statusCode() == 429).count();
        assertThat(failed + slowed).isEqualTo(30);
        // Every delay step lasts 2 s: a burst over several seconds could earn one more check per step, no more.
        assertThat(failed).isBetween((long) FREE_FAILURES, FREE_FAILURES + elapsedMillis / (MAX_DELAY_SECONDS * 1000));
        assertThat(answers).filteredOn(r -> r.statusCode() == 429).allSatisfy(r -> {
            assertThat(r.jsonPath().getString("code")).isEqualTo("LOGIN_LOCKED");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, (long) MAX_DELAY_SECONDS);
        });
    }

    @Test
    void anAttackerWhoKnowsOnlyTheEmailDelaysTheOwnerOnAnotherAddressByAtMostTheCap() throws Exception {
        String email = registered();
        String attacker = newAddress();
        for (int i = 0; i < FREE_FAILURES; i++) {
            login(attacker, email, "guess-" + i).then().statusCode(400).body("msg", equalTo("login failed."));
        }
        Response slowed = login(attacker, email, "guess-more");
        slowed.then().statusCode(429).body("code", equalTo("LOGIN_LOCKED"));
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isBetween(1L, (long) MAX_DELAY_SECONDS);

        // The owner, elsewhere, is told when to come back, and that is within the cap.
        String owner = newAddress();
        long started = System.nanoTime();
        Response first = login(owner, email, PASSWORD);
        if (first.statusCode() == 429) {
            long retryAfter = Long.parseLong(first.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, (long) MAX_DELAY_SECONDS);
            Thread.sleep(retryAfter * 1000);
            login(owner, email, PASSWORD).then().statusCode(200).body("msg", equalTo("login success."));
        } else {
            first.then().statusCode(200);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .isLessThan(MAX_DELAY_SECONDS * 1000L + 1500);
    }

    @Test
    void whileTheDelayRunsEvenTheRightPasswordWaitsAndNothingIsChecked() {
        String email = registered();
        String address = newAddress();
        for (int i = 0; i < FREE_FAILURES; i++) {
            login(address, email, "guess-" + i).then().statusCode(400);
        }
        for (int i = 0; i < 3; i++) {
            login(newAddress(), email, i == 0 ? PASSWORD : "guess-again").then().statusCode(429).body("code",
                    equalTo("LOGIN_LOCKED"));
        }
        // Another account is not slowed down.
        String other = registered();
        login(address, other, PASSWORD).then().statusCode(200);
    }

    @Test
    void rightPasswordsDoNotCountAsFailures() {
        String email = registered();
        String address = newAddress();
        for (int i = 0; i < FREE_FAILURES - 1; i++) {
            login(address, email, "nope-" + i).then().statusCode(400);
        }
        for (int i = 0; i < 3; i++) {
            login(address, email, PASSWORD).then().statusCode(200);
        }
        // The last free failure; the next attempt waits.
        login(address, email, "nope-last").then().statusCode(400);
        login(address, email, PASSWORD).then().statusCode(429).body("code", equalTo("LOGIN_LOCKED"));
    }

    @Test
    void anAddressWithManyFailuresAcrossAccountsGets429UntilItsWindowEnds() {
        String address = newAddress();
        int failures = 0;
        while (failures < FAILURES_PER_ADDRESS) {
            String email = registered();
            for (int i = 0; i < FREE_FAILURES - 1 && failures < FAILURES_PER_ADDRESS; i++, failures++) {
                login(address, email, "spray-" + i).then().statusCode(400);
            }
        }
        String victim = registered();
        Response refused = login(address, victim, PASSWORD);
        refused.then().statusCode(429).body("code", equalTo("LOGIN_ADDRESS_LIMIT"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isGreaterThan(60);
        // The same account from elsewhere is fine: the address was stopped, not the account.
        login(newAddress(), victim, PASSWORD).then().statusCode(200);
    }

    /** A new user, registered from an address of its own; returns the email. */
    private static String registered() {
        String email = "l" + UUID.randomUUID().toString().replace("-", "") + "@example.com";
        String mobile = "628" + String.format("%010d", MOBILES.incrementAndGet() % 10_000_000_000L);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", newAddress())
                .body(Map.of("email", email, "password", PASSWORD, "name", "Login Limits", "mobile", mobile))
                .post("/users").then().statusCode(201);
        return email;
    }

    private static Response login(String address, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password)).post("/token/auth");
    }

    private static List<Response> parallel(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
