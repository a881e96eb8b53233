package com.ewallet.wallet.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

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

    public Uni<Account> findByNumber(String accountNumber) {
        return find("accountNumber", accountNumber).firstResult();
    }

    public Uni<Boolean> numberTaken(String accountNumber) {
        return count("accountNumber", accountNumber).map(n -> n > 0);
    }

    /** SELECT ... FOR UPDATE of the user's account: the row lock every debit and credit goes through. */
    public Uni<Account> lockByUserId(long userId) {
        return find("userId", userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Locks several accounts in one statement, in primary-key order, so that two transfers in opposite directions
     * always take their locks in the same order and cannot deadlock.
     */
    public Uni<List<Account>> lockInIdOrder(List<Long> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
