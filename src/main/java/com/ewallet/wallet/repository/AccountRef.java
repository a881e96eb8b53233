package com.ewallet.wallet.repository;

/** An account's identity without its state: resolving who is who must not load stale balances. */
public record AccountRef(long id, long userId, String accountNumber) {
}
