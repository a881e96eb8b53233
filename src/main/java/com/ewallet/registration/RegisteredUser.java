package com.ewallet.registration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a registration: the new user's id and wallet account. */
@RegisterForReflection
public record RegisteredUser(String msg, long id, String email, String mobile, String accountNumber, String type,
        int tier) {
}
