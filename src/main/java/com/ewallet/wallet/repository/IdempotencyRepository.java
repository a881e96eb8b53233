package com.ewallet.wallet.repository;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.IdempotencyRecord;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, IdempotencyRecord.Key> {

    /** Inserts the key as in flight; 1 when this call claimed it, 0 when the key already existed. */
    public Uni<Integer> insertClaim(long userId, String key, String requestHash, String claim, LocalDateTime now,
            LocalDateTime lockedUntil) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT IGNORE INTO idempotency_keys (user_id, idem_key, request_hash, state, claim, locked_until, created_at)"
                        + " VALUES (?1, ?2, ?3, 'IN_FLIGHT', ?4, ?5, ?6)")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, requestHash).setParameter(4, claim)
                .setParameter(5, lockedUntil).setParameter(6, now).executeUpdate());
    }

    public Uni<IdempotencyRecord> find(long userId, String key) {
        return findById(new IdempotencyRecord.Key(userId, key));
    }

    /** Takes over a key whose owner stopped (crashed) before completing it. */
    public Uni<Integer> takeOver(long userId, String key, String oldClaim, String newClaim, LocalDateTime now,
            LocalDateTime lockedUntil) {
        return update(
                "claim = ?1, lockedUntil = ?2 where userId = ?3 and idemKey = ?4 and claim = ?5"
                        + " and state = 'IN_FLIGHT' and lockedUntil < ?6",
                newClaim, lockedUntil, userId, key, oldClaim, now);
    }

    /** Records the answer; 0 when the claim was lost meanwhile (then the caller must roll back). */
    public Uni<Integer> complete(long userId, String key, String claim, int status, String body) {
        return update("state = 'DONE', responseStatus = ?1, responseBody = ?2 where userId = ?3 and idemKey = ?4"
                + " and claim = ?5 and state = 'IN_FLIGHT'", status, body, userId, key, claim);
    }

    public Uni<Long> release(long userId, String key, String claim) {
        return delete("userId = ?1 and idemKey = ?2 and claim = ?3 and state = 'IN_FLIGHT'", userId, key, claim);
    }

    public Uni<Long> purgeBefore(LocalDateTime cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
