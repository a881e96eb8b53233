package com.ewallet.common;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Every {@code @WithTransaction} method runs through {@link TransactionRetry}: this interceptor shares Panache's
 * binding and sits outside Panache's own interceptor (priority 100 against its 200), so each retry calls the method
 * again through a new session and transaction, after the aborted one was rolled back and its session closed. A
 * {@code @WithTransaction} method called inside another one's session is part of that transaction and is not retried on
 * its own: the outermost one is.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RetriedTransactions {

    private final TransactionRetry retry;

    public RetriedTransactions(TransactionRetry retry) {
        this.retry = retry;
    }

    @AroundInvoke
    Object retried(InvocationContext invocation) throws Exception {
        if (Vertx.currentContext() == null || SessionOperations.getCurrentSession() != null) {
            return invocation.proceed();
        }
        return retry.run(() -> proceed(invocation));
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext invocation) {
        try {
            return (Uni<Object>) invocation.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }
}
