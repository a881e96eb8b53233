package com.ewallet.common;

/** Header names that more than one feature reads or writes. */
public final class Headers {

    /** A client's key for a money request (Stripe's semantics): a retry with it never moves money twice. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** {@code true} on an answer replayed under an Idempotency-Key instead of made now. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private Headers() {
    }
}
