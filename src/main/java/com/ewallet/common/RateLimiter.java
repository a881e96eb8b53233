package com.ewallet.common;

import java.time.Duration;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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

    /** The hits counted in the current window and when the window ends. */
    public record Window(int hits, LocalDateTime endsAt) {
        public long secondsLeft() {
            return Math.max(1, Duration.between(Clock.nowUtc(), endsAt).toSeconds() + 1);
        }
    }

    /** Counts one hit in {@code bucket} and returns the window with it. */
    @WithTransaction
    public Uni<Window> hit(String bucket, Duration window) {
        LocalDateTime now = Clock.nowUtc();
        LocalDateTime expired = now.minus(window);
        // Assignments run left to right and both read the old window_start: a stale window restarts at 1.
        return Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?1, ?2, 1)"
                                + " ON DUPLICATE KEY UPDATE hits = IF(window_start <= ?3, 1, hits + 1),"
                                + " window_start = IF(window_start <= ?3, ?2, window_start)")
                        .setParameter(1, bucket).setParameter(2, now).setParameter(3, expired).executeUpdate())
                .flatMap(n -> read(bucket, window, expired));
    }

    /** The current window of {@code bucket} without counting a hit (zero hits when there is none). */
    @WithSession
    public Uni<Window> peek(String bucket, Duration window) {
        return read(bucket, window, Clock.nowUtc().minus(window));
    }

    @WithTransaction
    public Uni<Void> reset(String bucket) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("DELETE FROM rate_counters WHERE bucket = ?1")
                        .setParameter(1, bucket).executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Window> read(String bucket, Duration window, LocalDateTime expired) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT hits, window_start FROM rate_counters WHERE bucket = ?1", Object[].class)
                .setParameter(1, bucket).getResultList()).map(rows -> {
                    if (rows.isEmpty()) {
                        return new Window(0, Clock.nowUtc());
                    }
                    Object[] row = rows.get(0);
                    LocalDateTime start = (LocalDateTime) row[1];
                    if (!start.isAfter(expired)) {
                        return new Window(0, Clock.nowUtc());
                    }
                    return new Window(((Number) row[0]).intValue(), start.plus(window));
                });
    }

    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purge() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("DELETE FROM rate_counters WHERE window_start < ?1")
                        .setParameter(1, Clock.nowUtc().minusDays(1)).executeUpdate())
                .replaceWithVoid();
    }

    /** A bucket name for a value that may be long or personal: its SHA-256, prefixed by the purpose. */
    public static String bucket(String purpose, String value) {
        return purpose + ":" + Hashes.sha256Hex(value);
    }
}
