package com.ewallet.wallet.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.Clock;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.repository.IdempotencyRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Housekeeping of Idempotency-Keys (recording and replaying them is {@link MoneyService}'s): keys are kept for
 * {@code wallet.idempotency.retention}, at least a day, then purged.
 */
@ApplicationScoped
public class IdempotencyService {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    private final IdempotencyRepository keys;
    private final MoneyConfig config;

    public IdempotencyService(IdempotencyRepository keys, MoneyConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purgeExpired() {
        Duration retention = config.idempotency().retention().compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION
                : config.idempotency().retention();
        return keys.purgeBefore(Clock.nowUtc().minus(retention))
                .invoke(n -> Log.infof("purged %d expired idempotency keys", n)).replaceWithVoid();
    }
}
