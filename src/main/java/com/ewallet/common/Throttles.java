package com.ewallet.common;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.repository.ThrottleRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Progressive delays in the database (every replica sees the same): a few failures are free, then each further attempt
 * must wait a delay that doubles up to a cap, and the streak is forgotten after a quiet period. Unlike a lock-out, the
 * wait never exceeds the cap, so whoever is refused can always try again within {@code maxDelay}.
 * <p>
 * An attempt is reserved before it is judged: the reservation counts it as a failure and starts the delay it would
 * earn, under the row lock, so parallel attempts are serialized and only those the counter allows go on. A success
 * releases its reservation.
 */
@ApplicationScoped
public class Throttles {

    private final ThrottleRepository throttles;

    public Throttles(ThrottleRepository throttles) {
        this.throttles = throttles;
    }

    /**
     * How a throttle slows down: {@code freeFailures} without delay, then {@code firstDelay} doubling with each failure
     * up to {@code maxDelay}; a streak without an attempt for {@code quietPeriod} (at least {@code maxDelay}) is
     * forgotten.
     */
    public record Policy(int freeFailures, Duration firstDelay, Duration maxDelay, Duration quietPeriod) {

        /** The wait after the {@code failures}-th failure of a streak. */
        public Duration delayAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            Duration delay = firstDelay.multipliedBy(1L << Math.min(failures - freeFailures, 30));
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** Whether an attempt may go on and, if not, how many seconds until one may. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    /** Reserves one attempt in {@code bucket}: allowed and counted, or refused (and nothing changes) while it waits. */
    @WithTransaction
    public Uni<Decision> reserve(String bucket, Policy policy) {
        return throttles.lock(bucket, now()).map(throttle -> {
            // Read the clock once the row is ours: a request that waited for the lock must not judge by its arrival.
            LocalDateTime now = now();
            if (throttle.nextAt.isAfter(now)) {
                return new Decision(false, secondsUntil(now, throttle.nextAt));
            }
            if (!now.isBefore(throttle.lastAt.plus(policy.quietPeriod()))) {
                throttle.failures = 0;
            }
            throttle.failures++;
            throttle.lastAt = now;
            throttle.nextAt = now.plus(policy.delayAfter(throttle.failures));
            return new Decision(true, 0);
        });
    }

    /**
     * Gives a reservation back (the attempt succeeded, or another limit refused it): one failure less, and the wait as
     * that many failures earn from now, if that is sooner. Whoever else waits never gets an earlier turn than the
     * released attempt left them.
     */
    @WithTransaction
    public Uni<Void> release(String bucket, Policy policy) {
        return throttles.lockIfPresent(bucket).invoke(throttle -> {
            if (throttle == null || throttle.failures == 0) {
                return;
            }
            LocalDateTime now = now();
            throttle.failures--;
            LocalDateTime next = now.plus(policy.delayAfter(throttle.failures));
            if (next.isBefore(throttle.nextAt)) {
                throttle.nextAt = next;
            }
        }).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "4m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purge() {
        return throttles.purgeBefore(Clock.nowUtc().minusDays(1)).replaceWithVoid();
    }

    private static LocalDateTime now() {
        // The columns keep microseconds: compare what is stored with what was stored.
        return Clock.nowUtc().truncatedTo(ChronoUnit.MICROS);
    }

    private static long secondsUntil(LocalDateTime now, LocalDateTime then) {
        return Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1000);
    }
}
