package com.ewallet.auth.repository;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.ewallet.auth.AuthSession;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AuthSessionRepository implements PanacheRepositoryBase<AuthSession, String> {

    public Uni<AuthSession> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Sessions that can no longer be used, older than the cut-off. */
    public Uni<Long> purgeBefore(LocalDateTime cutoff) {
        return delete("expiresAt < ?1 or revokedAt < ?1", cutoff);
    }
}
