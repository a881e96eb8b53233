package com.ewallet.wallet.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.Account;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepository<Account> {

    public Uni<Account> findByUserId(long userId) {
        return find("userId", userId).firstResult();
    }

    public Uni<Boolean> numberTaken(String accountNumber) {
        return count("accountNumber", accountNumber).map(n -> n > 0);
    }
}
