package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The logs leave out the warm-up's own access-log lines, and only those, and only while it rehearses. */
class LogNoiseTest {

    private static final String ACCESS = "io.quarkus.http.access-log";
    private final LogNoise filter = new LogNoise();

    @AfterEach
    void noRehearsal() {
        LogNoise.quietRequestsStartingWith(null);
    }

    @Test
    void theWarmUpsAccessLinesAreLeftOutWhileItRehearsesAndNoOtherLine() {
        LogNoise.quietRequestsStartingWith("warm-up-s3cret-");

        assertThat(filter.isLoggable(line(ACCESS, "POST /api/transfer 200 3 ms rid=warm-up-s3cret-17 ip=127.0.0.1")))
                .isFalse();
        // A client's own request id that looks like the warm-up's, without its random part, is logged.
        assertThat(filter.isLoggable(line(ACCESS, "POST /api/transfer 200 3 ms rid=warm-up-17 ip=10.0.0.9"))).isTrue();
        assertThat(filter.isLoggable(line(ACCESS, "POST /api/transfer 200 3 ms rid=abc ip=10.0.0.9"))).isTrue();
        assertThat(filter.isLoggable(line("com.ewallet.wallet.service.Rehearsal", "rid=warm-up-s3cret-17"))).isTrue();

        LogNoise.quietRequestsStartingWith(null);

        assertThat(filter.isLoggable(line(ACCESS, "POST /api/transfer 200 3 ms rid=warm-up-s3cret-17 ip=127.0.0.1")))
                .isTrue();
    }

    @Test
    void theKnownDuplicateGaugeWarningIsLeftOutAndNoOtherWarningOfTheRegistry() {
        String registry = "io.micrometer.core.instrument.MeterRegistry";
        assertThat(filter.isLoggable(
                line(registry, "This Gauge has been already registered (MeterId{name='mysql.queue.size', tags=[]})")))
                        .isFalse();
        assertThat(filter.isLoggable(
                line(registry, "This Gauge has been already registered (MeterId{name='wallet.batch', tags=[]})")))
                        .isTrue();
    }

    private static LogRecord line(String logger, String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(logger);
        return record;
    }
}
