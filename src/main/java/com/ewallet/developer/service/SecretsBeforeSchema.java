package com.ewallet.developer.service;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/** Like the signing keys, the app-secret key-encryption key is checked before Flyway touches the database. */
@Singleton
public class SecretsBeforeSchema implements FlywayConfigurationCustomizer {

    /** Injecting {@link AppSecrets} (a singleton, created at once) reads and checks the key before Flyway runs. */
    public SecretsBeforeSchema(AppSecrets secrets) {
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        // Nothing to change in Flyway: this bean exists to be created first.
    }
}
