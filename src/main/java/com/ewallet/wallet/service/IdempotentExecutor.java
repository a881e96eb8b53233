package com.ewallet.wallet.service;

import java.time.LocalDateTime;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.Caller;
import com.ewallet.auth.repository.SessionStore;
import com.ewallet.common.ApiException;
import com.ewallet.common.BusinessMetrics;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;
import com.ewallet.common.TransactionRetry;
import com.ewallet.wallet.MoveResult;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.repository.IdempotencyKeyStore;
import com.ewallet.wallet.repository.IdempotencyKeyStore.KeyTaken;
import com.ewallet.wallet.repository.LedgerStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The transaction half of {@link MoneyService}: runs one movement in one transaction, under an optional Idempotency-Key
 * with Stripe's semantics, and counts it.
 * <p>
 * The key is inserted first, with the reference of the movement about to be made, before any account row is locked: so
 * it holds no lock that other payments of the account wait on, and a key already recorded fails the transaction at its
 * first statement. The transaction then rolls back (no money moves) and the answer is replayed, rebuilt from the ledger
 * rows of the recorded reference. A concurrent duplicate waits on the first one's key row and then replays its answer.
 * A refusal (insufficient funds, unknown account...) is recorded on the key row with its answer, in the same
 * transaction, so a retry gets the same answer and no copy of the request can move money after it. A crash before the
 * commit leaves nothing behind: the key is free for the retry.
 * <p>
 * A transaction the database aborts (a deadlock victim, a Galera certification failure, a node not ready) runs again
 * whole through {@link TransactionRetry}, with the same key and reference: if a duplicate of the key committed
 * meanwhile (on another node of a cluster, where it does not wait on the key's row lock but aborts at commit), the new
 * run meets its key and replays its answer. Retries run out as 503 with Retry-After, nothing written.
 */
@ApplicationScoped
class IdempotentExecutor {

    private final Pool pool;
    private final IdempotencyKeyStore keys;
    private final SessionStore sessions;
    private final LedgerStore ledger;
    private final ObjectMapper json;
    private final BusinessMetrics metrics;
    private final TransactionRetry retry;

    IdempotentExecutor(Pool pool, IdempotencyKeyStore keys, SessionStore sessions, LedgerStore ledger,
            ObjectMapper json, BusinessMetrics metrics, TransactionRetry retry) {
        this.pool = pool;
        this.keys = keys;
        this.sessions = sessions;
        this.ledger = ledger;
        this.json = json;
        this.metrics = metrics;
        this.retry = retry;
    }

    /** One movement on the transaction's connection, under the reference it must record. */
    @FunctionalInterface
    interface Move {
        Uni<TransactionResult> run(SqlConnection connection, String reference);
    }

    /**
     * {@code kind} names the movement in metrics. When the caller's session is not confirmed yet
     * ({@link com.ewallet.auth.rest.AccessTokenForMove}), the transaction's first statement checks it and an ended
     * session is refused with 401, nothing written.
     */
    Uni<MoveResult> execute(String kind, Caller who, String key, String canonicalRequest, Move move) {
        String hash = key == null ? null : Hashes.sha256Hex(canonicalRequest);
        String reference = RandomIds.reference();
        Uni<Outcome> outcome = retry
                .run(() -> pool.withTransaction(c -> open(c, who, key, hash, reference).chain(() -> {
                    Uni<Outcome> moved = move.run(c, reference).map(Outcome::moved);
                    if (key == null) {
                        return moved;
                    }
                    return moved.onFailure(IdempotentExecutor::isRemembered).recoverWithUni(failure -> {
                        ApiException refused = (ApiException) failure;
                        return recordRefusal(c, who.userId(), key, refused).replaceWith(Outcome.refused(refused));
                    });
                })));
        return outcome.map(done -> {
            if (done.refusal() != null) {
                throw done.refusal();
            }
            Log.debugf("movement %s committed under key %s", reference, key);
            countMovement(kind, done.result());
            return new MoveResult(done.result(), false);
        }).onFailure().recoverWithUni(failure -> afterFailure(kind, who, key, hash, failure));
    }

    /** The transaction's first statement: the key (if any), together with the session check the filter left to it. */
    private Uni<Void> open(SqlConnection c, Caller who, String key, String hash, String reference) {
        LocalDateTime now = Clock.nowUtc();
        if (who.sessionConfirmed()) {
            return key == null ? Uni.createFrom().voidItem() : keys.insert(c, who.userId(), key, hash, reference, now);
        }
        Uni<Boolean> live = key == null ? sessions.isLiveLocked(c, who, now)
                : keys.insertIfLive(c, who, key, hash, reference, now);
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
    static boolean isRemembered(Throwable failure) {
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

    private Uni<MoveResult> afterFailure(String kind, Caller who, String key, String hash, Throwable failure) {
        if (key != null && failure instanceof KeyTaken) {
            // Raised by the key's insert, which (for an unconfirmed session) only inserts for a live session.
            return replay(who.userId(), key, hash);
        }
        if (key != null && IdempotencyKeyStore.isLockConflict(failure)) {
            // A lock-wait timeout (deadlocks and cluster aborts were run again by TransactionRetry, and a run after the
            // first one's commit meets its key and replays): the key's first request still holds it. Rolled back,
            // possibly before the session was checked: replay only to a confirmed session.
            return who.sessionConfirmed() ? replay(who.userId(), key, hash) : Uni.createFrom().failure(inFlight());
        }
        if (failure instanceof ApiException refused) {
            countRefusal(kind, refused);
        }
        return Uni.createFrom().failure(failure);
    }

    /** Records a refusal on the key this transaction inserted (see {@link IdempotencyKeyStore#recordRefusal}). */
    Uni<Void> recordRefusal(SqlConnection c, long userId, String key, ApiException refused) {
        return keys.recordRefusal(c, userId, key, refused.status(), toJson(refused.body()));
    }

    void countMovement(String kind, TransactionResult result) {
        metrics.movement(kind, "success", result.amount());
    }

    void countRefusal(String kind, ApiException refused) {
        metrics.movement(kind, refused.body().code().toLowerCase(Locale.ROOT), 0);
    }

    /** The answer recorded under a key, for a request that repeats it: its movement, or its refusal (thrown). */
    Uni<MoveResult> replay(long userId, String key, String hash) {
        return keys.find(userId, key).flatMap(stored -> {
            if (stored == null) {
                // Not committed yet (a lock conflict) or purged in between: the client may simply retry.
                return Uni.createFrom().failure(inFlight());
            }
            if (!stored.requestHash().equals(hash)) {
                return Uni.createFrom().failure(new ApiException(422, ErrorBody
                        .of("Idempotency-Key was already used with a different request.", "IDEMPOTENCY_KEY_REUSED")));
            }
            metrics.replay();
            Log.debugf("key %s replayed: %s", key, stored.reference());
            if (stored.reference() == null) {
                return Uni.createFrom().failure(ApiException.replayed(stored.status(), fromJson(stored.body())));
            }
            return ledger.movement(userId, stored.reference()).map(result -> {
                if (result == null) {
                    throw new IllegalStateException("an idempotency key names a movement that is not in the ledger");
                }
                return new MoveResult(result, true);
            });
        });
    }

    static ApiException inFlight() {
        return new ApiException(409,
                ErrorBody.of("A request with this Idempotency-Key is still in progress.", "IDEMPOTENCY_KEY_IN_FLIGHT"));
    }

    private String toJson(ErrorBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a refusal", e);
        }
    }

    private ErrorBody fromJson(String body) {
        try {
            return json.readValue(body, ErrorBody.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a remembered refusal is not an error body", e);
        }
    }
}
