package com.ewallet;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Limits per client address small enough to reach, and a login delay of 2 s from the first step on (the cap too). Tests
 * under it send every request from an address of their own ({@link #newAddress()}, through X-Forwarded-For, which the
 * test profile trusts from the loopback address), so that one test's counts never reach another's.
 */
public class SmallLimitsProfile implements QuarkusTestProfile {

    public static final int FREE_FAILURES = 5;
    public static final int MAX_DELAY_SECONDS = 2;
    public static final int FAILURES_PER_ADDRESS = 8;
    public static final int REGISTRATIONS_PER_ADDRESS = 3;

    private static final AtomicInteger ADDRESSES = new AtomicInteger((int) (System.nanoTime() % 50_000));

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("wallet.login.free-failures", Integer.toString(FREE_FAILURES), "wallet.login.first-delay",
                "PT" + MAX_DELAY_SECONDS + "S", "wallet.login.max-delay", "PT" + MAX_DELAY_SECONDS + "S",
                "wallet.login.max-failures-per-address", Integer.toString(FAILURES_PER_ADDRESS),
                "wallet.users.registrations-per-address", Integer.toString(REGISTRATIONS_PER_ADDRESS));
    }

    /** An IPv4 address no other request of the run has used. */
    public static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }
}
