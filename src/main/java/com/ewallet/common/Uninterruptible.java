package com.ewallet.common;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs a database unit of work to its end whatever the HTTP client does.
 * <p>
 * When a client disconnects, Quarkus REST cancels the response's Uni. A cancel that reaches a Hibernate Reactive
 * transaction between its statements leaves the connection with a live transaction and never returns it to the pool
 * (quarkusio/quarkus#51576, hibernate-reactive#2926); after pool-size such disconnects every request hangs. Here the
 * work is subscribed on its own, so a cancel only drops the answer: the transaction still commits or rolls back and the
 * connection goes back to the pool.
 */
public final class Uninterruptible {

    private Uninterruptible() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> work.get().subscribe().with(emitter::complete, emitter::fail));
    }
}
