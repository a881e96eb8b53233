package com.ewallet.wallet.repository;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.BankTransfer;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BankTransferRepository implements PanacheRepository<BankTransfer> {

    public Uni<BankTransfer> findOfAccount(String reference, long accountId) {
        return find("reference = ?1 and accountId = ?2", reference, accountId).firstResult();
    }

    /** Pending transfers created before the cut-off, oldest first. */
    public Uni<List<String>> pendingBefore(LocalDateTime cutoff, int limit) {
        return find("status = ?1 and createdAt < ?2 order by id", BankTransfer.PENDING, cutoff).range(0, limit - 1)
                .list().map(list -> list.stream().map(t -> t.reference).toList());
    }
}
