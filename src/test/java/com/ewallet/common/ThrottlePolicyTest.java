package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The progressive delay of {@link Throttles} and the per-hour bound docs/security.md states for the defaults. */
class ThrottlePolicyTest {

    /** The login defaults (AuthConfig.Login). */
    private static final Throttles.Policy LOGIN = new Throttles.Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofMinutes(15));

    @Test
    void fiveFailuresAreFreeThenTheDelayDoublesUpToTheCap() {
        List<Long> delays = new ArrayList<>();
        for (int failures = 1; failures <= 13; failures++) {
            delays.add(LOGIN.delayAfter(failures).toSeconds());
        }
        assertThat(delays).containsExactly(0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(LOGIN.delayAfter(10_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anAttackerWhoTriesTheMomentEachDelayEndsGetsAtMost69GuessesInAnHourAnd60InEachHourAfter() {
        // Guesses at the earliest moments allowed, over three hours, by any number of addresses together.
        List<Long> times = new ArrayList<>();
        long now = 0;
        int failures = 0;
        while (now < 3 * 3_600_000L) {
            times.add(now);
            failures++;
            now += LOGIN.delayAfter(failures).toMillis();
        }
        assertThat(guessesWithin(times, 0)).isEqualTo(69);
        long worstLater = 0;
        for (long start = 3_600_000L; start <= 2 * 3_600_000L; start += 1_000) {
            worstLater = Math.max(worstLater, guessesWithin(times, start));
        }
        assertThat(worstLater).isEqualTo(60);
    }

    private static long guessesWithin(List<Long> times, long start) {
        return times.stream().filter(t -> t >= start && t < start + 3_600_000L).count();
    }
}
