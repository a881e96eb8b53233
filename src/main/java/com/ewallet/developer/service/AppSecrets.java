package com.ewallet.developer.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import com.ewallet.developer.DeveloperConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * App secrets: 32 random bytes (base64), shown once, kept encrypted at rest because the service must read them back to
 * decrypt the Eyowo SDKs' request bodies. They are sealed with AES-256-GCM under a key-encryption key read from the
 * file named by {@code wallet.developer.secret-kek-location} (base64 of 32 bytes); dev and test generate a throwaway
 * one, prod refuses to start without it. Neither the key nor a secret is ever logged.
 */
@Startup
@Singleton
public class AppSecrets {

    static final int SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "ewallet app secret v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec kek;

    public AppSecrets(DeveloperConfig config) {
        this.kek = new SecretKeySpec(load(config.apps().secretKekLocation(), LaunchMode.current()), "AES");
    }

    static byte[] load(Optional<String> location, LaunchMode mode) {
        if (location.isEmpty()) {
            if (!mode.isDevOrTest()) {
                throw new IllegalStateException("No key-encryption key for app secrets: set "
                        + "WALLET_DEVELOPER_SECRET_KEK_LOCATION to a file holding base64 of 32 random bytes "
                        + "(see docs/security.md, 'Keys')");
            }
            Log.info("No app-secret key-encryption key configured: using a throwaway one for this "
                    + mode.getDefaultProfile() + " run");
            return random(32);
        }
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(Path.of(location.get())).strip());
            if (key.length != 32) {
                throw new IllegalStateException("the key-encryption key must be 32 bytes, base64-encoded");
            }
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the app-secret key-encryption key named by "
                    + "wallet.developer.secret-kek-location: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A new secret, as the app's developer will hold it (base64 of 32 random bytes). */
    public String newSecret() {
        return Base64.getEncoder().encodeToString(random(SECRET_BYTES));
    }

    /** The secret as stored: base64 of nonce, ciphertext and tag. */
    public String seal(String secret) {
        byte[] nonce = random(NONCE_BYTES);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, nonce, Base64.getDecoder().decode(secret));
        return Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    /** The raw bytes of a stored secret (the AES key of the app's request bodies). */
    public byte[] open(String stored) {
        byte[] all = Base64.getDecoder().decode(stored);
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        return gcm(Cipher.DECRYPT_MODE, nonce, java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length));
    }

    private byte[] gcm(int mode, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // A stored secret that does not open was sealed under another key-encryption key.
            throw new IllegalStateException("app secret cannot be opened with the configured key-encryption key", e);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
