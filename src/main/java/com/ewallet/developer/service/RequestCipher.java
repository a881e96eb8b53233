package com.ewallet.developer.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.developer.App;

/**
 * The request bodies of the Eyowo JavaScript SDK: {@code {"authData": base64(ciphertext)}} with an {@code X-IV} header.
 * The SDK encrypts the JSON text with AES-CBC and PKCS#7 padding, the key being base64-decode(app secret) and the IV
 * the first 16 bytes of base64-decode(X-IV) (it sends 16 random bytes as 32 hex digits and decodes that text as
 * base64). Every way a body can fail to decrypt has its own 400.
 */
@ApplicationScoped
public class RequestCipher {

    static final int IV_BYTES = 16;

    private final AppSecrets secrets;

    public RequestCipher(AppSecrets secrets) {
        this.secrets = secrets;
    }

    /** The decrypted text of {@code authData}, which the caller still has to read as a JSON object. */
    public String decrypt(App app, String authData, String ivHeader) {
        if (ivHeader == null || ivHeader.isBlank()) {
            throw refused("X-IV header is required with authData.", "IV_MISSING", "X-IV", "is required");
        }
        byte[] iv = base64(ivHeader.strip(), "X-IV", "IV_INVALID");
        if (iv.length < IV_BYTES) {
            throw refused("X-IV must decode to at least 16 bytes.", "IV_INVALID", "X-IV",
                    "must be base64 of at least 16 bytes (the SDK sends 32 hex digits)");
        }
        byte[] ciphertext = base64(authData, "authData", "AUTH_DATA_INVALID");
        if (ciphertext.length == 0 || ciphertext.length % IV_BYTES != 0) {
            throw refused("authData is not an AES-CBC ciphertext.", "AUTH_DATA_INVALID", "authData",
                    "must be base64 of a whole number of 16-byte blocks");
        }
        if (app.secretEnc == null) {
            throw refused("this app has no secret yet: an admin must rotate it.", "APP_SECRET_MISSING", "authData",
                    "cannot be decrypted without the app's secret");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secrets.open(app.secretEnc), "AES"),
                    new IvParameterSpec(Arrays.copyOf(iv, IV_BYTES)));
            plain = cipher.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw undecryptable();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            throw undecryptable();
        }
    }

    private static byte[] base64(String value, String field, String code) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw refused(field + " is not base64.", code, field, "must be base64");
        }
    }

    private static ApiException undecryptable() {
        return refused("authData does not decrypt with this app's secret.", "AUTH_DATA_UNDECRYPTABLE", "authData",
                "must be encrypted with the app's secret and the X-IV sent");
    }

    private static ApiException refused(String msg, String code, String field, String reason) {
        return ApiException.badRequest(msg, code, field, reason);
    }
}
