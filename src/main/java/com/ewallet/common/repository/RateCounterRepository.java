package com.ewallet.common.repository;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.RateCounter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class RateCounterRepository implements PanacheRepositoryBase<RateCounter, String> {

    // Assignments run left to right and both read the old window_start: a stale window restarts at 1. HQL has no
    // upsert, so this one statement is native SQL.
    private static final String HIT = "INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?1, ?2, 1)"
            + " ON DUPLICATE KEY UPDATE hits = IF(window_start <= ?3, 1, hits + 1),"
            + " window_start = IF(window_start <= ?3, ?2, window_start)";

    /**
     * Counts one hit in {@code bucket}, atomically: a window that started at or before {@code expired} restarts at
     * {@code now} with this hit. Joins the caller's transaction.
     */
    public Uni<Void> hit(String bucket, LocalDateTime now, LocalDateTime expired) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(HIT).setParameter(1, bucket)
                .setParameter(2, now).setParameter(3, expired).executeUpdate()).replaceWithVoid();
    }

    /** Takes one hit back from a window that started after {@code expired}. */
    public Uni<Integer> release(String bucket, LocalDateTime expired) {
        return update("hits = hits - 1 where bucket = ?1 and hits > 0 and windowStart > ?2", bucket, expired);
    }

    public Uni<Long> purgeBefore(LocalDateTime cutoff) {
        return delete("windowStart < ?1", cutoff);
    }
}
