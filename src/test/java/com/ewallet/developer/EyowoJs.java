package com.ewallet.developer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.json.JsonObject;

/**
 * Encrypts a request body exactly as the Eyowo JavaScript SDK does (learned from its source, written here anew): a
 * random 16-byte IV sent as 32 hex digits in X-IV, that text decoded as base64 (24 bytes) of which AES uses the first
 * 16; the key base64-decode(app secret); AES-CBC with PKCS#7 padding over JSON.stringify(body); the ciphertext in
 * base64 as {@code {"authData": ...}}.
 */
final class EyowoJs {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The body to send and the X-IV header to send with it. */
    record Encrypted(String body, String iv) {
    }

    private EyowoJs() {
    }

    static Encrypted encrypt(String secret, Map<String, ?> body) {
        return encrypt(secret, new JsonObject(Map.copyOf(body)).encode());
    }

    static Encrypted encrypt(String secret, String plaintext) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String iv = HexFormat.of().formatHex(random);
        return new Encrypted(new JsonObject().put("authData", cipher(secret, iv, plaintext)).encode(), iv);
    }

    static String cipher(String secret, String ivHeader, String plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(secret), "AES"),
                    new IvParameterSpec(Arrays.copyOf(Base64.getDecoder().decode(ivHeader), 16)));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
