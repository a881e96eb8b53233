package com.ewallet.developer;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the developer API: SMS passcodes and the gateway they leave through.
 */
@ConfigMapping(prefix = "wallet")
public interface DeveloperConfig {

    /** SMS passcodes. */
    Otp otp();

    /** The SMS gateway passcodes leave through. */
    Sms sms();

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
}
