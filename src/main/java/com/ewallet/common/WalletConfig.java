package com.ewallet.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** Per-tier limits, by tier number: {@code wallet.tiers."1".max-balance} and so on. */
    Map<String, Tier> tiers();

    /** Brute-force protection of cookie login. */
    Login login();

    /** The developer API (/v1). */
    Developer developer();

    /** SMS passcodes. */
    Otp otp();

    /** The SMS gateway passcodes leave through. */
    Sms sms();

    /** Settlement of bank transfers. */
    Bank bank();

    /** Administration. */
    Admin admin();

    interface Tier {
        /** Largest balance (minor units) an account of this tier may hold. */
        long maxBalance();

        /** Most an account of this tier may send out (banks and wallets) per UTC day, in minor units. */
        long dailyOutgoingLimit();
    }

    interface Login {
        /** Failed logins of one account within {@code lockout} after which login answers 429. */
        @WithDefault("5")
        int maxFailures();

        /** The window failures are counted in, and the longest a lock-out lasts. */
        @WithDefault("PT15M")
        Duration lockout();
    }

    interface Developer {
        /** Lifetime of a wallet access token (its expiresIn). */
        @WithDefault("P1D")
        Duration accessTokenTtl();

        /** Lifetime of a wallet refresh token. */
        @WithDefault("P30D")
        Duration refreshTokenTtl();
    }

    interface Otp {
        /** How long a passcode may be used. */
        @WithDefault("PT5M")
        Duration ttl();

        /** Wrong tries after which a passcode dies. */
        @WithDefault("5")
        int maxAttempts();

        /** Passcodes one mobile may be sent per {@code send-window}. */
        @WithDefault("3")
        int sendsPerMobile();

        /** Passcodes one app may send per {@code send-window}. */
        @WithDefault("500")
        int sendsPerApp();

        /** The window the two send limits count in. */
        @WithDefault("PT10M")
        Duration sendWindow();

        /** Wrong passcodes per mobile within {@code verify-window} after which verification answers 429. */
        @WithDefault("10")
        int maxVerifyFailures();

        /** The window wrong passcodes are counted in, and the longest a lock-out lasts. */
        @WithDefault("PT15M")
        Duration verifyWindow();
    }

    interface Sms {
        /** {@code http}: send through the gateway; {@code log}: only log that a passcode was sent (dev). */
        @WithDefault("http")
        String mode();

        /** Bearer token sent to the gateway, if it wants one. */
        Optional<String> apiKey();

        /** Sender name shown on the SMS. */
        @WithDefault("eWallet")
        String sender();
    }

    interface Bank {
        /**
         * When set, pending bank transfers older than this are settled as successful by a scheduled job; when unset
         * they wait for an admin to settle them.
         */
        Optional<Duration> autoSettleAfter();

        /** How often the auto-settlement job looks for due transfers. */
        @WithDefault("5s")
        String settleEvery();
    }

    interface Admin {
        /** The user with this email is an admin (at start-up if registered, or when registering). */
        Optional<String> email();
    }

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

        /**
         * How many verified tokens each replica remembers so that it does not check their signature again (about 1 KB
         * each); 0 turns the cache off.
         */
        @WithDefault("4096")
        int verifiedTokenCacheSize();
    }

    interface Money {
        /** Largest amount, in minor units, that one top-up or transfer may move. */
        @WithDefault("10000000000")
        long maxAmount();

        /** Bank codes accepted by {@code POST /api/transfer} as {@code code}. */
        @WithDefault("bni,bri,mandiri")
        List<String> banks();

        /**
         * How many account identities (id, owner, number: they never change) each replica remembers so that a wallet
         * transfer can lock both rows without looking them up first (about 200 bytes each); 0 turns the cache off.
         */
        @WithDefault("20000")
        int accountCacheSize();
    }

    interface Idempotency {
        /** How long a completed Idempotency-Key result is kept and replayed (at least 24 hours). */
        @WithDefault("P2D")
        Duration retention();
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
