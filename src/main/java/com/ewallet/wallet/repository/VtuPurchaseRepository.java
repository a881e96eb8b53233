package com.ewallet.wallet.repository;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.VtuPurchase;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reading airtime purchases and scheduling their next check; money is settled by {@link LedgerStore}. */
@ApplicationScoped
@WithSession
public class VtuPurchaseRepository implements PanacheRepository<VtuPurchase> {

    public Uni<VtuPurchase> findByReference(String reference) {
        return find("reference", reference).firstResult();
    }

    public Uni<VtuPurchase> findOfAccount(String reference, long accountId) {
        return find("reference = ?1 and accountId = ?2", reference, accountId).firstResult();
    }

    /** Pending purchases whose next check is due, oldest first. */
    public Uni<List<VtuPurchase>> due(LocalDateTime now, int limit) {
        return find("status = ?1 and nextCheckAt <= ?2 order by nextCheckAt", VtuPurchase.PENDING, now)
                .range(0, limit - 1).list();
    }

    /** Counts a check of a still pending purchase and sets when to ask again; joins the caller's transaction. */
    public Uni<Integer> checkAgainAt(String reference, String providerCode, LocalDateTime next) {
        return update("checks = checks + 1, providerCode = ?1, nextCheckAt = ?2 where reference = ?3 and status = ?4",
                providerCode, next, reference, VtuPurchase.PENDING);
    }
}
