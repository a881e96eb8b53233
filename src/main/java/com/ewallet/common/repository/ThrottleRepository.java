package com.ewallet.common.repository;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.ewallet.common.Throttle;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ThrottleRepository implements PanacheRepositoryBase<Throttle, String> {

    // Creates the row if it is missing and, either way, takes its exclusive lock until the commit (a duplicate key
    // update locks the existing row; INSERT IGNORE would take only a shared lock, and two shared holders upgrading
    // would deadlock). HQL has no upsert, so this statement is native SQL; it runs on MySQL 8 and MariaDB alike.
    private static final String ENSURE = "INSERT INTO throttles (bucket, failures, last_at, next_at)"
            + " VALUES (?1, 0, ?2, ?2) ON DUPLICATE KEY UPDATE failures = failures";

    /** The row of {@code bucket}, created if missing, locked for the caller's transaction. */
    public Uni<Throttle> lock(String bucket, LocalDateTime now) {
        return Panache
                .getSession().flatMap(session -> session.createNativeQuery(ENSURE).setParameter(1, bucket)
                        .setParameter(2, now).executeUpdate())
                .flatMap(n -> findById(bucket, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The row of {@code bucket} if there is one, locked for the caller's transaction. */
    public Uni<Throttle> lockIfPresent(String bucket) {
        return findById(bucket, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Long> purgeBefore(LocalDateTime cutoff) {
        return delete("lastAt < ?1", cutoff);
    }
}
