package com.ewallet.wallet.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.Bank;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BankRepository implements PanacheRepositoryBase<Bank, String> {

    /** Active banks by name. */
    public Uni<List<Bank>> listActive() {
        return list("active = true order by name");
    }
}
