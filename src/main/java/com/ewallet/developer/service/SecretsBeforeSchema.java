package com.ewallet.developer.service;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/** Like the signing keys, the app-secret key-encryption key is checked before Flyway touches the database. */
@Singleton
public class SecretsBeforeSchema implements FlywayConfigurationCustomizer {

    private final AppSecrets secrets;

    public SecretsBeforeSchema(AppSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        // Creating AppSecrets reads and checks the key (or, in dev and test, generates a throwaway one).
        secrets.getClass();
    }
}
