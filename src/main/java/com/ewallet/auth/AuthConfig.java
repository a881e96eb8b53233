package com.ewallet.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of login, tokens and sessions (both the cookie login and the developer API's wallet tokens). Names are
 * listed with their defaults in {@code application.properties.example}.
 */
@ConfigMapping(prefix = "wallet")
public interface AuthConfig {

    /** Login, tokens and cookies. */
    Auth auth();

    /** Brute-force protection of cookie login. */
    Login login();

    /** Lifetimes of the developer API's wallet tokens. */
    Developer developer();

    interface Auth {
        /** The {@code iss} claim of every token the service issues and accepts. */
        @WithDefault("ewallet")
        String issuer();

        /** Lifetime of an access token (and its cookie). */
        @WithDefault("PT15M")
        Duration accessTokenTtl();

        /** Lifetime of a refresh token (and its cookie); also the longest a login session lives unused. */
        @WithDefault("P30D")
        Duration refreshTokenTtl();

        /** PEM file with the RSA private key that signs tokens. Required in prod. */
        Optional<String> privateKeyLocation();

        /** PEM file with the matching RSA public key. Required in prod. */
        Optional<String> publicKeyLocation();

        /** Whether cookies carry the Secure flag (HTTPS only). Off in dev and test. */
        @WithDefault("true")
        boolean cookieSecure();

        /** SameSite attribute of every cookie: STRICT, LAX or NONE. */
        @WithDefault("LAX")
        String cookieSameSite();

        /**
         * How many verified tokens each replica remembers so that it does not check their signature again (about 1 KB
         * each); 0 turns the cache off.
         */
        @WithDefault("4096")
        int verifiedTokenCacheSize();

        /**
         * How long a rotated-out refresh token (cookie, or a rotating wallet one) still gets the tokens that replaced
         * it, so that two tabs refreshing at once keep their session; after that, showing it revokes the session. 0
         * turns the grace off.
         */
        @WithDefault("PT5S")
        Duration refreshGrace();
    }

    interface Login {
        /** Failed logins of one account that cost no wait; after them every further attempt must wait a delay. */
        @WithDefault("5")
        int freeFailures();

        /** The wait after the first failure beyond {@code free-failures}; it doubles with each further failure. */
        @WithDefault("PT1S")
        Duration firstDelay();

        /** The longest wait between two attempts on one account: nobody is kept out longer than this at a time. */
        @WithDefault("PT60S")
        Duration maxDelay();

        /**
         * An account's failures are forgotten after this long without an attempt (at least max-delay, at most 1 day).
         */
        @WithDefault("PT15M")
        Duration quietPeriod();

        /** Failed logins from one client address (across accounts) per {@code address-window} before 429. */
        @WithDefault("30")
        int maxFailuresPerAddress();

        /** The fixed window failures per client address are counted in. */
        @WithDefault("PT1H")
        Duration addressWindow();

        /** Failed logins of all accounts from all addresses per minute before every login answers 429 (last guard). */
        @WithDefault("600")
        int maxFailuresPerMinute();
    }

    interface Developer {
        /** Lifetime of a wallet access token (its expiresIn). */
        @WithDefault("P1D")
        Duration accessTokenTtl();

        /** Lifetime of a wallet refresh token. */
        @WithDefault("P30D")
        Duration refreshTokenTtl();

        /**
         * Whether {@code POST /v1/users/accessToken} rotates the refresh token (and ends the session when an old one is
         * shown again). Off: the Eyowo way, the refresh token stays valid until it expires or the session is revoked;
         * the app key authenticates these confidential clients (RFC 9700, 4.14.2).
         */
        @WithDefault("false")
        boolean rotateRefreshTokens();
    }
}
