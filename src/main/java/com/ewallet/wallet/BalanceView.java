package com.ewallet.wallet;

/** {@code GET /api/balance}: the caller's account. */
public record BalanceView(String accountNumber, long balance, String type, int tier) {

    public static BalanceView of(Account a) {
        return new BalanceView(a.accountNumber, a.balance, a.type, a.tier);
    }
}
