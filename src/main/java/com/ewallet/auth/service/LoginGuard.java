package com.ewallet.auth.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthConfig;
import com.ewallet.common.ApiException;
import com.ewallet.common.RateLimiter;
import com.ewallet.common.Throttles;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Brute-force limits of the cookie login, all counted in the database (so they hold across replicas), each reserved
 * atomically before the password is checked and given back when it is right:
 * <ul>
 * <li>per client address, across accounts: {@code max-failures-per-address} per {@code address-window}, then 429
 * {@code LOGIN_ADDRESS_LIMIT} until the window ends;</li>
 * <li>per account, from every address: a progressive delay ({@link Throttles}), 429 {@code LOGIN_LOCKED} with
 * Retry-After while it runs, never longer than {@code max-delay}: an attacker who knows an email slows its owner down
 * but cannot lock them out;</li>
 * <li>everyone: {@code max-failures-per-minute}, then 429 {@code LOGIN_BUSY} for the rest of the minute.</li>
 * </ul>
 * A refused attempt checks no password and counts nowhere.
 */
@ApplicationScoped
public class LoginGuard {

    private static final String EVERYONE = "login-all";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateLimiter limiter;
    private final Throttles throttles;
    private final AuthConfig.Login config;
    private final Throttles.Policy policy;

    public LoginGuard(RateLimiter limiter, Throttles throttles, AuthConfig config) {
        this.limiter = limiter;
        this.throttles = throttles;
        this.config = config.login();
        this.policy = new Throttles.Policy(this.config.freeFailures(), this.config.firstDelay(), this.config.maxDelay(),
                this.config.quietPeriod());
    }

    /** A reserved login attempt: it counts as a failure everywhere until {@link #succeeded()} gives it back. */
    public final class Attempt {
        private final String account;
        private final String address;

        private Attempt(String account, String address) {
            this.account = account;
            this.address = address;
        }

        /** The password was right: the attempt is no failure. */
        public Uni<Void> succeeded() {
            return throttles.release(account, policy).chain(() -> limiter.release(address, config.addressWindow()))
                    .chain(() -> limiter.release(EVERYONE, MINUTE));
        }
    }

    /**
     * Reserves an attempt to log in to the account of {@code email} (as the service compares it) from
     * {@code clientAddress}, or fails with 429 and Retry-After.
     */
    public Uni<Attempt> reserve(String email, String clientAddress) {
        String address = RateLimiter.bucket("login-address", clientAddress);
        String account = RateLimiter.bucket("login", email);
        return limiter.hit(address, config.addressWindow()).flatMap(perAddress -> {
            if (perAddress.hits() > config.maxFailuresPerAddress()) {
                Log.info("login refused: too many failures from the client address");
                return Uni.createFrom()
                        .failure(ApiException.tooMany("too many failed logins from this address, try again later.",
                                "LOGIN_ADDRESS_LIMIT", perAddress.secondsLeft()));
            }
            return throttles.reserve(account, policy).flatMap(decision -> {
                if (!decision.allowed()) {
                    return limiter.release(address, config.addressWindow())
                            .chain(() -> Uni.createFrom()
                                    .failure(ApiException.tooMany("too many failed logins, try again later.",
                                            "LOGIN_LOCKED", decision.retryAfterSeconds())));
                }
                return limiter.hit(EVERYONE, MINUTE).flatMap(everyone -> {
                    if (everyone.hits() > config.maxFailuresPerMinute()) {
                        Log.warn("login refused: the failed logins of all accounts reached the ceiling per minute");
                        return throttles.release(account, policy)
                                .chain(() -> limiter.release(address, config.addressWindow()))
                                .chain(() -> Uni.createFrom()
                                        .failure(ApiException.tooMany("too many failed logins, try again later.",
                                                "LOGIN_BUSY", everyone.secondsLeft())));
                    }
                    return Uni.createFrom().item(new Attempt(account, address));
                });
            });
        });
    }
}
