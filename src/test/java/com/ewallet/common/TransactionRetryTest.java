package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Each transaction run has a deadline; the deadlines of runs that ended leave the scheduler's queue at once, so a
 * finished request is not kept in memory until its deadline would have come (15 s in production: at 1,000 transfers/s
 * that held a 48 MB heap full).
 */
class TransactionRetryTest {

    private final TransactionRetry retry = new TransactionRetry(new Deadline(Duration.ofMillis(500)),
            new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        retry.stop();
    }

    @Test
    void aRunPastItsDeadlineIs503AndFinishedRunsLeaveNoDeadlineBehind() {
        Cancellable hanging = retry.run(() -> Uni.createFrom().<Integer> nothing()).subscribe().with(item -> {
        }, failure -> {
        });
        assertThat(retry.pendingDeadlines()).as("the hanging run's deadline").isEqualTo(1);
        hanging.cancel();
        assertThat(retry.pendingDeadlines()).as("cancelled with its run").isZero();

        assertThatThrownBy(
                () -> retry.run(() -> Uni.createFrom().<Integer> nothing()).await().atMost(Duration.ofSeconds(5)))
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

        for (int i = 0; i < 1_000; i++) {
            assertThat(retry.run(() -> Uni.createFrom().item(42)).await().atMost(Duration.ofSeconds(5))).isEqualTo(42);
        }
        assertThat(retry.pendingDeadlines()).as("deadlines of runs that ended").isZero();
    }

    private record Deadline(Duration attemptTimeout) implements RetryConfig {
        @Override
        public int retries() {
            return 0;
        }

        @Override
        public Duration firstBackOff() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration maxBackOff() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(1);
        }
    }
}
