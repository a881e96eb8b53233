package com.ewallet.common;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Running a transaction again when the database aborted it for reasons of its own (see {@link TransactionRetry}).
 */
@ConfigMapping(prefix = "wallet.transactions")
public interface RetryConfig {

    /** How many times a transaction aborted by a deadlock, a Galera certification conflict or error 1047 runs again. */
    @WithDefault("6")
    int retries();

    /** The wait before the first retry; each next one waits about twice as long, with random jitter. */
    @WithDefault("20ms")
    Duration firstBackOff();

    /** The longest wait between two runs. */
    @WithDefault("400ms")
    Duration maxBackOff();

    /**
     * The longest one run of a transaction may take before the request is answered 503 with Retry-After (its outcome
     * unknown: under an Idempotency-Key a retry replays it if it committed). Longer than a Galera cluster's stall when
     * a node dies (about 6.5 s); requests in flight through HAProxy when a node was killed were seen to wait far
     * longer.
     */
    @WithDefault("15s")
    Duration attemptTimeout();

    /** Retry-After of the 503 answered when the retries ran out (whole seconds, at least 1). */
    @WithDefault("1s")
    Duration retryAfter();
}
