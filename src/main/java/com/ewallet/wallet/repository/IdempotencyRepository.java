package com.ewallet.wallet.repository;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.IdempotencyRecord;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Housekeeping only; keys are written and read on the money path by {@link IdempotencyKeyStore}. */
@ApplicationScoped
@WithSession
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyRecord, IdempotencyRecord.Key> {

    public Uni<Long> purgeBefore(LocalDateTime cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
