package com.ewallet.wallet.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.Caller;
import com.ewallet.common.TransactionRetry;
import com.ewallet.common.Uninterruptible;
import com.ewallet.wallet.BankTransferView;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.MoveResult;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.VtuView;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The one way money moves, for both channels (/api and /v1): checks the request, runs the movement in one transaction
 * under its Idempotency-Key, counts it, and answers what happened. Resources only parse and render.
 */
@ApplicationScoped
public class MoneyService {

    private final IdempotentExecutor executor;
    private final MovementBatches batches;
    private final Movements movements;
    private final Pool pool;
    private final MoneyConfig.Money limits;
    private final BankDirectory banks;
    private final TransactionRetry retry;
    private final RehearsalRoute rehearsal;

    /** {@code rehearsal}: null for the warm-up's own sandboxed instance. */
    MoneyService(IdempotentExecutor executor, MovementBatches batches, Movements movements, Pool pool,
            MoneyConfig config, BankDirectory banks, TransactionRetry retry, RehearsalRoute rehearsal) {
        this.executor = executor;
        this.batches = batches;
        this.movements = movements;
        this.pool = pool;
        this.limits = config.money();
        this.banks = banks;
        this.retry = retry;
        this.rehearsal = rehearsal;
    }

    /**
     * Makes {@code move} for {@code who}, recording {@code origin} on its ledger rows. With an {@code idempotencyKey} a
     * repeated request replays the first one's answer (a refusal fails with the remembered
     * {@link com.ewallet.common.ApiException}). A client hanging up does not cancel the transaction. Movements waiting
     * on the same account are applied in batches ({@link MovementBatches}), each with exactly its own answer.
     */
    public Uni<MoveResult> move(Caller who, MoneyMove move, Origin origin, String idempotencyKey) {
        MoneyService sandbox = rehearsal == null ? null : rehearsal.sandboxOf(who);
        if (sandbox != null) {
            // One of the warm-up's own callers, while it rehearses (see Rehearsal): its money is not real.
            return sandbox.move(who, move, origin, idempotencyKey);
        }
        check(move);
        if (batches.enabled()) {
            return Uninterruptible.run(() -> batches.move(who, move, origin, idempotencyKey));
        }
        return Uninterruptible.run(() -> executor.execute(move.kind(), who, idempotencyKey, move.canonical(),
                (c, reference) -> movements.run(c, reference, origin, move)));
    }

    /** Settles a pending bank transfer (admin or the auto-settlement job): see {@link Movements#settle}. */
    public Uni<BankTransferView> settle(String reference, boolean success) {
        return Uninterruptible
                .run(() -> retry.run(() -> pool.withTransaction(c -> movements.settle(c, reference, success))));
    }

    /**
     * Settles a pending airtime purchase with the provider's answer (the request that bought it, or the reconciler): a
     * failure returns the money. Settling a settled purchase changes nothing and answers it as it is.
     */
    public Uni<VtuView> settleVtu(String reference, boolean success, String providerCode) {
        return Uninterruptible.run(() -> retry
                .run(() -> pool.withTransaction(c -> movements.settleVtu(c, reference, success, providerCode))));
    }

    /** The request's own checks, before any database work; the balance and limits are checked under the lock. */
    void check(MoneyMove move) {
        if (move.amount() < 1 || move.amount() > limits.maxAmount()) {
            throw MoneyErrors.amountOutOfRange(limits.maxAmount());
        }
        if (move instanceof MoneyMove.ToBank bank && !banks.isActive(bank.destination().bankCode())) {
            throw MoneyErrors.rejected("UNKNOWN_BANK", bank.bankField(),
                    "must be the code of an active bank (GET /v1/queries/banks)");
        }
    }
}
