package com.ewallet.auth.service;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Makes the signing keys a precondition of the schema: Quarkus builds Flyway (and calls this) before it migrates at
 * start-up, so a production start without usable key files fails here, before it touches the database, instead of after
 * migrating it.
 */
@Singleton
public class KeysBeforeSchema implements FlywayConfigurationCustomizer {

    private final SigningKeys keys;

    public KeysBeforeSchema(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        // Creating SigningKeys loads and checks the key pair (or, in dev and test, generates a throwaway one).
        keys.publicKey();
    }
}
