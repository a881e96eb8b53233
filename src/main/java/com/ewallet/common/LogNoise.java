package com.ewallet.common;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * What the console and file logs leave out ({@code quarkus.log.console.filter}, {@code quarkus.log.file.filter}): the
 * one start-up warning of a known upstream duplicate gauge (see {@link MetricFilters}), and the access-log lines of the
 * warm-up's own requests, which carry a request id that starts with a random prefix only this process knows, and only
 * while it rehearses (see {@code wallet/service/Rehearsal}). Every other line, warnings of the registry included, still
 * shows.
 */
@LoggingFilter(name = "known-noise")
public final class LogNoise implements Filter {

    private static final String REGISTRY_LOGGER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String ACCESS_LOGGER = "io.quarkus.http.access-log";
    private static volatile String quietRequests;

    /** From now on, the access log leaves out requests whose id starts with {@code prefix}; null: none. */
    public static void quietRequestsStartingWith(String prefix) {
        quietRequests = prefix;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName();
        String message = record.getMessage();
        if (message == null) {
            return true;
        }
        if (REGISTRY_LOGGER.equals(logger)) {
            return !message.startsWith("This Gauge has been already registered (MeterId{name='mysql.");
        }
        String quiet = quietRequests;
        return quiet == null || !ACCESS_LOGGER.equals(logger) || !message.contains(" rid=" + quiet);
    }
}
