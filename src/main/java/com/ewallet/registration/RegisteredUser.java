package com.ewallet.registration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a registration: the new user's public id and wallet account. {@code mobileVerified} is false until the
 * user completes the SMS passcode step ({@code POST /api/users/mobile/passcode}, then {@code .../verify}).
 */
@RegisterForReflection
public record RegisteredUser(String msg, String id, String email, String mobile, boolean mobileVerified,
        String accountNumber, String type, int tier) {
}
