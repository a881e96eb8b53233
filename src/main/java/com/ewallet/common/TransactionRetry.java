package com.ewallet.common;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a whole transaction again when the database aborted it without writing anything (a deadlock victim, a Galera
 * certification failure or brute-force abort, a node that is not ready: {@link TransactionAborts#isRetriable}), up to
 * {@code wallet.transactions.retries} times, after a jittered exponential back-off; then fails with 503 and
 * Retry-After. On a single server the money path takes its locks in one order, so this costs nothing there: the first
 * run succeeds and nothing is added to it.
 * <p>
 * Each run calls the supplier again, so it must build the whole transaction afresh (a new connection or session); the
 * waits are Vert.x timers that resume on the caller's Vert.x context, which Hibernate Reactive needs to find (or not
 * find) its session.
 */
@Singleton
public class TransactionRetry {

    private final RetryConfig config;
    /**
     * Where each run's deadline waits. Nearly every deadline is cancelled (its run ends first), and a cancelled one
     * leaves this queue at once. Mutiny's default scheduler (the Quarkus worker pool's) keeps a cancelled task, and
     * with it the finished request's whole context, until its time is up: 15 s of requests' worth of heap, which at
     * 1,000 transfers/s filled the 48 MB heap the image runs with and made it collect in full every second (bench: half
     * the throughput).
     */
    private final ScheduledThreadPoolExecutor deadlines;
    private final Counter retried;
    private final Counter exhausted;
    private final Counter timedOut;

    public TransactionRetry(RetryConfig config, MeterRegistry registry) {
        this.config = config;
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "transaction-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.retried = Counter.builder("wallet.transactions.retried")
                .description("Transactions run again after the database aborted them (deadlock, certification, 1047)")
                .register(registry);
        this.exhausted = Counter.builder("wallet.transactions.exhausted")
                .description("Transactions still aborted after every retry (answered 503)").register(registry);
        this.timedOut = Counter.builder("wallet.transactions.timed.out")
                .description("Transaction runs that exceeded wallet.transactions.attempt-timeout (answered 503)")
                .register(registry);
    }

    @PreDestroy
    public void stop() {
        deadlines.shutdownNow();
    }

    /** Deadlines of runs still going (a test's view of {@link #deadlines}). */
    int pendingDeadlines() {
        return deadlines.getQueue().size();
    }

    /**
     * The Uni of {@code transaction}, built now as without retries; on a retriable abort it is built again (on the same
     * Vert.x context) and subscribed.
     */
    public <T> Uni<T> run(Supplier<Uni<T>> transaction) {
        Uni<T> first;
        try {
            first = transaction.get();
        } catch (RuntimeException e) {
            first = Uni.createFrom().failure(e);
        }
        Context context = Vertx.currentContext();
        Supplier<Uni<T>> bounded = () -> bounded(transaction.get(), context);
        return retried(bounded(first, context), bounded, 0, context);
    }

    /**
     * A run that has not finished after {@code wallet.transactions.attempt-timeout} fails with 503 and Retry-After, and
     * is not run again: it may still commit (a client's retry under the same key then replays it).
     */
    private <T> Uni<T> bounded(Uni<T> run, Context context) {
        return run.ifNoItem().after(config.attemptTimeout()).on(deadlines).recoverWithUni(() -> {
            timedOut.increment();
            Log.warnf("a transaction ran longer than %s: answered 503, its outcome left to the database",
                    config.attemptTimeout());
            // The timeout fires on the deadlines' thread: answer on the request's own Vert.x context.
            return pause(Duration.ofMillis(1), context)
                    .chain(() -> Uni.createFrom().failure(ApiException.unavailable(config.retryAfter().toSeconds())));
        });
    }

    private <T> Uni<T> retried(Uni<T> run, Supplier<Uni<T>> transaction, int done, Context context) {
        return run.onFailure(TransactionAborts::isRetriable).recoverWithUni(abort -> {
            int code = TransactionAborts.errorCode(abort);
            if (done >= config.retries()) {
                exhausted.increment();
                Log.warnf("transaction aborted by the database (error %d) %d times, giving up", code, done + 1);
                return Uni.createFrom().failure(ApiException.unavailable(config.retryAfter().toSeconds()));
            }
            retried.increment();
            Log.debugf("transaction aborted by the database (error %d), running it again", code);
            return pause(backOff(done), context).chain(
                    () -> retried(Uni.createFrom().<T> deferred(transaction::get), transaction, done + 1, context));
        });
    }

    /** Exponential with "equal jitter": between half and all of first-back-off × 2^n, capped at max-back-off. */
    Duration backOff(int retry) {
        long ceiling = Math.min(config.maxBackOff().toMillis(),
                config.firstBackOff().toMillis() << Math.min(retry, 20));
        long half = Math.max(1, ceiling / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static Uni<Void> pause(Duration wait, Context context) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(wait.toMillis(),
                id -> context.runOnContext(ignored -> emitter.complete(null))));
    }
}
