package com.ewallet.auth.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.ewallet.auth.AuthConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key pair that signs and verifies every token. Loaded from the PEM files named by
 * {@code wallet.auth.private-key-location} and {@code wallet.auth.public-key-location}; dev and test mode generate a
 * throwaway pair when none is named; prod refuses to start without one, instead of starting and failing at the first
 * login.
 */
@Startup
@Singleton
public class SigningKeys {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public SigningKeys(AuthConfig config) {
        KeyPair pair = load(config.auth().privateKeyLocation(), config.auth().publicKeyLocation(),
                LaunchMode.current());
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    public static KeyPair load(Optional<String> privateLocation, Optional<String> publicLocation, LaunchMode mode) {
        if (privateLocation.isPresent() != publicLocation.isPresent()) {
            throw new IllegalStateException("Set both wallet.auth.private-key-location and "
                    + "wallet.auth.public-key-location (WALLET_AUTH_PRIVATE_KEY_LOCATION, WALLET_AUTH_PUBLIC_KEY_LOCATION), or neither");
        }
        if (privateLocation.isEmpty()) {
            if (!mode.isDevOrTest()) {
                throw new IllegalStateException(
                        "No JWT signing key configured: set WALLET_AUTH_PRIVATE_KEY_LOCATION and "
                                + "WALLET_AUTH_PUBLIC_KEY_LOCATION to PEM files of an RSA key pair (see docs/security.md, 'Keys')");
            }
            Log.info("No JWT key files configured: using a throwaway RSA key pair generated for this "
                    + mode.getDefaultProfile() + " run");
            return generate();
        }
        try {
            PrivateKey privateKey = KeyUtils.decodePrivateKey(Files.readString(Path.of(privateLocation.get())));
            PublicKey publicKey = KeyUtils.decodePublicKey(Files.readString(Path.of(publicLocation.get())));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the JWT key files named by wallet.auth.private-key-location "
                    + "and wallet.auth.public-key-location: " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }
}
