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

    /** Retry-After of the 503 answered when the retries ran out (whole seconds, at least 1). */
    @WithDefault("1s")
    Duration retryAfter();
}
