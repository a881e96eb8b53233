package com.ewallet.wallet.service;

import java.util.Locale;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.BusinessMetrics;
import com.ewallet.wallet.IdempotencyClaim;
import com.ewallet.wallet.TransactionResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Runs a money movement under an optional Idempotency-Key: claim the key, move the money (which completes the key in
 * its own transaction), and on a refusal remember the refusal, so a retry gets the same answer. Every movement passes
 * here, so this is also where movements are counted.
 */
@ApplicationScoped
public class IdempotentExecutor {

    private final IdempotencyService idempotency;
    private final ObjectMapper json;
    private final BusinessMetrics metrics;

    public IdempotentExecutor(IdempotencyService idempotency, ObjectMapper json, BusinessMetrics metrics) {
        this.idempotency = idempotency;
        this.json = json;
        this.metrics = metrics;
    }

    /** The answer to send: a fresh result, or a stored one replayed (body already JSON). */
    public record Answer(int status, Object body, boolean replayed) {
    }

    /** {@code kind} names the movement in metrics: topup, bank_transfer, wallet_transfer. */
    public Uni<Answer> execute(String kind, long userId, String key, String canonicalRequest,
            Function<IdempotencyClaim, Uni<TransactionResult>> move) {
        if (key == null) {
            return counted(kind, move.apply(null));
        }
        return idempotency.claim(userId, key, IdempotencyService.hash(canonicalRequest)).flatMap(decision -> {
            if (decision.isReplay()) {
                metrics.replay();
                return Uni.createFrom().item(new Answer(decision.status(), decision.body(), true));
            }
            IdempotencyClaim claim = decision.claim();
            return counted(kind, move.apply(claim).onFailure().call(failure -> settle(claim, failure)));
        });
    }

    private Uni<Answer> counted(String kind, Uni<TransactionResult> move) {
        return move.invoke(result -> metrics.movement(kind, "success", result.amount())).onFailure(ApiException.class)
                .invoke(e -> metrics.movement(kind, ((ApiException) e).body().code().toLowerCase(Locale.ROOT), 0))
                .map(result -> new Answer(200, result, false));
    }

    private Uni<Void> settle(IdempotencyClaim claim, Throwable failure) {
        if (failure instanceof ApiException refused && refused.status() < 500 && refused.status() != 409) {
            return idempotency.completeRefused(claim, refused.status(), toJson(refused.body())).onFailure()
                    .invoke(e -> Log.warnf("could not record a refusal for an idempotency key: %s",
                            e.getClass().getSimpleName()))
                    .onFailure().recoverWithNull();
        }
        return idempotency.release(claim).onFailure().recoverWithNull();
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response body", e);
        }
    }
}
