package com.ewallet.wallet.repository;

/**
 * The two sides of a wallet transfer as identities only (reading them before the locks is safe: the balances are read
 * under the lock). Either is null when no account matched.
 */
public record Parties(AccountRef payer, AccountRef payee) {
}
