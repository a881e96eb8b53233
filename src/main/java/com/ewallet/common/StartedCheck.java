package com.ewallet.common;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * The startup probe ({@code /q/health/started}). The HTTP server opens only after Flyway has migrated and
 * {@link StartupSchemaCheck} has passed, so this answers at all only once migrations are done; Kubernetes' startup
 * probe gives that as long as it needs before liveness takes over.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schema migrated").up().build();
    }
}
