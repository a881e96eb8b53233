package com.ewallet.wallet;

/**
 * What a money movement answered: the movement made now, or (under an Idempotency-Key already used) the one made by the
 * first request with that key, replayed. A refusal is an {@link com.ewallet.common.ApiException}, replayed ones too.
 */
public record MoveResult(TransactionResult transaction, boolean replayed) {
}
