package com.ewallet.user;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of users: how mobiles are read, password hashing, and how the first admin is made.
 */
@ConfigMapping(prefix = "wallet")
public interface UserConfig {

    /** Registration. */
    Users users();

    /** Administration. */
    Admin admin();

    /** Password hashing; its setting sits under {@code wallet.auth.} with the other login settings. */
    @WithName("auth")
    Passwords passwords();

    interface Passwords {
        /** bcrypt cost factor for new password hashes (each +1 doubles the work). */
        @WithDefault("10")
        int bcryptCost();
    }

    interface Users {
        /** Country calling code put in front of a national mobile number that starts with 0. */
        @WithDefault("62")
        String defaultCountryCode();

        /**
         * Registrations ({@code POST /users}, refused ones included) from one client address per
         * {@code registration-window}.
         */
        @WithDefault("20")
        int registrationsPerAddress();

        /** The fixed window registrations per client address are counted in. */
        @WithDefault("PT1H")
        Duration registrationWindow();
    }

    interface Admin {
        /**
         * File holding the one-time secret a logged-in user presents to {@code POST /api/admin/bootstrap} to become the
         * first admin (read at each use, never logged). Unset: there is no bootstrap.
         */
        Optional<String> bootstrapSecretLocation();
    }
}
