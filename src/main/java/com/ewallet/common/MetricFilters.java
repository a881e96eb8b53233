package com.ewallet.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * The Vert.x SQL client's per-connection meters ({@code mysql.*}): every pooled connection registers the same gauge
 * names with the same tags, so only the first connection's values were ever kept, and the second connection's
 * registration logs a duplicate-gauge warning at every start (quarkusio/quarkus#47504, open upstream). The exported
 * registry drops them (the pool's own {@code sql.pool.*} meters describe the whole pool), and the console and file logs
 * drop that one warning ({@link LogNoise}); any other warning of the registry still shows.
 */
public class MetricFilters {

    @Produces
    @Singleton
    MeterFilter noPerConnectionSqlMeters() {
        return MeterFilter.denyNameStartsWith("mysql.");
    }
}
