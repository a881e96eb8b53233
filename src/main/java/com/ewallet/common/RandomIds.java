package com.ewallet.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable identifiers from a secure source. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {
    }

    /** 128 random bits as 22 base64url characters. */
    public static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** 128 random bits as 32 lower-case hex characters: a transaction reference. */
    public static String reference() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A number of exactly {@code digits} decimal digits, the first not zero. */
    public static String digits(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        sb.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < digits; i++) {
            sb.append(RANDOM.nextInt(10));
        }
        return sb.toString();
    }
}
