package com.ewallet.wallet.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.Clock;
import com.ewallet.common.RandomIds;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.repository.AccountRepository;

import io.smallrye.mutiny.Uni;

/** Opens wallet accounts: a random 10-digit number, type personal, tier 1, balance 0. */
@ApplicationScoped
public class AccountService {

    static final int NUMBER_ATTEMPTS = 5;

    private final AccountRepository accounts;

    public AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** Joins the caller's transaction. */
    public Uni<Account> open(long userId) {
        return freeNumber(NUMBER_ATTEMPTS).flatMap(number -> {
            Account account = new Account();
            account.userId = userId;
            account.accountNumber = number;
            account.type = Account.TYPE_PERSONAL;
            account.tier = 1;
            account.balance = 0;
            account.createdAt = Clock.nowUtc();
            account.updatedAt = account.createdAt;
            return accounts.persist(account);
        });
    }

    private Uni<String> freeNumber(int attemptsLeft) {
        String candidate = RandomIds.digits(10);
        return accounts.numberTaken(candidate).flatMap(taken -> {
            if (!taken) {
                return Uni.createFrom().item(candidate);
            }
            if (attemptsLeft <= 1) {
                return Uni.createFrom().failure(new IllegalStateException("no free account number found"));
            }
            return freeNumber(attemptsLeft - 1);
        });
    }
}
