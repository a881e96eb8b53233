package com.ewallet.common;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.logging.LoggingFilter;

/**
 * The Vert.x SQL client's per-connection meters ({@code mysql.*}): every pooled connection registers the same gauge
 * names with the same tags, so only the first connection's values were ever kept, and the second connection's
 * registration logs a duplicate-gauge warning at every start (quarkusio/quarkus#47504, open upstream). The exported
 * registry drops them (the pool's own {@code sql.pool.*} meters describe the whole pool), and the console and file logs
 * drop that one warning; any other warning of the registry still shows.
 */
public class MetricFilters {

    private static final String REGISTRY_LOGGER = "io.micrometer.core.instrument.MeterRegistry";

    @Produces
    @Singleton
    MeterFilter noPerConnectionSqlMeters() {
        return MeterFilter.denyNameStartsWith("mysql.");
    }

    /** Named in {@code quarkus.log.console.filter} and {@code quarkus.log.file.filter}. */
    @LoggingFilter(name = "known-duplicate-sql-gauge")
    public static final class KnownDuplicateSqlGauge implements Filter {

        @Override
        public boolean isLoggable(LogRecord record) {
            String message = record.getMessage();
            return !(REGISTRY_LOGGER.equals(record.getLoggerName()) && message != null
                    && message.startsWith("This Gauge has been already registered (MeterId{name='mysql."));
        }
    }
}
