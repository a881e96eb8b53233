package com.ewallet.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable identifiers from a secure source. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final char[] BASE32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();

    /** What {@link #publicId()} gives (and the V11 migration gave existing users). */
    public static final String PUBLIC_ID_PATTERN = "[0-9A-V]{12}";

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

    /**
     * 60 random bits as 12 upper-case base32hex characters ({@code 0-9A-V}): a user's opaque public id, the alphabet
     * the V11 migration uses for existing users.
     */
    public static String publicId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32HEX[RANDOM.nextInt(32)];
        }
        return new String(id);
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
