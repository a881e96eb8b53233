package com.ewallet.wallet.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness stays DOWN while the warm-up ({@link Rehearsal}) runs, so that Kubernetes sends a new replica its first
 * users only once its money path is compiled; a warm-up that could not run does not hold the replica back.
 */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    static final String NAME = "warm-up";

    private final Rehearsal rehearsal;

    public WarmUpReadiness(Rehearsal rehearsal) {
        this.rehearsal = rehearsal;
    }

    @Override
    public HealthCheckResponse call() {
        Rehearsal.Report report = rehearsal.report();
        if (report == null) {
            return HealthCheckResponse.named(NAME).down().withData("state", "rehearsing").build();
        }
        HealthCheckResponseBuilder up = HealthCheckResponse.named(NAME).up();
        if (report.skipped() != null) {
            return up.withData("state", "skipped").withData("reason", report.skipped()).build();
        }
        return up.withData("state", "done").withData("movements", report.moved())
                .withData("ms", report.took().toMillis()).build();
    }
}
