package com.ewallet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ewallet.auth.service.SigningKeys;

import io.quarkus.runtime.LaunchMode;

/** Start-up key handling: prod without keys must not start, rather than fail at the first login. */
class SigningKeysTest {

    @Test
    void prodWithoutKeyFilesRefusesToStartWithAClearMessage() {
        assertThatThrownBy(() -> SigningKeys.load(Optional.empty(), Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WALLET_AUTH_PRIVATE_KEY_LOCATION");
    }

    @Test
    void devAndTestGenerateAThrowawayPair() {
        KeyPair dev = SigningKeys.load(Optional.empty(), Optional.empty(), LaunchMode.DEVELOPMENT);
        KeyPair test = SigningKeys.load(Optional.empty(), Optional.empty(), LaunchMode.TEST);
        assertThat(dev.getPrivate().getAlgorithm()).isEqualTo("RSA");
        assertThat(dev.getPublic()).isNotEqualTo(test.getPublic());
    }

    @Test
    void prodLoadsThePemFilesItIsGiven(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        KeyPair loaded = SigningKeys.load(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()),
                LaunchMode.NORMAL);

        assertThat(loaded.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(loaded.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void onlyOneOfTheTwoFilesOrAnUnreadableFileIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> SigningKeys.load(Optional.of("/x.pem"), Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> SigningKeys.load(Optional.of(dir.resolve("missing.pem").toString()),
                Optional.of(dir.resolve("missing2.pem").toString()), LaunchMode.NORMAL))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot read");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
