package com.ewallet.common;

import java.time.Duration;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.repository.RateCounterRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Fixed-window counters in the database, so that every replica sees the same counts (an in-memory limiter would let a
 * client multiply its allowance by the number of replicas). A window ends by itself: nothing here can lock anyone out
 * for longer than one window.
 */
@ApplicationScoped
public class RateLimiter {

    private final RateCounterRepository counters;

    public RateLimiter(RateCounterRepository counters) {
        this.counters = counters;
    }

    /** The hits counted in the current window and when the window ends. */
    public record Window(int hits, LocalDateTime endsAt) {
        public long secondsLeft() {
            return Math.max(1, Duration.between(Clock.nowUtc(), endsAt).toSeconds() + 1);
        }
    }

    /**
     * Counts one hit in {@code bucket} and returns the window with it: a reservation. The upsert locks the row until
     * the commit and the read runs in the same transaction, so the count returned is the one this hit made, also when
     * many requests hit at once (each sees a different count): decide on it, never on a count read before the hit.
     */
    @WithTransaction
    public Uni<Window> hit(String bucket, Duration window) {
        LocalDateTime now = Clock.nowUtc();
        LocalDateTime expired = now.minus(window);
        return counters.hit(bucket, now, expired).flatMap(v -> read(bucket, window, expired));
    }

    /**
     * Gives back one hit of {@code bucket}'s current window (a reservation that turned out not to count, such as a
     * right password); nothing when the window has ended meanwhile.
     */
    @WithTransaction
    public Uni<Void> release(String bucket, Duration window) {
        return counters.release(bucket, Clock.nowUtc().minus(window)).replaceWithVoid();
    }

    private Uni<Window> read(String bucket, Duration window, LocalDateTime expired) {
        // Each hit has a session of its own, so this reads the row from the database (no cached entity): the version
        // this transaction's upsert wrote, under its lock.
        return counters.findById(bucket).map(counter -> {
            if (counter == null || !counter.windowStart.isAfter(expired)) {
                return new Window(0, Clock.nowUtc());
            }
            return new Window(counter.hits, counter.windowStart.plus(window));
        });
    }

    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purge() {
        return counters.purgeBefore(Clock.nowUtc().minusDays(1)).replaceWithVoid();
    }

    /** A bucket name for a value that may be long or personal: its SHA-256, prefixed by the purpose. */
    public static String bucket(String purpose, String value) {
        return purpose + ":" + Hashes.sha256Hex(value);
    }
}
