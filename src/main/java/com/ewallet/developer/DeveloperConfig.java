package com.ewallet.developer;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of the developer API: SMS passcodes and the gateway they leave through.
 */
@ConfigMapping(prefix = "wallet")
public interface DeveloperConfig {

    /** SMS passcodes. */
    Otp otp();

    /** The SMS gateway passcodes leave through. */
    Sms sms();

    /** App secrets; under {@code wallet.developer.} with the wallet-token settings. */
    @WithName("developer")
    Apps apps();

    interface Apps {
        /**
         * File holding the key-encryption key (base64 of 32 random bytes) that app secrets are stored under. Required
         * in prod; dev and test generate a throwaway one.
         */
        Optional<String> secretKekLocation();
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

        /**
         * Wrong passcodes for one mobile through one app within {@code verify-window} after which that app's
         * verifications for that mobile answer 429 (other apps are not affected).
         */
        @WithDefault("10")
        int maxVerifyFailures();

        /**
         * Wrong passcodes through one app, for all mobiles, within {@code verify-window} before its verifications
         * answer 429.
         */
        @WithDefault("1000")
        int maxVerifyFailuresPerApp();

        /** The fixed window wrong passcodes are counted in, and the longest either limit refuses. */
        @WithDefault("PT15M")
        Duration verifyWindow();
    }

    interface Sms {
        /** {@code http}: send through the gateway; {@code log}: only log that a passcode was sent (dev). */
        @WithDefault("http")
        String mode();

        /**
         * Which API the gateway speaks: {@code generic} ({@code POST /messages} with a bearer token) or {@code termii}
         * (Termii's {@code POST /api/sms/send}, with the key in the body).
         */
        @WithDefault("generic")
        String provider();

        /** Termii's channel: {@code generic}, or {@code dnd} for numbers on the do-not-disturb list. */
        @WithDefault("dnd")
        String channel();

        /** The gateway's key: a bearer token (generic) or Termii's {@code api_key}. */
        Optional<String> apiKey();

        /** Sender name shown on the SMS. */
        @WithDefault("eWallet")
        String sender();
    }
}
