package com.ewallet.registration.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.RateLimiter;
import com.ewallet.user.UserConfig;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Registrations per client address: {@code wallet.users.registrations-per-address} per {@code registration-window} (a
 * fixed window in the database, shared by every replica), then 429 {@code REGISTRATION_LIMIT} with Retry-After until it
 * ends. Refused registrations (an email or mobile already taken) count too: they are how addresses and numbers would be
 * enumerated.
 */
@ApplicationScoped
public class RegistrationLimit {

    private final RateLimiter limiter;
    private final UserConfig.Users config;

    public RegistrationLimit(RateLimiter limiter, UserConfig config) {
        this.limiter = limiter;
        this.config = config.users();
    }

    /** Counts one registration from {@code clientAddress}, or fails with 429 past the limit. */
    public Uni<Void> count(String clientAddress) {
        return limiter.hit(RateLimiter.bucket("register", clientAddress), config.registrationWindow())
                .flatMap(window -> {
                    if (window.hits() > config.registrationsPerAddress()) {
                        Log.info("registration refused: too many from the client address");
                        return Uni.createFrom()
                                .failure(ApiException.tooMany(
                                        "too many registrations from this address, try again later.",
                                        "REGISTRATION_LIMIT", window.secondsLeft()));
                    }
                    return Uni.createFrom().voidItem();
                });
    }
}
