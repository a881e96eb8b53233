package com.ewallet.wallet.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.ewallet.wallet.Account;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    /**
     * The accounts of the user and of the account number, as plain references. Entities are deliberately not loaded
     * here: the session would keep their unlocked balances and hand those back from the later SELECT ... FOR UPDATE,
     * losing concurrent updates.
     */
    public Uni<List<AccountRef>> resolve(long userId, String accountNumber) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                "select new com.ewallet.wallet.repository.AccountRef(a.id, a.userId, a.accountNumber) from Account a"
                        + " where a.userId = ?1 or a.accountNumber = ?2",
                AccountRef.class).setParameter(1, userId).setParameter(2, accountNumber).getResultList());
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
