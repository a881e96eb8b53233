package com.ewallet.wallet.service;

import java.time.Duration;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;
import com.ewallet.common.WalletConfig;
import com.ewallet.wallet.IdempotencyClaim;
import com.ewallet.wallet.IdempotencyRecord;
import com.ewallet.wallet.repository.IdempotencyRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency-Key with Stripe's semantics. A request first claims its key (a short commit of its own, so that a
 * concurrent duplicate sees it in flight and gets 409); the money transaction then marks the key done with its
 * response, atomically with the balances. A claim whose owner died is taken over after
 * {@code wallet.idempotency.in-flight-timeout}.
 */
@ApplicationScoped
public class IdempotencyService {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    private final IdempotencyRepository keys;
    private final WalletConfig config;

    public IdempotencyService(IdempotencyRepository keys, WalletConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** What a key lookup decided: go ahead with a claim, or replay a stored answer. */
    public record Decision(IdempotencyClaim claim, int status, String body) {
        public boolean isReplay() {
            return claim == null;
        }
    }

    @WithTransaction
    public Uni<Decision> claim(long userId, String key, String requestHash) {
        LocalDateTime now = Clock.nowUtc();
        LocalDateTime lockedUntil = now.plus(config.idempotency().inFlightTimeout());
        String claim = RandomIds.token();
        return keys.insertClaim(userId, key, requestHash, claim, now, lockedUntil).flatMap(inserted -> {
            if (inserted == 1) {
                return Uni.createFrom().item(new Decision(new IdempotencyClaim(userId, key, claim), 0, null));
            }
            return keys.find(userId, key).flatMap(existing -> decide(existing, requestHash, claim, now, lockedUntil));
        });
    }

    private Uni<Decision> decide(IdempotencyRecord existing, String requestHash, String claim, LocalDateTime now,
            LocalDateTime lockedUntil) {
        if (existing == null) {
            // Purged between our insert and our read: the client may simply retry.
            return Uni.createFrom().failure(inFlight());
        }
        if (!existing.requestHash.equals(requestHash)) {
            return Uni.createFrom().failure(new ApiException(422, ErrorBody
                    .of("Idempotency-Key was already used with a different request.", "IDEMPOTENCY_KEY_REUSED")));
        }
        if (IdempotencyRecord.DONE.equals(existing.state)) {
            return Uni.createFrom().item(new Decision(null, existing.responseStatus, existing.responseBody));
        }
        if (existing.lockedUntil.isAfter(now)) {
            return Uni.createFrom().failure(inFlight());
        }
        return keys.takeOver(existing.userId, existing.idemKey, existing.claim, claim, now, lockedUntil)
                .flatMap(taken -> {
                    if (taken == 1) {
                        Log.infof("idempotency key of user %d taken over after its owner stopped", existing.userId);
                        return Uni.createFrom().item(
                                new Decision(new IdempotencyClaim(existing.userId, existing.idemKey, claim), 0, null));
                    }
                    return Uni.createFrom().failure(inFlight());
                });
    }

    /** Called inside the money transaction: fails it when the claim was lost, so nothing moves twice. */
    public Uni<Void> complete(IdempotencyClaim claim, int status, String body) {
        if (claim == null) {
            return Uni.createFrom().voidItem();
        }
        return keys.complete(claim.userId(), claim.key(), claim.claim(), status, body)
                .flatMap(n -> n == 1 ? Uni.createFrom().voidItem() : Uni.createFrom().failure(inFlight()));
    }

    /** Records a refusal (insufficient funds, unknown account...) so that a retry replays it. */
    @WithTransaction
    public Uni<Void> completeRefused(IdempotencyClaim claim, int status, String body) {
        return complete(claim, status, body);
    }

    /** Gives the key back after an unexpected failure, so that a retry may run at once. */
    @WithTransaction
    public Uni<Void> release(IdempotencyClaim claim) {
        return keys.release(claim.userId(), claim.key(), claim.claim()).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purgeExpired() {
        Duration retention = config.idempotency().retention().compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION
                : config.idempotency().retention();
        return keys.purgeBefore(Clock.nowUtc().minus(retention))
                .invoke(n -> Log.infof("purged %d expired idempotency keys", n)).replaceWithVoid();
    }

    public static ApiException inFlight() {
        return new ApiException(409,
                ErrorBody.of("A request with this Idempotency-Key is still in progress.", "IDEMPOTENCY_KEY_IN_FLIGHT"));
    }

    public static String hash(String canonicalRequest) {
        return Hashes.sha256Hex(canonicalRequest);
    }
}
