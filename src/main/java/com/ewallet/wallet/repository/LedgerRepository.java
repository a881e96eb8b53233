package com.ewallet.wallet.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.LedgerEntry;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class LedgerRepository implements PanacheRepository<LedgerEntry> {

    /** Newest first, strictly older than {@code beforeId}: a keyset page on (account_id, id). */
    public Uni<List<LedgerEntry>> page(long accountId, long beforeId, int limit) {
        return find("accountId = ?1 and id < ?2 order by id desc", accountId, beforeId).range(0, limit - 1).list();
    }
}
