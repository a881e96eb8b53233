package com.ewallet.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The success body of a money movement: the seed's {@code msg} plus what a client needs to reconcile. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionResult(String msg, String reference, String activity, long amount, long balance,
        String counterparty) {

    public static final String SUCCESS = "transaction success.";
}
