package com.ewallet.wallet;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of money: amount limits, banks, tiers, Idempotency-Keys, history paging and bank settlement.
 */
@ConfigMapping(prefix = "wallet")
public interface MoneyConfig {

    /** Limits on money movements. */
    Money money();

    /** Per-tier limits, by tier number: {@code wallet.tiers."1".max-balance} and so on. */
    Map<String, Tier> tiers();

    /** Idempotency-Key handling. */
    Idempotency idempotency();

    /** Transaction history paging. */
    History history();

    /** Settlement of bank transfers. */
    Bank bank();

    /** Batched movements on busy accounts. */
    Batching batching();

    /** The rehearsal of the money path before readiness. */
    WarmUp warmUp();

    interface WarmUp {
        /**
         * How long the money path rehearses on temporary tables before readiness turns UP (see
         * docs/architecture.md#warm-up); 0 turns the warm-up off.
         */
        @WithDefault("30s")
        Duration duration();

        /** Movements the rehearsal keeps in flight, as a busy replica's clients would. */
        @WithDefault("64")
        int clients();
    }

    interface Batching {
        /**
         * Whether movements waiting on the same account inside one replica are applied together, one transaction per
         * batch (see docs/architecture.md#batched-movements); off, every movement is a transaction of its own.
         */
        @WithDefault("true")
        boolean enabled();

        /** Most movements in one batch: bounds the transaction's size and the time its locks are held. */
        @WithDefault("64")
        int maxSize();

        /**
         * How long a batch may run before the movements queued behind it start their own (a transaction that hangs, say
         * on a database node that died under it, must not hold up its account's later movements).
         */
        @WithDefault("1s")
        Duration stallAfter();

        /**
         * Shared lanes for movements whose accounts no other movement of this replica is waiting on (uniform traffic):
         * such movements batch with each other across unrelated accounts, one transaction for many payers, instead of
         * one transaction each (see docs/architecture.md#batched-movements). A movement picks one by its payer; 0: each
         * such movement runs alone.
         */
        @WithDefault("1")
        int sharedLanes();
    }

    interface Money {
        /** Largest amount, in minor units, that one top-up or transfer may move. */
        @WithDefault("10000000000")
        long maxAmount();

        /**
         * How many account identities (id, owner, number: they never change) each replica remembers so that a wallet
         * transfer can lock both rows without looking them up first (about 200 bytes each); 0 turns the cache off.
         */
        @WithDefault("20000")
        int accountCacheSize();
    }

    interface Tier {
        /** Largest balance (minor units) an account of this tier may hold. */
        long maxBalance();

        /** Most an account of this tier may send out (banks and wallets) per UTC day, in minor units. */
        long dailyOutgoingLimit();
    }

    interface Idempotency {
        /** How long a completed Idempotency-Key result is kept and replayed (at least 24 hours). */
        @WithDefault("P2D")
        Duration retention();
    }

    interface History {
        /** Page size of {@code GET /api/transactions} when no {@code limit} is given. */
        @WithDefault("20")
        int defaultLimit();

        /** Largest {@code limit} accepted by {@code GET /api/transactions}. */
        @WithDefault("100")
        int maxLimit();
    }

    interface Bank {
        /**
         * When set, pending bank transfers older than this are settled as successful by a scheduled job; when unset
         * they wait for an admin to settle them.
         */
        Optional<Duration> autoSettleAfter();

        /** How often the auto-settlement job looks for due transfers (a scheduler interval such as {@code 5s}). */
        @WithDefault("5s")
        String settleEvery();
    }
}
