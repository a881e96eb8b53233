package com.ewallet.bills;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of bill payments: the airtime (VTU) provider's credentials and how unknown outcomes are followed up. The
 * provider's base URL and timeouts are {@code quarkus.rest-client.vtu-provider.*}.
 */
@ConfigMapping(prefix = "wallet")
public interface BillsConfig {

    /** Airtime purchases. */
    Vtu vtu();

    interface Vtu {
        /** The provider's {@code api-key} header (VTpass). */
        Optional<String> apiKey();

        /** The provider's {@code secret-key} header, sent on POST requests (VTpass). */
        Optional<String> secretKey();

        /** How often the reconciler looks for purchases whose outcome is not known yet. */
        @WithDefault("30s")
        String requeryEvery();

        /** How long after a check that left a purchase pending it is asked about again (doubling, up to 32 times). */
        @WithDefault("PT1M")
        Duration recheckAfter();

        /**
         * A purchase the provider says it does not know is failed (and its money returned) only once it is this old: a
         * younger one may still be on its way to the provider.
         */
        @WithDefault("PT5M")
        Duration notFoundAfter();

        /** Purchases the reconciler asks about per run. */
        @WithDefault("50")
        int batch();
    }
}
