package com.ewallet.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged application runs as in production, so it insists on key files: this writes a throwaway RSA pair and
 * app-secret key-encryption key for the *IT run and names them in the settings it is started with.
 */
public class IntegrationKeys implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("ewallet-it-keys");
            Path privatePem = dir.resolve("private.pem");
            Path publicPem = dir.resolve("public.pem");
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            byte[] kek = new byte[32];
            new java.security.SecureRandom().nextBytes(kek);
            Path kekFile = dir.resolve("app-secret.kek");
            Files.writeString(kekFile, Base64.getEncoder().encodeToString(kek));
            // A short warm-up: every start still rehearses before it is ready, without 30 s a start.
            return Map.of("wallet.auth.private-key-location", privatePem.toString(), "wallet.auth.public-key-location",
                    publicPem.toString(), "wallet.developer.secret-kek-location", kekFile.toString(),
                    "wallet.warm-up.duration", "2s");
        } catch (Exception e) {
            throw new IllegalStateException("cannot write test keys", e);
        }
    }

    @Override
    public void stop() {
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
