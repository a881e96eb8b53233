package com.ewallet.wallet.service;

import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.ewallet.wallet.Account;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.MoneyErrors;

import io.quarkus.runtime.Startup;

/**
 * The per-tier limits, checked against locked account rows inside the money transaction, so that they hold for every
 * channel (/api and /v1) and under concurrency.
 */
@Startup
@Singleton
public class TierLimits {

    private final MoneyConfig config;

    public TierLimits(MoneyConfig config) {
        this.config = config;
        if (!config.tiers().containsKey("1")) {
            throw new IllegalStateException("wallet.tiers.\"1\" (max-balance, daily-outgoing-limit) must be set");
        }
    }

    MoneyConfig.Tier of(Account account) {
        MoneyConfig.Tier tier = config.tiers().get(Integer.toString(account.tier));
        if (tier == null) {
            throw new IllegalStateException("no limits configured for tier " + account.tier);
        }
        return tier;
    }

    /** Throws when crediting {@code amount} would take the account over its tier's maximum balance. */
    void checkCredit(Account account, long amount, boolean recipient) {
        if (account.balance > of(account).maxBalance() - amount) {
            throw recipient ? MoneyErrors.recipientLimit() : MoneyErrors.balanceLimit();
        }
    }

    /** Checks funds and today's outgoing total, then counts {@code amount} into it. */
    void debit(Account account, long amount, LocalDate today) {
        if (account.balance < amount) {
            throw MoneyErrors.insufficientFunds();
        }
        long sentToday = today.equals(account.dailyOutDay) ? account.dailyOutTotal : 0;
        if (sentToday > of(account).dailyOutgoingLimit() - amount) {
            throw MoneyErrors.dailyLimit();
        }
        account.dailyOutDay = today;
        account.dailyOutTotal = sentToday + amount;
    }
}
