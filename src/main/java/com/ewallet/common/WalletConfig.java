package com.ewallet.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the service, under the {@code wallet.} prefix. The README's settings table and
 * {@code application.properties.example} list the same names.
 */
@ConfigMapping(prefix = "wallet")
public interface WalletConfig {

    /** Login, tokens and cookies. */
    Auth auth();

    /** Limits on money movements. */
    Money money();

    /** Idempotency-Key handling. */
    Idempotency idempotency();

    /** Transaction history paging. */
    History history();

    /** Registration. */
    Users users();

    interface Users {
        /** Country calling code put in front of a national mobile number that starts with 0. */
        @WithDefault("62")
        String defaultCountryCode();
    }

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

        /** bcrypt cost factor for new password hashes (each +1 doubles the work). */
        @WithDefault("10")
        int bcryptCost();
    }

    interface Money {
        /** Largest amount, in minor units, that one top-up or transfer may move. */
        @WithDefault("10000000000")
        long maxAmount();

        /** Largest balance, in minor units, that an account may hold. */
        @WithDefault("100000000000")
        long maxBalance();

        /** Bank codes accepted by {@code POST /api/transfer} as {@code code}. */
        @WithDefault("bni,bri,mandiri")
        List<String> banks();
    }

    interface Idempotency {
        /** How long a completed Idempotency-Key result is kept and replayed (at least 24 hours). */
        @WithDefault("P2D")
        Duration retention();

        /** How long a claimed key counts as in flight before a retry may take it over (after a crash). */
        @WithDefault("PT30S")
        Duration inFlightTimeout();
    }

    interface History {
        /** Page size of {@code GET /api/transactions} when no {@code limit} is given. */
        @WithDefault("20")
        int defaultLimit();

        /** Largest {@code limit} accepted by {@code GET /api/transactions}. */
        @WithDefault("100")
        int maxLimit();
    }
}
