package com.ewallet.wallet;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/balance}: the caller's account. */
@RegisterForReflection
public record BalanceView(String accountNumber, long balance, String type, int tier) {

    public static BalanceView of(Account a) {
        return new BalanceView(a.accountNumber, a.balance, a.type, a.tier);
    }
}
