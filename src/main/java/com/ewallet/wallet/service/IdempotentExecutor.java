package com.ewallet.wallet.service;

import java.time.LocalDateTime;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.Caller;
import com.ewallet.common.ApiException;
import com.ewallet.common.BusinessMetrics;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.RandomIds;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.repository.MoneyStore;
import com.ewallet.wallet.repository.MoneyStore.KeyTaken;
import com.ewallet.wallet.repository.MoneyStore.StoredKey;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Runs a money movement in one transaction, under an optional Idempotency-Key with Stripe's semantics.
 * <p>
 * The key is inserted first, with the reference of the movement about to be made, before any account row is locked: so
 * it holds no lock that other payments of the account wait on, and a key already recorded fails the transaction at its
 * first statement. The transaction then rolls back (no money moves) and the answer is replayed, rebuilt from the ledger
 * rows of the recorded reference. A concurrent duplicate waits on the first one's key row and then replays its answer.
 * A refusal (insufficient funds, unknown account...) is recorded on the key row with its answer, in the same
 * transaction, so a retry gets the same answer and no copy of the request can move money after it. A crash before the
 * commit leaves nothing behind: the key is free for the retry. Every movement passes here, so this is also where
 * movements are counted.
 */
@ApplicationScoped
public class IdempotentExecutor {

    private final MoneyStore store;
    private final ObjectMapper json;
    private final BusinessMetrics metrics;

    public IdempotentExecutor(MoneyStore store, ObjectMapper json, BusinessMetrics metrics) {
        this.store = store;
        this.json = json;
        this.metrics = metrics;
    }

    /** The answer to send: a fresh result, or a stored one replayed (body already JSON). */
    public record Answer(int status, Object body, boolean replayed) {
    }

    /** One movement on the transaction's connection, under the reference it must record. */
    @FunctionalInterface
    public interface Move {
        Uni<TransactionResult> run(SqlConnection connection, String reference);
    }

    /**
     * {@code kind} names the movement in metrics: topup, bank_transfer, wallet_transfer. When the caller's session is
     * not confirmed yet ({@link com.ewallet.auth.rest.AccessTokenForMove}), the transaction's first statement checks it
     * and an ended session is refused with 401, nothing written.
     */
    public Uni<Answer> execute(String kind, Caller who, String key, String canonicalRequest, Move move) {
        String hash = key == null ? null : IdempotencyService.hash(canonicalRequest);
        String reference = RandomIds.reference();
        Uni<Outcome> outcome = store.inTransaction(c -> open(c, who, key, hash, reference).chain(() -> {
            Uni<Outcome> moved = move.run(c, reference).map(Outcome::moved);
            if (key == null) {
                return moved;
            }
            return moved.onFailure(IdempotentExecutor::isRemembered).recoverWithUni(failure -> {
                ApiException refused = (ApiException) failure;
                return store.recordRefusal(c, who.userId(), key, refused.status(), toJson(refused.body()))
                        .replaceWith(Outcome.refused(refused));
            });
        }));
        return outcome.map(done -> {
            if (done.refusal() != null) {
                throw done.refusal();
            }
            metrics.movement(kind, "success", done.result().amount());
            return new Answer(200, done.result(), false);
        }).onFailure().recoverWithUni(failure -> afterFailure(kind, who, key, hash, failure));
    }

    /** The transaction's first statement: the key (if any), together with the session check the filter left to it. */
    private Uni<Void> open(SqlConnection c, Caller who, String key, String hash, String reference) {
        LocalDateTime now = Clock.nowUtc();
        if (who.sessionConfirmed()) {
            return key == null ? Uni.createFrom().voidItem()
                    : store.insertKey(c, who.userId(), key, hash, reference, now);
        }
        Uni<Boolean> live = key == null ? store.sessionLive(c, who, now)
                : store.insertKeyIfLive(c, who, key, hash, reference, now);
        return live.invoke(ok -> {
            if (!ok) {
                throw AuthErrors.revoked();
            }
        }).replaceWithVoid();
    }

    /**
     * A refusal of the request itself (insufficient funds, unknown account...) is remembered under its key and replayed
     * to retries; a conflict or a server-side failure is not, so a retry may still succeed.
     */
    private static boolean isRemembered(Throwable failure) {
        return failure instanceof ApiException refused && refused.status() < 500 && refused.status() != 409;
    }

    /**
     * What a money transaction committed: the movement, or (under a key) the refusal recorded in its place. Every check
     * of a movement comes before its first write, so a refused transaction holds nothing but its key.
     */
    private record Outcome(TransactionResult result, ApiException refusal) {
        static Outcome moved(TransactionResult result) {
            return new Outcome(result, null);
        }

        static Outcome refused(ApiException refusal) {
            return new Outcome(null, refusal);
        }
    }

    private Uni<Answer> afterFailure(String kind, Caller who, String key, String hash, Throwable failure) {
        if (key != null && failure instanceof KeyTaken) {
            // Raised by the key's insert, which (for an unconfirmed session) only inserts for a live session.
            return replay(who.userId(), key, hash);
        }
        if (key != null && MoneyStore.isLockConflict(failure)) {
            // Rolled back by InnoDB, possibly before the session was checked: replay only to a confirmed session.
            return who.sessionConfirmed() ? replay(who.userId(), key, hash)
                    : Uni.createFrom().failure(IdempotencyService.inFlight());
        }
        if (failure instanceof ApiException refused) {
            metrics.movement(kind, refused.body().code().toLowerCase(Locale.ROOT), 0);
        }
        return Uni.createFrom().failure(failure);
    }

    private Uni<Answer> replay(long userId, String key, String hash) {
        return store.findKey(userId, key).flatMap(stored -> {
            if (stored == null) {
                // Not committed yet (a lock conflict) or purged in between: the client may simply retry.
                return Uni.createFrom().failure(IdempotencyService.inFlight());
            }
            if (!stored.requestHash().equals(hash)) {
                return Uni.createFrom().failure(new ApiException(422, ErrorBody
                        .of("Idempotency-Key was already used with a different request.", "IDEMPOTENCY_KEY_REUSED")));
            }
            if (!IdempotencyService.DONE.equals(stored.state())) {
                return dropIfStale(userId, key, stored)
                        .replaceWith(Uni.createFrom().failure(IdempotencyService.inFlight()));
            }
            metrics.replay();
            if (stored.body() != null) {
                return Uni.createFrom().item(new Answer(stored.status(), stored.body(), true));
            }
            return store.movement(userId, stored.reference()).map(result -> {
                if (result == null) {
                    throw new IllegalStateException("an idempotency key names a movement that is not in the ledger");
                }
                return new Answer(200, toJson(result), true);
            });
        });
    }

    /** Keys left IN_FLIGHT by the previous version's two-step claim; freed once their owner's time is up. */
    private Uni<Void> dropIfStale(long userId, String key, StoredKey stored) {
        if (stored.lockedUntil().isAfter(Clock.nowUtc())) {
            return Uni.createFrom().voidItem();
        }
        return store.dropStaleKey(userId, key, Clock.nowUtc())
                .invoke(n -> Log.infof("idempotency key of user %d left in flight by a stopped owner freed", userId))
                .replaceWithVoid();
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response body", e);
        }
    }
}
